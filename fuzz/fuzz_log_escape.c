/*
 * log_escape (cgi/base/log.c): untrusted text in a log line. For several cut
 * lengths max (0, 1 + the first byte, half, all, unlimited):
 *  - the output is printable ASCII only, has no '"', and every '\' starts a
 *    "\xHH" escape (lower-case hex), so a request can neither split a log line
 *    nor fake a field;
 *  - decoding the escapes gives back exactly the first min(n, max) bytes of the
 *    input, followed by "..." exactly when the input was cut;
 *  - it appends: what the buffer held is kept.
 */
#include "fuzz.h"

#include "base/buf.h"
#include "base/log.h"

static int hexdigit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void check(const char *s, size_t n, size_t max)
{
	static const char prefix[] = "ip=1.2.3.4 path=\"";
	struct buf b;
	buf_init(&b);
	FUZZ_CHECK(buf_puts(&b, prefix) == 0);
	log_escape(&b, s, n, max);
	FUZZ_CHECK(!b.failed);
	const char *out = buf_cstr(&b);
	FUZZ_CHECK(out != NULL && b.len >= sizeof(prefix) - 1);
	FUZZ_CHECK(memcmp(out, prefix, sizeof(prefix) - 1) == 0);
	const char *e = out + sizeof(prefix) - 1;
	size_t elen = b.len - (sizeof(prefix) - 1);

	for (size_t i = 0; i < elen; i++)
		FUZZ_CHECK(e[i] >= 0x20 && e[i] < 0x7F && e[i] != '"');

	size_t keep = n > max ? max : n;
	int cut = n > max;
	if (cut) {
		FUZZ_CHECK(elen >= 3 && memcmp(e + elen - 3, "...", 3) == 0);
		elen -= 3;
	}
	size_t j = 0;  /* position in s */
	for (size_t i = 0; i < elen; j++) {
		FUZZ_CHECK(j < keep);
		unsigned char want = (unsigned char)s[j];
		if (e[i] == '\\') {
			FUZZ_CHECK(i + 4 <= elen && e[i + 1] == 'x');
			int hi = hexdigit(e[i + 2]), lo = hexdigit(e[i + 3]);
			FUZZ_CHECK(hi >= 0 && lo >= 0);
			FUZZ_CHECK((unsigned)(hi * 16 + lo) == want);
			/* printable characters other than '"' and '\' are kept as they are */
			FUZZ_CHECK(want < 0x20 || want >= 0x7F || want == '"' || want == '\\');
			i += 4;
		} else {
			FUZZ_CHECK((unsigned char)e[i] == want);
			i++;
		}
	}
	FUZZ_CHECK(j == keep);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);  /* the NUL is not passed on: n = size */
	check(s, size, SIZE_MAX);
	check(s, size, size);
	check(s, size, size / 2);
	check(s, size, 0);
	if (size)
		check(s, size, 1 + (unsigned char)s[0]);
	free(s);
	return 0;
}
