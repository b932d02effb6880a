#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE 16384
#define ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char mem[];
};

void arena_init(struct arena *a, size_t limit)
{
	a->head = NULL;
	a->total = 0;
	a->limit = limit;
}

static struct arena_chunk *chunk_new(size_t want, struct arena_chunk *next)
{
	size_t size = want > CHUNK_SIZE ? want : CHUNK_SIZE;
	struct arena_chunk *c = malloc(sizeof(*c) + size);
	if (!c)
		return NULL;
	c->next = next;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		return NULL;
	size_t rounded = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (a->limit && rounded > a->limit - (a->total < a->limit ? a->total : a->limit))
		return NULL;
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < rounded) {
		if (c && rounded > CHUNK_SIZE / 4) {
			/* Big block: own chunk behind the head so the head's free space stays usable. */
			struct arena_chunk *big = chunk_new(rounded, c->next);
			if (!big)
				return NULL;
			c->next = big;
			c = big;
		} else {
			c = chunk_new(rounded, a->head);
			if (!c)
				return NULL;
			a->head = c;
		}
	}
	void *p = c->mem + c->used;
	c->used += rounded;
	a->total += rounded;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *keep = NULL;
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		if (!keep && c->size == CHUNK_SIZE) {
			keep = c;
			keep->used = 0;
			keep->next = NULL;
		} else {
			free(c);
		}
		c = next;
	}
	a->head = keep;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}
