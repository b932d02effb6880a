/*
 * recovery_code_normalize (cgi/model/totp.c), what a person types as a
 * recovery code, against an independent model: at most 64 bytes; spaces and
 * '-' dropped; letters folded to lower case; o read as 0, i and l as 1;
 * every other byte, or a count of symbols other than 12, refused (and the
 * empty string written). Also: the normal form normalises to itself, in
 * capitals and in the display form "xxxx-xxxx-xxxx" too; recovery_code_hash
 * accepts exactly what normalises, and gives the hash of the normal form.
 */
#include "fuzz.h"

#include <sodium.h>

#include "model/totp.h"

static const char ALPHABET[] = "0123456789abcdefghjkmnpqrstvwxyz";

static int ref_normalize(const unsigned char *s, size_t n, char out[13])
{
	if (n > 64)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		c = c == 'o' ? '0' : (c == 'i' || c == 'l') ? '1' : c;
		int ok = 0;
		for (size_t j = 0; j < 32; j++)
			ok |= ALPHABET[j] == c;
		if (!ok || k == 12)
			return -1;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return k == 12 ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (sodium_init() < 0)
		abort();
	char got[RECOVERY_CODE_SYMBOLS + 1], want[13];
	int r = recovery_code_normalize((const char *)data, size, got);
	FUZZ_CHECK(r == ref_normalize(data, size, want));
	if (r != 0) {
		FUZZ_CHECK(got[0] == '\0');
	} else {
		FUZZ_CHECK(strcmp(got, want) == 0);
		char again[RECOVERY_CODE_SYMBOLS + 1], shown[RECOVERY_CODE_TEXT_LEN + 1], caps[13];
		FUZZ_CHECK(recovery_code_normalize(got, 12, again) == 0 && strcmp(again, got) == 0);
		snprintf(shown, sizeof(shown), "%.4s-%.4s-%.4s", got, got + 4, got + 8);
		FUZZ_CHECK(recovery_code_normalize(shown, RECOVERY_CODE_TEXT_LEN, again) == 0 && strcmp(again, got) == 0);
		for (int i = 0; i < 13; i++)
			caps[i] = (char)(got[i] >= 'a' && got[i] <= 'z' ? got[i] - 32 : got[i]);
		FUZZ_CHECK(recovery_code_normalize(caps, 12, again) == 0 && strcmp(again, got) == 0);
	}
	static const unsigned char key[TOTP_KEY_BYTES] = { 1, 2, 3 };
	unsigned char h[RECOVERY_HASH_BYTES], h2[RECOVERY_HASH_BYTES];
	int hr = recovery_code_hash(key, 5, (const char *)data, size, h);
	FUZZ_CHECK(hr == r);
	if (hr == 0) {
		FUZZ_CHECK(recovery_code_hash(key, 5, got, 12, h2) == 0 && recovery_hash_equal(h, h2));
		FUZZ_CHECK(recovery_code_hash(key, 6, got, 12, h2) == 0 && !recovery_hash_equal(h, h2));
	} else {
		for (size_t i = 0; i < sizeof(h); i++)
			FUZZ_CHECK(h[i] == 0);
	}
	return 0;
}
