/*
 * The second factor's core (model/totp.h): RFC 6238's SHA-1 vectors, the
 * window of one step either way, replay refusal, code parsing, base32 (RFC
 * 4648 vectors), the key URI's percent-encoding, sealed secrets, recovery codes.
 */
#include <sodium.h>
#include <stdlib.h>

#include <liboath/oath.h>

#include "check.h"
#include "model/totp.h"

/* RFC 6238 Appendix B: the SHA-1 secret is the ASCII text "12345678901234567890". */
static const unsigned char RFC_SECRET[TOTP_SECRET_BYTES] = "12345678901234567890";

static const struct {
	time_t t;
	const char *eight;  /* the RFC's 8-digit value; the 6-digit code is its last 6 */
} RFC_VECTORS[] = {
	{ 59, "94287082" },         { 1111111109, "07081804" }, { 1111111111, "14050471" },
	{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000, "65353130" },
};
#define NVECTORS (sizeof(RFC_VECTORS) / sizeof(RFC_VECTORS[0]))

static void test_rfc6238_sha1_vectors(void)
{
	for (size_t i = 0; i < NVECTORS; i++) {
		const char *code = RFC_VECTORS[i].eight + 2;
		time_t t = RFC_VECTORS[i].t;
		uint64_t step = (uint64_t)t / 30, got = 12345;
		CHECK(totp_check(RFC_SECRET, code, t, 0, &got) == TOTP_ACCEPTED);
		CHECK(got == step);
		char at[TOTP_DIGITS + 1];
		CHECK(totp_code_at(RFC_SECRET, step, at) == 0);
		CHECK_STR(at, code);
		/* liboath's own validator agrees on the step. */
		int pos = 99;
		uint64_t oc = 0;
		CHECK(oath_totp_validate4((const char *)RFC_SECRET, 20, t, 30, 0, 0, &pos, &oc, 0, code) == 0);
		CHECK(pos == 0 && oc == step);
	}
	/* The first and last second of a step give its code; the next second does not. */
	uint64_t got;
	CHECK(totp_check(RFC_SECRET, "287082", 30, 0, &got) == TOTP_ACCEPTED && got == 1);
	CHECK(totp_check(RFC_SECRET, "287082", 59, 0, &got) == TOTP_ACCEPTED && got == 1);
}

static void test_window_is_one_step_either_way(void)
{
	time_t t = 1234567890;  /* step 41152263 */
	uint64_t s = (uint64_t)t / 30, got;
	char c[TOTP_DIGITS + 1];
	for (int d = -3; d <= 3; d++) {
		CHECK(totp_code_at(RFC_SECRET, s + (uint64_t)(int64_t)d, c) == 0);
		enum totp_result r = totp_check(RFC_SECRET, c, t, 0, &got);
		if (d >= -1 && d <= 1) {
			CHECK(r == TOTP_ACCEPTED);
			CHECK(got == s + (uint64_t)(int64_t)d);
		} else {
			CHECK(r == TOTP_WRONG);
			CHECK(got == 0);
		}
	}
	/* A clock 30 s behind or ahead still works, 60 s does not. */
	CHECK(totp_code_at(RFC_SECRET, s, c) == 0);
	CHECK(totp_check(RFC_SECRET, c, t - 30, 0, &got) == TOTP_ACCEPTED && got == s);
	CHECK(totp_check(RFC_SECRET, c, t + 30, 0, &got) == TOTP_ACCEPTED && got == s);
	CHECK(totp_check(RFC_SECRET, c, t - 60, 0, &got) == TOTP_WRONG);
	CHECK(totp_check(RFC_SECRET, c, t + 60, 0, &got) == TOTP_WRONG);
	/* Near the epoch there is no step before 0; before the epoch nothing is accepted. */
	CHECK(totp_code_at(RFC_SECRET, 0, c) == 0);
	CHECK(totp_check(RFC_SECRET, c, 5, 0, &got) == TOTP_REPLAYED);  /* step 0 is never after last 0 */
	CHECK(totp_check(RFC_SECRET, "287082", 5, 0, &got) == TOTP_ACCEPTED && got == 1);
	CHECK(totp_check(RFC_SECRET, "287082", -1, 0, &got) == TOTP_WRONG);
	/* Step 0 has no step before it (the counter does not wrap to 2^64 - 1)... */
	CHECK(totp_code_at(RFC_SECRET, UINT64_MAX, c) == 0);
	CHECK(totp_check(RFC_SECRET, c, 5, 0, &got) == TOTP_WRONG);
	/* ...and a time before 1970 is no step at all (it does not wrap either). */
	CHECK(totp_code_at(RFC_SECRET, UINT64_MAX / 30, c) == 0);
	CHECK(totp_check(RFC_SECRET, c, -1, 0, &got) == TOTP_WRONG);
}

static void test_replay_is_refused(void)
{
	time_t t = 2000000000;
	uint64_t s = (uint64_t)t / 30, got;
	CHECK(totp_check(RFC_SECRET, "279037", t, 0, &got) == TOTP_ACCEPTED && got == s);
	/* The same code again, in the same step or the next: refused. */
	CHECK(totp_check(RFC_SECRET, "279037", t, s, &got) == TOTP_REPLAYED && got == 0);
	CHECK(totp_check(RFC_SECRET, "279037", t + 30, s, &got) == TOTP_REPLAYED);
	/* No going back: after step s+1 was used, the code of step s is refused too. */
	char prev[TOTP_DIGITS + 1], next[TOTP_DIGITS + 1];
	CHECK(totp_code_at(RFC_SECRET, s + 1, next) == 0);
	CHECK(totp_check(RFC_SECRET, next, t, s, &got) == TOTP_ACCEPTED && got == s + 1);
	CHECK(totp_check(RFC_SECRET, "279037", t, s + 1, &got) == TOTP_REPLAYED);
	CHECK(totp_code_at(RFC_SECRET, s - 1, prev) == 0);
	CHECK(totp_check(RFC_SECRET, prev, t, s, &got) == TOTP_REPLAYED);
	/*
	 * Steps 50424280 and 50424281 have the same code (found by search): the
	 * later step is taken, so the code cannot be replayed as the later one.
	 */
	char c0[TOTP_DIGITS + 1], c1[TOTP_DIGITS + 1];
	CHECK(totp_code_at(RFC_SECRET, 50424280, c0) == 0 && totp_code_at(RFC_SECRET, 50424281, c1) == 0);
	CHECK_STR(c0, "070562");
	CHECK_STR(c1, "070562");
	time_t tc = 50424280 * (time_t)30;
	CHECK(totp_check(RFC_SECRET, "070562", tc, 0, &got) == TOTP_ACCEPTED && got == 50424281);
	CHECK(totp_check(RFC_SECRET, "070562", tc, got, &got) == TOTP_REPLAYED);
	/* A wrong code stays wrong whatever the last counter. */
	CHECK(totp_check(RFC_SECRET, "000000", t, s, &got) == TOTP_WRONG);
	CHECK(totp_check(RFC_SECRET, "000000", t, 0, &got) == TOTP_WRONG);
}

static void test_malformed_codes(void)
{
	uint64_t got = 7;
	time_t t = 1111111111;
	const char *bad[] = { "", " ", "14050", "1405047", "14O471", "abcdef", "050471\n", "+50471",
	                      "0x5047", "05047１", "050471\t", "05-0471", NULL };
	for (int i = 0; bad[i]; i++) {
		CHECK(totp_check(RFC_SECRET, bad[i], t, 0, &got) == TOTP_MALFORMED);
		CHECK(got == 0);
	}
	CHECK(totp_check(RFC_SECRET, NULL, t, 0, &got) == TOTP_MALFORMED);
	/* Spaces anywhere are dropped. */
	CHECK(totp_check(RFC_SECRET, " 050 471 ", t, 0, &got) == TOTP_ACCEPTED);
	CHECK(totp_check(RFC_SECRET, "0 5 0 4 7 1", t, 0, &got) == TOTP_ACCEPTED);
	/* Bounded: 32 bytes are looked at, 33 are not. */
	char pad[64];
	memset(pad, ' ', sizeof(pad));
	memcpy(pad, "050471", 6);
	pad[TOTP_CODE_INPUT_MAX] = '\0';
	CHECK(totp_check(RFC_SECRET, pad, t, 0, &got) == TOTP_ACCEPTED);
	pad[TOTP_CODE_INPUT_MAX] = ' ';
	pad[TOTP_CODE_INPUT_MAX + 1] = '\0';
	CHECK(totp_check(RFC_SECRET, pad, t, 0, &got) == TOTP_MALFORMED);
	char *huge = malloc(1 << 20);
	memset(huge, '1', (1 << 20) - 1);
	huge[(1 << 20) - 1] = '\0';
	CHECK(totp_check(RFC_SECRET, huge, t, 0, &got) == TOTP_MALFORMED);
	free(huge);
	/* The parser on its own: a NUL inside is not a digit. */
	char out[TOTP_DIGITS + 1];
	CHECK(totp_code_parse("050\0" "471", 7, out) == -1 && out[0] == '\0');
	CHECK(totp_code_parse("0504710", 6, out) == 0);
	CHECK_STR(out, "050471");
}

static void b32(const char *in, const char *want)
{
	char out[64];
	size_t n = strlen(in);
	CHECK(totp_base32_encode((const unsigned char *)in, n, out, sizeof(out)) == strlen(want));
	CHECK_STR(out, want);
	unsigned char back[64];
	CHECK(totp_base32_decode(want, strlen(want), back, sizeof(back)) == (long)n);
	CHECK(memcmp(back, in, n) == 0);
}

static void test_base32_rfc4648_vectors(void)
{
	/* RFC 4648 section 10, padding left off. */
	b32("", "");
	b32("f", "MY");
	b32("fo", "MZXQ");
	b32("foo", "MZXW6");
	b32("foob", "MZXW6YQ");
	b32("fooba", "MZXW6YTB");
	b32("foobar", "MZXW6YTBOI");
	unsigned char back[16];
	/* With padding, lower case, spaces and dashes, as apps show it. */
	CHECK(totp_base32_decode("MZXW6YTBOI======", 16, back, sizeof(back)) == 6 && memcmp(back, "foobar", 6) == 0);
	CHECK(totp_base32_decode("mzxw 6ytb-oi", 12, back, sizeof(back)) == 6 && memcmp(back, "foobar", 6) == 0);
	CHECK(totp_base32_decode("MY======", 8, back, sizeof(back)) == 1);
	/* Refused: other characters, impossible lengths, wrong padding, stray bits, too small out. */
	CHECK(totp_base32_decode("MZXW1", 5, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("M", 1, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("MZX", 3, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("MZXW6Y", 6, back, sizeof(back)) == -1);
	/* The same lengths with no stray bits: refused for the length alone. */
	CHECK(totp_base32_decode("A", 1, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("AAA", 3, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("AAAAAA", 6, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("AAAAAAA", 7, back, sizeof(back)) == 4);
	CHECK(totp_base32_decode("MY=====", 7, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("MY=======", 9, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("M=Y", 3, back, sizeof(back)) == -1);
	CHECK(totp_base32_decode("MZ", 2, back, sizeof(back)) == -1);  /* "MY" with a stray low bit */
	CHECK(totp_base32_decode("MZXW6YTBOI", 10, back, 5) == -1);
	char big[1100];
	memset(big, 'A', sizeof(big));
	CHECK(totp_base32_decode(big, 1024, (unsigned char[700]){ 0 }, 700) == 640);
	CHECK(totp_base32_decode(big, 1025, (unsigned char[700]){ 0 }, 700) == -1);
	CHECK(totp_base32_decode(big, 1032, (unsigned char[700]){ 0 }, 700) == -1);  /* a valid length, too long */
	char small[4];
	CHECK(totp_base32_encode((const unsigned char *)"foo", 3, small, sizeof(small)) == 0);
}

static void test_secret_text_round_trip(void)
{
	unsigned char s[TOTP_SECRET_BYTES], t[TOTP_SECRET_BYTES], back[32];
	totp_secret_new(s);
	totp_secret_new(t);
	CHECK(memcmp(s, t, sizeof(s)) != 0);
	char text[TOTP_BASE32_LEN + 1], grouped[TOTP_GROUPED_LEN + 1];
	totp_secret_text(s, text);
	totp_secret_grouped(s, grouped);
	CHECK(strlen(text) == 32 && strlen(grouped) == 39);
	for (int i = 0; i < 39; i++)
		CHECK(i % 5 == 4 ? grouped[i] == ' ' : grouped[i] == text[i - i / 5]);
	CHECK(totp_base32_decode(text, 32, back, sizeof(back)) == 20 && memcmp(back, s, 20) == 0);
	CHECK(totp_base32_decode(grouped, 39, back, sizeof(back)) == 20 && memcmp(back, s, 20) == 0);
	for (int i = 0; i < 39; i++)
		if (grouped[i] >= 'A' && grouped[i] <= 'Z')
			grouped[i] = (char)(grouped[i] + 32);
	CHECK(totp_base32_decode(grouped, 39, back, sizeof(back)) == 20 && memcmp(back, s, 20) == 0);
	totp_secret_text(RFC_SECRET, text);
	CHECK_STR(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	totp_secret_grouped(RFC_SECRET, grouped);
	CHECK_STR(grouped, "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
}

static void test_uri_encoding(void)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	char *u = totp_uri(&a, "EU-Korea Portal", "kim.minji", RFC_SECRET);
	CHECK_STR(u, "otpauth://totp/EU-Korea%20Portal:kim.minji?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	             "&issuer=EU-Korea%20Portal&algorithm=SHA1&digits=6&period=30");
	/* Korean: each UTF-8 byte as %XX; reserved characters encoded too. */
	u = totp_uri(&a, "한-EU 포털", "김민지 (a&b=c/d?e#f+g@h%i)", RFC_SECRET);
	CHECK_STR(u, "otpauth://totp/%ED%95%9C-EU%20%ED%8F%AC%ED%84%B8:"
	             "%EA%B9%80%EB%AF%BC%EC%A7%80%20%28a%26b%3Dc%2Fd%3Fe%23f%2Bg%40h%25i%29"
	             "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%ED%95%9C-EU%20%ED%8F%AC%ED%84%B8"
	             "&algorithm=SHA1&digits=6&period=30");
	/* Refused: a colon, empty, not UTF-8, too long. */
	CHECK(totp_uri(&a, "Portal", "a:b", RFC_SECRET) == NULL);
	CHECK(totp_uri(&a, "Por:tal", "ab", RFC_SECRET) == NULL);
	CHECK(totp_uri(&a, "", "ab", RFC_SECRET) == NULL);
	CHECK(totp_uri(&a, "Portal", "", RFC_SECRET) == NULL);
	CHECK(totp_uri(&a, "Portal", "\xED\x95", RFC_SECRET) == NULL);
	char long_label[TOTP_URI_PART_MAX + 2];
	memset(long_label, 'x', sizeof(long_label));
	long_label[TOTP_URI_PART_MAX] = '\0';
	CHECK(totp_uri(&a, "Portal", long_label, RFC_SECRET) != NULL);
	long_label[TOTP_URI_PART_MAX] = 'x';
	long_label[TOTP_URI_PART_MAX + 1] = '\0';
	CHECK(totp_uri(&a, "Portal", long_label, RFC_SECRET) == NULL);
	/* The worst case fits what was reserved: every byte of both encoded. */
	char all[TOTP_URI_PART_MAX + 1];
	memset(all, ' ', TOTP_URI_PART_MAX);
	all[TOTP_URI_PART_MAX] = '\0';
	u = totp_uri(&a, all, all, RFC_SECRET);
	CHECK(u && strlen(u) == 15 + 3 * 256 + 1 + 3 * 256 + 8 + 32 + 8 + 3 * 256 + 34);
	arena_free(&a);
}

static void test_seal_and_open(void)
{
	unsigned char key[TOTP_KEY_BYTES], other[TOTP_KEY_BYTES], s[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
	unsigned char sealed[TOTP_SEALED_BYTES], sealed2[TOTP_SEALED_BYTES];
	randombytes_buf(key, sizeof(key));
	randombytes_buf(other, sizeof(other));
	totp_secret_new(s);
	totp_seal(key, 42, s, sealed);
	totp_seal(key, 42, s, sealed2);
	CHECK(memcmp(sealed, sealed2, sizeof(sealed)) != 0);  /* a fresh nonce each time */
	CHECK(memmem(sealed, sizeof(sealed), s, sizeof(s)) == NULL);
	CHECK(totp_open(key, 42, sealed, back) == 0 && memcmp(back, s, sizeof(s)) == 0);
	CHECK(totp_open(key, 42, sealed2, back) == 0 && memcmp(back, s, sizeof(s)) == 0);
	/* Any changed byte (nonce, MAC or ciphertext) is refused, and the output zeroed. */
	for (size_t i = 0; i < sizeof(sealed); i++) {
		memcpy(sealed2, sealed, sizeof(sealed));
		sealed2[i] ^= 0x01;
		memcpy(back, s, sizeof(s));
		CHECK(totp_open(key, 42, sealed2, back) == -1);
		CHECK(sodium_is_zero(back, sizeof(back)));
	}
	/* Another key, or another account's row, does not open it. */
	CHECK(totp_open(other, 42, sealed, back) == -1);
	CHECK(totp_open(key, 43, sealed, back) == -1);
}

static bool in_alphabet(char c)
{
	return c && strchr("0123456789abcdefghjkmnpqrstvwxyz", c) != NULL;
}

static void test_recovery_codes(void)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	char **codes = recovery_codes_new(&a);
	CHECK(codes != NULL);
	CHECK(RECOVERY_CODE_SYMBOLS * 5 == RECOVERY_CODE_BITS && RECOVERY_CODE_BITS >= 50);
	unsigned char key[TOTP_KEY_BYTES], h[RECOVERY_CODE_COUNT][RECOVERY_HASH_BYTES], x[RECOVERY_HASH_BYTES];
	randombytes_buf(key, sizeof(key));
	for (int i = 0; codes && i < RECOVERY_CODE_COUNT; i++) {
		const char *c = codes[i];
		CHECK(strlen(c) == RECOVERY_CODE_TEXT_LEN && c[4] == '-' && c[9] == '-');
		for (int k = 0; k < RECOVERY_CODE_TEXT_LEN; k++)
			CHECK(k == 4 || k == 9 || in_alphabet(c[k]));
		for (int j = 0; j < i; j++)
			CHECK(strcmp(codes[j], c) != 0);
		CHECK(recovery_code_hash(key, 7, c, strlen(c), h[i]) == 0);
		for (int j = 0; j < i; j++)
			CHECK(!recovery_hash_equal(h[i], h[j]));
		/* Typed without dashes, in capitals, with spaces: the same hash. */
		char typed[64];
		size_t n = 0;
		for (int k = 0; c[k]; k++)
			if (c[k] != '-') {
				typed[n++] = (char)(c[k] >= 'a' && c[k] <= 'z' ? c[k] - 32 : c[k]);
				if (k == 6)
					typed[n++] = ' ';
			}
		CHECK(recovery_code_hash(key, 7, typed, n, x) == 0 && recovery_hash_equal(x, h[i]));
		/* Another account or another key: another hash. */
		CHECK(recovery_code_hash(key, 8, c, strlen(c), x) == 0 && !recovery_hash_equal(x, h[i]));
		key[0] ^= 1;
		CHECK(recovery_code_hash(key, 7, c, strlen(c), x) == 0 && !recovery_hash_equal(x, h[i]));
		key[0] ^= 1;
	}
	/* Normal form, look-alikes, and what is refused. */
	char out[RECOVERY_CODE_SYMBOLS + 1];
	CHECK(recovery_code_normalize("ABCD-EFGH-JKMN", 14, out) == 0);
	CHECK_STR(out, "abcdefghjkmn");
	CHECK(recovery_code_normalize(" abcd efgh jkmn ", 16, out) == 0);
	CHECK_STR(out, "abcdefghjkmn");
	CHECK(recovery_code_normalize("OoIi-Ll01-2345", 14, out) == 0);
	CHECK_STR(out, "001111012345");
	CHECK(recovery_code_normalize("abcd-efgh-jkm", 13, out) == -1 && out[0] == '\0');
	CHECK(recovery_code_normalize("abcd-efgh-jkmnp", 15, out) == -1);
	CHECK(recovery_code_normalize("abcd-efgh-jkmu", 14, out) == -1);  /* u is not in the alphabet */
	CHECK(recovery_code_normalize("abcd_efgh_jkmn", 14, out) == -1);
	CHECK(recovery_code_normalize("abcd-efgh-jkm\0", 14, out) == -1);
	CHECK(recovery_code_normalize("", 0, out) == -1);
	char spaced[RECOVERY_CODE_INPUT_MAX + 2];
	memset(spaced, ' ', sizeof(spaced));
	memcpy(spaced, "abcdefghjkmn", 12);
	CHECK(recovery_code_normalize(spaced, RECOVERY_CODE_INPUT_MAX, out) == 0);
	CHECK(recovery_code_normalize(spaced, RECOVERY_CODE_INPUT_MAX + 1, out) == -1);
	memset(x, 0xAA, sizeof(x));
	CHECK(recovery_code_hash(key, 7, "not a code", 10, x) == -1 && sodium_is_zero(x, sizeof(x)));
	/* Two rounds never give the same codes. */
	char **again = recovery_codes_new(&a);
	CHECK(again && codes && strcmp(again[0], codes[0]) != 0);
	/*
	 * Every symbol is drawn: in 10 rounds (1200 symbols) each of the 32
	 * appears (missing one by chance: 32 * (31/32)^1200, about 1e-15).
	 */
	int seen[128] = { 0 };
	for (int round = 0; round < 10; round++) {
		char **r = recovery_codes_new(&a);
		for (int i = 0; r && i < RECOVERY_CODE_COUNT; i++)
			for (const char *p = r[i]; *p; p++)
				seen[(unsigned char)*p & 127]++;
	}
	for (const char *p = "0123456789abcdefghjkmnpqrstvwxyz"; *p; p++)
		CHECK(seen[(unsigned char)*p] > 0);
	arena_free(&a);
}

int main(void)
{
	if (sodium_init() < 0 || totp_init() != 0)
		return 1;
	RUN(test_rfc6238_sha1_vectors);
	RUN(test_window_is_one_step_either_way);
	RUN(test_replay_is_refused);
	RUN(test_malformed_codes);
	RUN(test_base32_rfc4648_vectors);
	RUN(test_secret_text_round_trip);
	RUN(test_uri_encoding);
	RUN(test_seal_and_open);
	RUN(test_recovery_codes);
	return check_summary("test_totp");
}
