/*
 * Results of the content reads that page views make (statements marked
 * CACHED in sql.c), kept in memory and shared by a worker's threads.
 *
 * Every change to the content, through the portal or not, advances a counter
 * in the database (content_generation, bumped by triggers in the same
 * transaction). Each request reads that counter together with its session, in
 * the one round trip it makes anyway; a cached result is used only while the
 * counter still has the value it was read under. So a page view costs one
 * round trip while nothing changes, and is never older than the last commit
 * the request could see.
 */
#ifndef PORTAL_CACHE_H
#define PORTAL_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

struct cache;

/* A result larger than this is passed through, never kept (downloads of a large register). */
#define CACHE_RESULT_MAX ((size_t)1 << 20)

/* max_bytes: all results together; a larger result is never kept. NULL when out of memory. */
struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache *c);

/* One stored result, held while its rows are replayed. */
struct cache_entry;

/* The key of a statement with its arguments; false when they are too long to be a key. */
struct cache_key {
	unsigned char bytes[512];
	size_t len;
};
bool cache_key_make(struct cache_key *k, enum stmt_id id, const struct db_arg *args, unsigned nargs);

/* The result stored under k for that generation, held; NULL when there is none. */
struct cache_entry *cache_find(struct cache *c, long long generation, const struct cache_key *k);
/* Calls fn for each row of a held entry, as db_run would; stops when fn returns non-zero. */
void cache_replay(const struct cache_entry *e, db_row_fn fn, void *ud);
void cache_release(struct cache *c, struct cache_entry *e);

/* Copies rows as they pass from the database to their callback. */
struct cache_recorder;
struct cache_recorder *cache_record_begin(size_t max_bytes);
/* Adds a row; gives up (and frees what it has) once the result grows too large. */
void cache_record_row(struct cache_recorder *r, const struct db_col *cols, unsigned ncols);
/* Stores what was recorded under k for that generation (unless given up, or
 * the cache has moved on to a later generation); frees the recorder. */
void cache_record_end(struct cache *c, struct cache_recorder *r, long long generation, const struct cache_key *k);
void cache_record_abandon(struct cache_recorder *r);

#endif
