#include "db/cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 256
#define MAX_COLS 64

/*
 * A result: its rows one after the other, each column as a flag byte
 * (1 = NULL, 2 = text), the integer (8 bytes), the length (8 bytes) and, for
 * text, the bytes and a NUL. Immutable once stored; freed when neither the
 * table nor a reader holds it.
 */
struct cache_entry {
	struct cache_entry *next;
	unsigned refs;
	long long generation;
	struct cache_key key;
	unsigned ncols;
	size_t len;
	unsigned char data[];
};

struct cache {
	pthread_mutex_t lock;
	long long generation;    /* of every entry in the table */
	size_t bytes, max_bytes;
	struct cache_entry *buckets[BUCKETS];
};

struct cache_recorder {
	unsigned char *data;
	size_t len, cap, max;
	unsigned ncols;
	bool given_up;
};

struct cache *cache_new(size_t max_bytes)
{
	struct cache *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->max_bytes = max_bytes;
	return c;
}

static void unref(struct cache_entry *e)
{
	if (--e->refs == 0)
		free(e);
}

/* Empties the table (lock held); readers keep what they hold. */
static void flush(struct cache *c)
{
	for (size_t b = 0; b < BUCKETS; b++) {
		struct cache_entry *e = c->buckets[b];
		while (e) {
			struct cache_entry *next = e->next;
			unref(e);
			e = next;
		}
		c->buckets[b] = NULL;
	}
	c->bytes = 0;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	flush(c);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static bool put(struct cache_key *k, const void *p, size_t n)
{
	if (k->len + n > sizeof(k->bytes))
		return false;
	memcpy(k->bytes + k->len, p, n);
	k->len += n;
	return true;
}

bool cache_key_make(struct cache_key *k, enum stmt_id id, const struct db_arg *args, unsigned nargs)
{
	k->len = 0;
	uint32_t sid = (uint32_t)id;
	bool ok = put(k, &sid, sizeof(sid));
	for (unsigned i = 0; ok && i < nargs; i++) {
		unsigned char type = (unsigned char)args[i].type;
		uint64_t n = args[i].type == DBA_INT ? (uint64_t)args[i].i : (uint64_t)args[i].len;
		ok = put(k, &type, 1) && put(k, &n, sizeof(n)) &&
		     (args[i].type == DBA_INT || args[i].type == DBA_NULL || put(k, args[i].s, args[i].len));
	}
	return ok;
}

static size_t bucket_of(const struct cache_key *k)
{
	uint32_t h = 2166136261u;   /* FNV-1a */
	for (size_t i = 0; i < k->len; i++)
		h = (h ^ k->bytes[i]) * 16777619u;
	return h % BUCKETS;
}

/*
 * Moves the table to the request's generation (lock held). Usually a later
 * one; an earlier one comes from a request that read it just before a commit
 * (its results are at least that new) or from a database restored from a
 * backup: either way, nothing kept so far may serve it.
 */
static void advance(struct cache *c, long long generation)
{
	if (generation != c->generation) {
		flush(c);
		c->generation = generation;
	}
}

static struct cache_entry *lookup(struct cache *c, const struct cache_key *k)
{
	for (struct cache_entry *e = c->buckets[bucket_of(k)]; e; e = e->next)
		if (e->key.len == k->len && memcmp(e->key.bytes, k->bytes, k->len) == 0)
			return e;
	return NULL;
}

struct cache_entry *cache_find(struct cache *c, long long generation, const struct cache_key *k)
{
	pthread_mutex_lock(&c->lock);
	advance(c, generation);
	struct cache_entry *e = generation == c->generation ? lookup(c, k) : NULL;
	if (e)
		e->refs++;
	pthread_mutex_unlock(&c->lock);
	return e;
}

void cache_release(struct cache *c, struct cache_entry *e)
{
	pthread_mutex_lock(&c->lock);
	unref(e);
	pthread_mutex_unlock(&c->lock);
}

void cache_replay(const struct cache_entry *e, db_row_fn fn, void *ud)
{
	struct db_col cols[MAX_COLS];
	const unsigned char *p = e->data, *end = e->data + e->len;
	while (fn && p < end) {
		for (unsigned i = 0; i < e->ncols; i++) {
			unsigned char flags = *p++;
			uint64_t n, len;
			memcpy(&n, p, 8);
			memcpy(&len, p + 8, 8);
			p += 16;
			cols[i].null = flags & 1;
			cols[i].i = (long long)n;
			cols[i].len = (size_t)len;
			cols[i].s = NULL;
			if (flags & 2) {
				cols[i].s = (const char *)p;
				p += len + 1;
			}
		}
		if (fn(ud, cols, e->ncols) != 0)
			return;
	}
}

struct cache_recorder *cache_record_begin(size_t max_bytes)
{
	struct cache_recorder *r = calloc(1, sizeof(*r));
	if (r)
		r->max = max_bytes;
	return r;
}

static void give_up(struct cache_recorder *r)
{
	free(r->data);
	r->data = NULL;
	r->len = r->cap = 0;
	r->given_up = true;
}

static bool reserve(struct cache_recorder *r, size_t n)
{
	if (r->len + n > r->max)
		return false;
	if (r->len + n <= r->cap)
		return true;
	size_t cap = r->cap ? r->cap * 2 : 4096;
	while (cap < r->len + n)
		cap *= 2;
	unsigned char *d = realloc(r->data, cap);
	if (!d)
		return false;
	r->data = d;
	r->cap = cap;
	return true;
}

void cache_record_row(struct cache_recorder *r, const struct db_col *cols, unsigned ncols)
{
	if (!r || r->given_up)
		return;
	if (ncols > MAX_COLS || (r->ncols && ncols != r->ncols)) {
		give_up(r);
		return;
	}
	r->ncols = ncols;
	for (unsigned i = 0; i < ncols; i++) {
		bool text = cols[i].s != NULL;
		size_t need = 17 + (text ? cols[i].len + 1 : 0);
		if (!reserve(r, need)) {
			give_up(r);
			return;
		}
		unsigned char *p = r->data + r->len;
		*p++ = (unsigned char)((cols[i].null ? 1 : 0) | (text ? 2 : 0));
		uint64_t n = (uint64_t)cols[i].i, len = text ? cols[i].len : 0;
		memcpy(p, &n, 8);
		memcpy(p + 8, &len, 8);
		p += 16;
		if (text) {
			memcpy(p, cols[i].s, cols[i].len);
			p[cols[i].len] = '\0';
		}
		r->len += need;
	}
}

void cache_record_abandon(struct cache_recorder *r)
{
	if (r)
		free(r->data);
	free(r);
}

void cache_record_end(struct cache *c, struct cache_recorder *r, long long generation, const struct cache_key *k)
{
	if (!r || r->given_up) {
		cache_record_abandon(r);
		return;
	}
	struct cache_entry *e = malloc(sizeof(*e) + r->len);
	if (!e) {
		cache_record_abandon(r);
		return;
	}
	e->refs = 1;
	e->generation = generation;
	e->key = *k;
	e->ncols = r->ncols;
	e->len = r->len;
	if (r->len)
		memcpy(e->data, r->data, r->len);
	cache_record_abandon(r);
	size_t size = sizeof(*e) + e->len;

	pthread_mutex_lock(&c->lock);
	advance(c, generation);
	if (size > c->max_bytes || lookup(c, k)) {   /* too large, or stored meanwhile by another thread */
		unref(e);
	} else {
		if (c->bytes + size > c->max_bytes)
			flush(c);   /* full: start again; the pages in use come back at once */
		size_t b = bucket_of(k);
		e->next = c->buckets[b];
		c->buckets[b] = e;
		c->bytes += size;
	}
	pthread_mutex_unlock(&c->lock);
}
