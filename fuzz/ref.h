/*
 * Small reference implementations the fuzz targets compare the application
 * against. Written from the specifications (Unicode Table 3-7, RFC 3986
 * percent-encoding), not from cgi/, so that a shared mistake is unlikely.
 */
#ifndef PORTAL_FUZZ_REF_H
#define PORTAL_FUZZ_REF_H

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s[i] (i < n), or 0; NUL counts as ill-formed. */
static inline size_t ref_utf8_seq(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c = s[i];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len;
	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c == 0xE0) {
		len = 3, lo = 0xA0;
	} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
		len = 3;
	} else if (c == 0xED) {
		len = 3, hi = 0x9F;  /* no surrogates */
	} else if (c == 0xF0) {
		len = 4, lo = 0x90;
	} else if (c >= 0xF1 && c <= 0xF3) {
		len = 4;
	} else if (c == 0xF4) {
		len = 4, hi = 0x8F;  /* nothing above U+10FFFF */
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	if (s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[i + k] < 0x80 || s[i + k] > 0xBF)
			return 0;
	return len;
}

/* Well-formed UTF-8 without NUL; *cps (if not NULL) gets the number of code points. */
static inline int ref_utf8(const char *str, size_t n, size_t *cps)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, count = 0;
	while (i < n) {
		size_t l = ref_utf8_seq(s, n, i);
		if (!l)
			return 0;
		i += l;
		count++;
	}
	if (cps)
		*cps = count;
	return 1;
}

static inline int ref_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)(c | 0x20);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Percent-decodes s[0..n) into out (room for n bytes), '+' as a space when
 * plus is set. Returns the length, or -1 for '%' without two hex digits.
 */
static inline long ref_decode(const char *s, size_t n, int plus, char *out)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3)
				return -1;
			int h = ref_hex((unsigned char)s[i + 1]), l = ref_hex((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			out[j++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[j++] = plus && s[i] == '+' ? ' ' : s[i];
		}
	}
	return (long)j;
}

static inline int ref_has_control(const char *s, size_t n, int allow_text)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (allow_text && (c == '\t' || c == '\r' || c == '\n'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return 1;
	}
	return 0;
}

/* RFC 3986 unreserved characters: never percent-encoded. */
static inline int ref_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

/* Checks that enc is the percent-encoding of s (unreserved kept, the rest %HH, upper case). */
static inline int ref_is_encoding_of(const char *enc, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (ref_unreserved(*p)) {
			if ((unsigned char)*enc++ != *p)
				return 0;
		} else {
			if (enc[0] != '%' || enc[1] != hex[*p >> 4] || enc[2] != hex[*p & 15])
				return 0;
			enc += 3;
		}
	}
	return *enc == '\0';
}

#endif
