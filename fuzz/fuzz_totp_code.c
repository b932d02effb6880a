/*
 * What a person types as a TOTP code, and base32 text (cgi/model/totp.c):
 *  - totp_code_parse gives the same verdict and digits as an independent
 *    model (at most TOTP_CODE_INPUT_MAX bytes; ASCII spaces dropped; exactly
 *    six ASCII digits left), and the empty string when it refuses;
 *  - totp_check on the input as a C string says TOTP_MALFORMED exactly when
 *    the model refuses the text up to the first NUL, and otherwise accepts
 *    only the code of a step in the window, with that step as the counter;
 *  - totp_base32_decode: when it accepts, the bytes encode back to the input
 *    with separators and padding dropped and letters in upper case (one text
 *    per byte string), and fit the output; the encoding of any bytes (the
 *    input's first 40) decodes back to them.
 */
#include "fuzz.h"

#include <sodium.h>

#include "model/totp.h"

static int ref_parse(const unsigned char *s, size_t n, char out[7])
{
	if (n > 32)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		if (!(s[i] >= '0' && s[i] <= '9') || k == 6)
			return -1;
		out[k++] = (char)s[i];
	}
	out[k] = '\0';
	return k == 6 ? 0 : -1;
}

static const unsigned char SECRET[TOTP_SECRET_BYTES] = "12345678901234567890";

static void check_code(const uint8_t *data, size_t size)
{
	char got[TOTP_DIGITS + 1], want[7];
	int r = totp_code_parse((const char *)data, size, got);
	int m = ref_parse(data, size, want);
	FUZZ_CHECK(r == m);
	if (r == 0)
		FUZZ_CHECK(strcmp(got, want) == 0);
	else
		FUZZ_CHECK(got[0] == '\0');

	char *text = fuzz_strndup(data, size);
	size_t clen = strlen(text);
	time_t now = 1234567890;
	uint64_t step = (uint64_t)now / 30, counter = 99;
	enum totp_result t = totp_check(SECRET, text, now, 0, &counter);
	int mc = ref_parse(data, clen, want);
	FUZZ_CHECK((t == TOTP_MALFORMED) == (mc != 0));
	FUZZ_CHECK(t == TOTP_MALFORMED || t == TOTP_WRONG || t == TOTP_ACCEPTED);
	if (t == TOTP_ACCEPTED) {
		FUZZ_CHECK(counter >= step - 1 && counter <= step + 1);
		char code[TOTP_DIGITS + 1];
		FUZZ_CHECK(totp_code_at(SECRET, counter, code) == 0 && strcmp(code, want) == 0);
		/* Once used, the same code is refused. */
		uint64_t again;
		FUZZ_CHECK(totp_check(SECRET, text, now, counter, &again) == TOTP_REPLAYED && again == 0);
	} else {
		FUZZ_CHECK(counter == 0);
	}
	free(text);
}

static void check_base32(const uint8_t *data, size_t size)
{
	unsigned char out[700];
	long n = totp_base32_decode((const char *)data, size, out, sizeof(out));
	FUZZ_CHECK(n >= -1 && n <= (long)sizeof(out));
	if (size > 1024)
		FUZZ_CHECK(n == -1);
	if (n >= 0) {
		char canon[1100];
		size_t k = 0;
		for (size_t i = 0; i < size; i++) {
			unsigned char c = data[i];
			if (c == ' ' || c == '-' || c == '=')
				continue;
			FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
			canon[k++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
		}
		canon[k] = '\0';
		char back[1200];
		size_t e = totp_base32_encode(out, (size_t)n, back, sizeof(back));
		FUZZ_CHECK(e == k && strcmp(back, canon) == 0);
	}
	size_t take = size < 40 ? size : 40;
	char enc[70];
	size_t e = totp_base32_encode(data, take, enc, sizeof(enc));
	FUZZ_CHECK(e == (take * 8 + 4) / 5 && strlen(enc) == e);
	unsigned char dec[40];
	FUZZ_CHECK(totp_base32_decode(enc, e, dec, sizeof(dec)) == (long)take);
	FUZZ_CHECK(take == 0 || memcmp(dec, data, take) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (sodium_init() < 0)
		abort();
	check_code(data, size);
	check_base32(data, size);
	return 0;
}
