/*
 * Per-request bump allocator. Everything parsed from one request (parameters,
 * decoded strings, rows copied from the database) lives in the request's arena
 * and is released at once by arena_reset() when the request ends.
 */
#ifndef PORTAL_ARENA_H
#define PORTAL_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;  /* bytes handed out since the last reset */
	size_t limit;  /* 0 = no limit; otherwise allocations beyond it fail */
};

void arena_init(struct arena *a, size_t limit);
/* Returns zeroed memory aligned for any type, or NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies n bytes and a NUL; NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees everything but the first chunk, which is kept for the next request. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
