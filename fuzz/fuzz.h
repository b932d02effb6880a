/*
 * Shared by the fuzz targets (fuzz/fuzz_<name>.c). Each target is built two
 * ways: with clang -fsanitize=fuzzer (make fuzz) and, linked with replay.c,
 * with gcc and ASan/UBSan as a plain program that replays the seed corpus
 * (make fuzz-replay, part of make test). Keep it plain C11.
 */
#ifndef PORTAL_FUZZ_H
#define PORTAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property of the code under test does not hold: say which, then abort(). */
#define FUZZ_CHECK(cond)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, \
			        __LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* A NUL-terminated heap copy of s[0..n), exactly n + 1 bytes (so ASan sees over-reads). */
static inline char *fuzz_strndup(const void *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		abort();
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static inline int fuzz_is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

#endif
