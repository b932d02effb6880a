/*
 * The whitelist scan of a backup's dump (backup.c). A restore feeds the dump
 * to the mariadb client; before and while it does, every statement is read
 * here and refused unless it is of a kind mariadb-dump writes for the
 * portal's database:
 *
 *   SET of a few session variables (character sets, time zone, checks,
 *     sql_mode without ANSI_QUOTES or NO_BACKSLASH_ESCAPES) and of @variables
 *     to their values; DROP TABLE IF EXISTS `t`; CREATE TABLE `t` (...) of
 *     known column types and options, engine InnoDB; LOCK TABLES `t` WRITE;
 *     UNLOCK TABLES; ALTER TABLE `t` DISABLE|ENABLE KEYS; INSERT INTO `t`
 *     VALUES of literals only; CREATE TRIGGER on a table of the dump whose
 *     body is one UPDATE, INSERT or DELETE without a qualified name;
 *     DELIMITER ;; and DELIMITER ; alone on their lines; comments.
 *
 * Everything else is refused: GRANT, CREATE USER, USE, another database's
 * name (any qualified name), procedures, views, events, files, client
 * commands (a backslash or '#' outside strings), a DEFINER naming an account
 * not in the configured list. The text is tokenised the way the server does
 * (strings with backslash escapes, `identifiers`, versioned comments — slash,
 * star, '!' — read as SQL), and anything the scan cannot read the same way for certain is
 * refused rather than guessed.
 *
 * The scan streams: bounded state, any chunking of the input gives the same
 * result. While feeding the client, it also passes the text on (emit), with
 * each accepted DEFINER clause removed, so the restore account (which may not
 * name another definer) becomes the triggers' definer. It also reads the
 * rows of `chain_heads`, which the manifest copies.
 */
#ifndef PORTAL_DUMPSCAN_H
#define PORTAL_DUMPSCAN_H

#include <stdbool.h>
#include <stddef.h>

#define DUMPSCAN_TEXT_MAX 128     /* bytes of a token kept for the checks */
#define DUMPSCAN_HOLD_MAX 256     /* a versioned comment held back in case it is a DEFINER clause */
#define DUMPSCAN_STAGE 8192

/* A row of chain_heads as the dump holds it. */
struct dumpscan_head {
	bool found;
	long long seq;
	char hash[65];    /* lower-case hex */
};

enum dumpscan_chain { DUMPSCAN_AUDIT, DUMPSCAN_REVISIONS, DUMPSCAN_CHAINS };

typedef void (*dumpscan_emit_fn)(void *ud, const char *p, size_t n);

struct dumpscan_token {
	int type;
	size_t len;                   /* of text (possibly cut at DUMPSCAN_TEXT_MAX) */
	bool cut;                     /* the token was longer than text */
	bool first_in_comment;        /* the first token of a versioned comment */
	char text[DUMPSCAN_TEXT_MAX + 1];
};

struct dumpscan {
	/* configuration */
	const char *const *definers;  /* "user@host" accounts a DEFINER may name; NULL-terminated */
	dumpscan_emit_fn emit;        /* NULL: only scan */
	void *ud;

	/* results */
	struct dumpscan_head heads[DUMPSCAN_CHAINS];
	long long statements;
	char error[240];              /* "" while nothing was refused */

	/* lexer (private) */
	int state;
	bool word_at_line_start;
	long long line;
	bool line_start;              /* nothing but white space since the last line end */
	bool in_exec;                 /* inside a versioned comment */
	int exec_tokens;              /* tokens since it opened */
	size_t comment_bytes;         /* bytes since the '/' that opened it */
	size_t prefix;                /* bytes of the sandbox line matched at the start */
	bool started;
	char delimiter;               /* 1: ';', 2: ';;' */
	int delim_step;
	bool token_first_in_comment;
	struct dumpscan_token tok;

	/* statement checker (private) */
	int kind, pattern, step, depth, column;
	bool definer_done, elide;
	char table[DUMPSCAN_TEXT_MAX + 1];
	char var[DUMPSCAN_TEXT_MAX + 1];
	char prev_word[DUMPSCAN_TEXT_MAX + 1];
	int row_chain;
	long long row_seq;
	char row_hash[65];
	int row_fields;

	/* output (private) */
	char stage[DUMPSCAN_STAGE + DUMPSCAN_HOLD_MAX + 8];
	size_t staged;
	long hold_from;               /* -1: nothing held */
	bool hold_tentative;
};

/* Prepares a scan; emit (may be NULL) receives the text to load. */
void dumpscan_init(struct dumpscan *s, const char *const *definers, dumpscan_emit_fn emit, void *ud);

/* Scans n more bytes. 0, or -1 once something was refused (s->error; it stays so). */
int dumpscan_feed(struct dumpscan *s, const char *p, size_t n);

/* The end of the dump: 0, or -1 when it ends inside a statement or comment. Emits what was held. */
int dumpscan_finish(struct dumpscan *s);

#endif
