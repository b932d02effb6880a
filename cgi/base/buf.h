/* Growable byte buffer. Used for response bodies, headers and scratch text. */
#ifndef PORTAL_BUF_H
#define PORTAL_BUF_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Hard cap on one buffer, so a runaway loop cannot eat the machine. */
#define BUF_MAX ((size_t)256 << 20)

struct buf {
	char *data;   /* NUL-terminated when len > 0 or after buf_cstr() */
	size_t len;
	size_t cap;
	bool failed;  /* set once an append failed; later appends are ignored */
};

void buf_init(struct buf *b);
/* Append n bytes; returns 0, or -1 (and sets failed) when out of memory or over BUF_MAX. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents as a C string (never NULL unless failed). */
const char *buf_cstr(struct buf *b);
/* Empties the buffer but keeps its memory; clears failed. */
void buf_reset(struct buf *b);
/*
 * Empties the buffer and clears failed; its memory is kept when it is at most
 * keep bytes, else given back (the next append allocates afresh).
 */
void buf_shrink(struct buf *b, size_t keep);
void buf_free(struct buf *b);

#ifdef __cplusplus
}
#endif

#endif
