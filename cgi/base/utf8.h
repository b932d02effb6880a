#ifndef PORTAL_UTF8_H
#define PORTAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when s[0..n) is well-formed UTF-8: no overlong forms, no surrogates,
 * nothing above U+10FFFF. NUL bytes are rejected as well (they never belong
 * in the portal's text and would truncate C strings).
 */
bool utf8_valid(const char *s, size_t n);

/* Number of code points in valid UTF-8 (continuation bytes are not counted). */
size_t utf8_length(const char *s, size_t n);

#endif
