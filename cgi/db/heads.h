/*
 * The hash chains' heads, recorded outside the database (config
 * chain_heads_file). After every commit that moves a chain — and only
 * then — the application and portalctl append one line per chain moved:
 *
 *   2026-11-26T19:41:03.123456Z audit 1234 <64 hex digits of its hash>
 *
 * Each append is one write() of whole lines to a file opened with O_APPEND,
 * so lines from many worker processes and threads never interleave. No
 * fsync: the commit is durable first (innodb_flush_log_at_trx_commit=1), so
 * the file can lag the database after a crash but never lead it. A restore
 * appends the restored heads with the word "restore" at the end: from that
 * line on, what was recorded before it no longer counts for that chain.
 *
 * Someone who can change the database but not this file cannot rewind a
 * chain: `portalctl verify` finds every head recorded since the last restore
 * in the chain, with the same hash (heads_check).
 */
#ifndef PORTAL_HEADS_H
#define PORTAL_HEADS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "db/chain.h"
#include "db/db.h"

#define HEADS_LINE_MAX 160

/*
 * Opens path for appending (created 0640 if missing) as the process's heads
 * file and makes db_commit record into it. 0, or -1 with err.
 */
int heads_open(const char *path, char *err, size_t errlen);

/* The commit hook (db_on_commit): appends the moved heads. A failed write is logged, not fatal. */
void heads_record(const struct db_moved_head *moved, unsigned n);

/* Appends a restore's heads to path (opened and closed here). 0, or -1 with err. */
int heads_record_restore(const char *path, const struct db_moved_head *heads, unsigned n, char *err,
                         size_t errlen);

/* A line of the file, parsed. */
struct heads_line {
	char at[28];
	char chain[12];
	long long seq;
	unsigned char hash[CHAIN_HASH_BYTES];
	bool restore;
};

/* Parses one line (without its "\n"). 0, or -1 when it is not a line of this file. */
int heads_parse_line(const char *line, size_t len, struct heads_line *out);

/* What the file says of one chain, next to the chain in the database. */
struct heads_result {
	long long recorded;          /* lines for the chain since its last restore line */
	long long last_seq;          /* the highest head among them (-1: none) */
	char last_at[28];
	long long missing_seq;       /* a recorded head beyond the database's chain (0: none) */
	char missing_at[28];
	long long differs_seq;       /* a recorded head whose hash is not the chain's (0: none) */
	char differs_at[28];
	long long bad_lines;         /* lines that are not of this file (a torn last line does not count) */
};

/*
 * Reads the first upto bytes of the heads file at path and compares each
 * head recorded for chain since its last restore line with hashes (the
 * chain in the database: entry n at hashes->hash[n - 1], count entries).
 * 0 with r filled (a missing file reads as empty), or -1 with err.
 */
int heads_check(const char *path, off_t upto, const char *chain, const struct chain_hashes *hashes,
                long long count, struct heads_result *r, char *err, size_t errlen);

#endif
