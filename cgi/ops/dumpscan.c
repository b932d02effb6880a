#include "ops/dumpscan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* mariadb-dump's first line: the client turns on its sandbox (no shell, no files). */
static const char sandbox_line[] = "/*M!999999\\- enable the sandbox mode */";

enum token_type { T_WORD, T_NUMBER, T_STRING, T_QIDENT, T_VAR, T_SYSVAR, T_PUNCT, T_END };

enum lex_state {
	L_NORMAL, L_WORD, L_NUMBER, L_SQ, L_SQ_ESC, L_SQ_Q, L_DQ, L_DQ_ESC, L_DQ_Q, L_BQ, L_BQ_Q,
	L_AT, L_VAR, L_SYSVAR_START, L_SYSVAR, L_SLASH, L_CSTART, L_CM, L_EXEC_VERSION, L_COMMENT,
	L_COMMENT_STAR, L_STAR, L_DASH, L_DASH2, L_LINE_COMMENT, L_SEMI, L_DELIM, L_FAILED,
};

/* The statement kinds the checker accepts. */
enum kind {
	K_NONE, K_SET, K_FIXED, K_CREATE, K_CREATE_TABLE, K_DEFINER, K_TRIGGER, K_TRIGGER_BODY, K_INSERT, K_VALUES,
};

static int fail(struct dumpscan *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct dumpscan *s, const char *fmt, ...)
{
	if (!s->error[0]) {
		int n = snprintf(s->error, sizeof(s->error), "line %lld: ", s->line);
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(s->error + n, sizeof(s->error) - (size_t)n, fmt, ap);
		va_end(ap);
	}
	s->state = L_FAILED;
	return -1;
}

void dumpscan_init(struct dumpscan *s, const char *const *definers, dumpscan_emit_fn emit, void *ud)
{
	memset(s, 0, sizeof(*s));
	s->definers = definers;
	s->emit = emit;
	s->ud = ud;
	s->line = 1;
	s->line_start = true;
	s->delimiter = 1;
	s->hold_from = -1;
	s->state = L_NORMAL;
}

/* ---- output ------------------------------------------------------------------ */

static void flush(struct dumpscan *s, bool all)
{
	if (!s->emit)
		return;
	size_t limit = !all && s->hold_from >= 0 ? (size_t)s->hold_from : s->staged;
	if (limit)
		s->emit(s->ud, s->stage, limit);
	memmove(s->stage, s->stage + limit, s->staged - limit);
	s->staged -= limit;
	if (s->hold_from >= 0)
		s->hold_from = all ? -1 : 0;
}

static void out_byte(struct dumpscan *s, char c)
{
	s->comment_bytes++;
	if (!s->emit)
		return;
	/* Flushed before, not after: a '/' just staged may become the start of a held comment. */
	if (s->staged >= DUMPSCAN_STAGE)
		flush(s, false);
	s->stage[s->staged++] = c;
	/* A versioned comment too long to be a DEFINER clause is not held back. */
	if (s->hold_from >= 0 && s->staged - (size_t)s->hold_from > DUMPSCAN_HOLD_MAX)
		s->hold_from = -1;
}

/* ---- small helpers ------------------------------------------------------------- */

static bool is(const struct dumpscan_token *t, const char *word)
{
	return t->type == T_WORD && !t->cut && strcasecmp(t->text, word) == 0;
}

static bool punct(const struct dumpscan_token *t, char c)
{
	return t->type == T_PUNCT && t->text[0] == c;
}

static bool in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(w, *list) == 0)
			return true;
	return false;
}

static bool all_chars(const char *s, const char *set)
{
	return strspn(s, set) == strlen(s);
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

/* A character set whose multi-byte characters never contain a backslash or a quote byte. */
static bool safe_charset(const char *w)
{
	static const char *const ok[] = { "utf8mb4", "utf8mb3", "utf8", "ascii", "latin1", "binary", NULL };
	return in_list(w, ok);
}

/* A collation of a safe character set: utf8mb4_unicode_520_ci, ascii_bin, ... */
static bool safe_collation(const char *w)
{
	char cs[16];
	size_t n = strcspn(w, "_");
	if (n == 0 || n >= sizeof(cs) || !w[n] || !w[n + 1])
		return false;
	memcpy(cs, w, n);
	cs[n] = '\0';
	return safe_charset(cs) && all_chars(w + n, "_" LOWER UPPER DIGITS);
}

/* sql_mode: only modes that do not change how the text is read (no ANSI_QUOTES, NO_BACKSLASH_ESCAPES). */
static bool safe_sql_mode(const char *v)
{
	static const char *const ok[] = {
		"STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER",
		"NO_ENGINE_SUBSTITUTION", "NO_AUTO_VALUE_ON_ZERO", "NO_ZERO_DATE", "NO_ZERO_IN_DATE",
		"ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "SIMULTANEOUS_ASSIGNMENT",
		"TIME_ROUND_FRACTIONAL", NULL,
	};
	char mode[40];
	while (*v) {
		size_t n = strcspn(v, ",");
		if (n == 0 || n >= sizeof(mode))
			return false;
		memcpy(mode, v, n);
		mode[n] = '\0';
		if (!in_list(mode, ok))
			return false;
		v += n;
		if (*v == ',' && !*++v)
			return false;
	}
	return true;
}

/* ---- SET ------------------------------------------------------------------------ */

static const char *const session_vars[] = {
	"CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS", "CHARACTER_SET_CONNECTION", "COLLATION_CONNECTION",
	"TIME_ZONE", "UNIQUE_CHECKS", "FOREIGN_KEY_CHECKS", "SQL_MODE", "SQL_NOTES", NULL,
};

enum { SET_NAME, SET_EQ, SET_VALUE, SET_NEXT };

/* Is t a value the session variable var may be set to here? */
static bool set_value_ok(const char *var, const struct dumpscan_token *t)
{
	if (t->type == T_VAR)
		return strcasecmp(var, "NAMES") != 0;   /* back to a value it had before */
	bool text = (t->type == T_WORD || t->type == T_STRING) && !t->cut;
	if (strcasecmp(var, "NAMES") == 0 || strncasecmp(var, "CHARACTER_SET_", 14) == 0)
		return text && safe_charset(t->text);
	if (strcasecmp(var, "COLLATION_CONNECTION") == 0)
		return text && safe_collation(t->text);
	if (strcasecmp(var, "TIME_ZONE") == 0)
		return t->type == T_STRING && !t->cut && t->len > 0 && all_chars(t->text, "+-:/_" LOWER UPPER DIGITS);
	if (strcasecmp(var, "SQL_MODE") == 0)
		return t->type == T_STRING && !t->cut && safe_sql_mode(t->text);
	return t->type == T_NUMBER && (strcmp(t->text, "0") == 0 || strcmp(t->text, "1") == 0);
}

static int check_set(struct dumpscan *s, const struct dumpscan_token *t)
{
	switch (s->step) {
	case SET_NAME:
		if (t->type == T_VAR && !t->cut) {
			snprintf(s->var, sizeof(s->var), "@");
		} else if (t->type == T_WORD && (in_list(t->text, session_vars) || is(t, "NAMES"))) {
			snprintf(s->var, sizeof(s->var), "%s", t->text);
			if (is(t, "NAMES")) {
				s->step = SET_VALUE;
				return 0;
			}
		} else {
			return fail(s, "SET of %s: a dump sets only a few session variables", t->len ? t->text : "this");
		}
		s->step = SET_EQ;
		return 0;
	case SET_EQ:
		if (!punct(t, '='))
			return fail(s, "malformed SET");
		s->step = SET_VALUE;
		return 0;
	case SET_VALUE:
		/* An @variable keeps a session variable's value, to set it back later. */
		if (s->var[0] == '@' ? !(t->type == T_SYSVAR && in_list(t->text, session_vars)) : !set_value_ok(s->var, t))
			return fail(s, "SET %s to a value a dump does not use", s->var[0] == '@' ? "of an @variable" : s->var);
		s->step = SET_NEXT;
		return 0;
	default:
		if (t->type == T_END)
			return s->kind = K_NONE, 0;
		if (!punct(t, ','))
			return fail(s, "malformed SET");
		s->step = SET_NAME;
		return 0;
	}
}

/* ---- statements of a fixed form --------------------------------------------------- */

/*
 * Patterns: words to match, "#T" a `table` (remembered), "#N" a name (word or
 * `quoted`), "A|B" alternatives, "" the end of the statement.
 */
static const char *const pattern_drop[] = { "DROP", "TABLE", "IF", "EXISTS", "#T", "" };
static const char *const pattern_lock[] = { "LOCK", "TABLES", "#T", "WRITE", "" };
static const char *const pattern_unlock[] = { "UNLOCK", "TABLES", "" };
static const char *const pattern_keys[] = { "ALTER", "TABLE", "#T", "DISABLE|ENABLE", "KEYS", "" };
static const char *const pattern_insert[] = { "INSERT", "INTO", "#T", "VALUES" };
static const char *const pattern_trigger[] = { "TRIGGER", "#N", "BEFORE|AFTER", "INSERT|UPDATE|DELETE",
	                                       "ON", "#N", "FOR", "EACH", "ROW" };

static bool alternative(const char *alts, const struct dumpscan_token *t)
{
	char one[24];
	while (*alts) {
		size_t n = strcspn(alts, "|");
		snprintf(one, sizeof(one), "%.*s", (int)n, alts);
		if (is(t, one))
			return true;
		alts += n + (alts[n] == '|');
	}
	return false;
}

/* Matches t against element step of pattern p; 1 matched, 0 not. */
static int pattern_match(struct dumpscan *s, const char *p, const struct dumpscan_token *t)
{
	if (!*p)
		return t->type == T_END;
	if (strcmp(p, "#T") == 0) {
		if (t->type != T_QIDENT || t->len == 0)
			return 0;
		snprintf(s->table, sizeof(s->table), "%s", t->text);
		return 1;
	}
	if (strcmp(p, "#N") == 0)
		return (t->type == T_QIDENT || t->type == T_WORD) && t->len > 0 && !t->cut;
	return alternative(p, t);
}

/* ---- CREATE TABLE ----------------------------------------------------------------- */

static const char *const table_words[] = {
	"TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "FLOAT", "DOUBLE",
	"BIT", "BOOL", "BOOLEAN", "CHAR", "VARCHAR", "BINARY", "VARBINARY", "TINYTEXT", "TEXT", "MEDIUMTEXT",
	"LONGTEXT", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "ENUM", "SET", "DATE", "DATETIME", "TIMESTAMP",
	"TIME", "YEAR", "JSON", "UNSIGNED", "ZEROFILL", "NOT", "NULL", "DEFAULT", "AUTO_INCREMENT", "PRIMARY",
	"KEY", "UNIQUE", "INDEX", "FULLTEXT", "CONSTRAINT", "FOREIGN", "REFERENCES", "CHECK", "ON", "DELETE",
	"UPDATE", "CASCADE", "RESTRICT", "NO", "ACTION", "CHARACTER", "CHARSET", "COLLATE", "ENGINE", "INNODB",
	"COMMENT", "CURRENT_TIMESTAMP", "USING", "BTREE", "HASH", "ROW_FORMAT", "DYNAMIC", "COMPACT", "INVISIBLE",
	"GENERATED", "ALWAYS", "AS", "VIRTUAL", "STORED", "PERSISTENT", "AND", "OR", "IN", "IS", "TRUE", "FALSE",
	"BETWEEN", "LIKE", "CHAR_LENGTH", "JSON_VALID", NULL,
};

static int check_table_body(struct dumpscan *s, const struct dumpscan_token *t)
{
	switch (t->type) {
	case T_END:
		if (s->depth != 0)
			return fail(s, "CREATE TABLE `%s`: unbalanced parentheses", s->table);
		s->kind = K_NONE;
		return 0;
	case T_QIDENT:
	case T_STRING:
	case T_NUMBER:
		return 0;
	case T_WORD:
		if (in_list(t->text, table_words) || safe_collation(t->text) || safe_charset(t->text))
			return 0;
		return fail(s, "CREATE TABLE `%s`: \"%s\" is not a column type or option of the portal's tables", s->table,
		            t->text);
	case T_PUNCT:
		if (punct(t, '('))
			s->depth++;
		else if (punct(t, ')') && --s->depth < 0)
			return fail(s, "CREATE TABLE `%s`: unbalanced parentheses", s->table);
		if (strchr("(),=<>!+-*/%", t->text[0]))
			return 0;
		return fail(s, "CREATE TABLE `%s`: '%c' (a qualified name, or not SQL of a table)", s->table, t->text[0]);
	default:
		return fail(s, "CREATE TABLE `%s`: a variable", s->table);
	}
}

/* ---- CREATE TRIGGER ------------------------------------------------------------------ */

/* Words a trigger's body may not hold: it changes rows of the portal's tables, nothing else. */
static const char *const trigger_forbidden[] = {
	"GRANT", "REVOKE", "CREATE", "DROP", "ALTER", "RENAME", "TRUNCATE", "USER", "ROLE", "PASSWORD", "PREPARE",
	"EXECUTE", "DEALLOCATE", "CALL", "LOAD", "HANDLER", "INSTALL", "UNINSTALL", "PLUGIN", "SHUTDOWN", "KILL",
	"FLUSH", "OUTFILE", "DUMPFILE", "INFILE", "SYSTEM", "USE", "BEGIN", "LOCK", "UNLOCK", "FUNCTION",
	"PROCEDURE", "EVENT", "SERVER", "DEFINER", "SECURITY", "CHANGE", "MASTER", "RESET", "PURGE", "START",
	"STOP", "SIGNAL", "RESIGNAL", "SLEEP", "BENCHMARK", "LOAD_FILE", "SELECT", "DO", NULL,
};

static bool definer_allowed(const struct dumpscan *s, const char *user, const char *host)
{
	char who[2 * DUMPSCAN_TEXT_MAX + 2];
	snprintf(who, sizeof(who), "%s@%s", user, host);
	for (const char *const *d = s->definers; d && *d; d++)
		if (strcmp(*d, who) == 0)
			return true;
	return false;
}

/* CREATE DEFINER = user @ host: steps 0 '=', 1 user, 2 '@', 3 host. */
static int check_definer(struct dumpscan *s, const struct dumpscan_token *t)
{
	bool name = (t->type == T_QIDENT || t->type == T_STRING || t->type == T_WORD) && !t->cut && t->len > 0;
	switch (s->step++) {
	case 0:
		return punct(t, '=') ? 0 : fail(s, "malformed DEFINER clause");
	case 1:
		if (!name)
			return fail(s, "malformed DEFINER clause");
		snprintf(s->var, sizeof(s->var), "%s", t->text);
		return 0;
	case 2:
		return punct(t, '@') ? 0 : fail(s, "malformed DEFINER clause");
	default:
		if (!name)
			return fail(s, "malformed DEFINER clause");
		if (!definer_allowed(s, s->var, t->text))
			return fail(s, "a DEFINER clause names %s@%s, not an account that defines the portal's triggers",
			            s->var, t->text);
		s->elide = true;   /* removed when its versioned comment closes */
		s->definer_done = true;
		s->kind = K_CREATE;
		s->step = 1;
		return 0;
	}
}

static int check_trigger_body(struct dumpscan *s, const struct dumpscan_token *t)
{
	if (s->step == 0) {
		s->step = 1;
		if (!is(t, "UPDATE") && !is(t, "INSERT") && !is(t, "DELETE"))
			return fail(s, "a trigger whose body is not one UPDATE, INSERT or DELETE");
		return 0;
	}
	switch (t->type) {
	case T_END:
		s->kind = K_NONE;
		return 0;
	case T_WORD:
		if (in_list(t->text, trigger_forbidden) || t->cut)
			return fail(s, "a trigger whose body holds %s", t->text);
		snprintf(s->prev_word, sizeof(s->prev_word), "%s", t->text);
		return 0;
	case T_PUNCT:
		/* NEW.column and OLD.column only: no other database's table. */
		if (punct(t, '.') && strcasecmp(s->prev_word, "NEW") != 0 && strcasecmp(s->prev_word, "OLD") != 0)
			return fail(s, "a trigger whose body names a qualified table");
		if (!strchr("(),=<>!+-*/%.", t->text[0]))
			return fail(s, "a trigger whose body holds '%c'", t->text[0]);
		s->prev_word[0] = '\0';
		return 0;
	case T_VAR:
	case T_SYSVAR:
		return fail(s, "a trigger whose body uses a variable");
	default:
		s->prev_word[0] = '\0';
		return 0;
	}
}

/* ---- INSERT ------------------------------------------------------------------------ */

enum { INS_OPEN, INS_VALUE, INS_NEG, INS_AFTER_VALUE, INS_AFTER_ROW };

static void chain_field(struct dumpscan *s, const struct dumpscan_token *t)
{
	if (strcmp(s->table, "chain_heads") != 0)
		return;
	if (s->column == 0)
		s->row_chain = t->type != T_STRING ? -1 : strcmp(t->text, "audit") == 0 ? DUMPSCAN_AUDIT
		             : strcmp(t->text, "revisions") == 0 ? DUMPSCAN_REVISIONS : -1;
	else if (s->column == 1)
		s->row_seq = t->type == T_NUMBER && t->len <= 18 && all_chars(t->text, DIGITS) ? atoll(t->text) : -1;
	else if (s->column == 2 && t->type == T_NUMBER && t->len == 66 && strncmp(t->text, "0x", 2) == 0)
		for (int i = 0; i < 64; i++)
			s->row_hash[i] = (char)(t->text[2 + i] | 0x20), s->row_hash[64] = '\0';
	else if (s->column == 2)
		s->row_hash[0] = '\0';
}

static int chain_row_end(struct dumpscan *s)
{
	if (strcmp(s->table, "chain_heads") != 0)
		return 0;
	if (s->column != 3 || s->row_chain < 0 || s->row_seq < 0 || !s->row_hash[0] ||
	    !all_chars(s->row_hash, "0123456789abcdef"))
		return fail(s, "a row of `chain_heads` that is not (chain, seq, hash)");
	struct dumpscan_head *h = &s->heads[s->row_chain];
	if (h->found)
		return fail(s, "`chain_heads` holds a chain twice");
	h->found = true;
	h->seq = s->row_seq;
	memcpy(h->hash, s->row_hash, sizeof(h->hash));
	return 0;
}

static int check_values(struct dumpscan *s, const struct dumpscan_token *t)
{
	switch (s->step) {
	case INS_OPEN:
		if (!punct(t, '('))
			return fail(s, "INSERT INTO `%s`: not a list of rows", s->table);
		s->column = 0;
		s->row_hash[0] = '\0';
		s->step = INS_VALUE;
		return 0;
	case INS_VALUE:
	case INS_NEG:
		if (s->step == INS_VALUE && punct(t, '-')) {
			s->step = INS_NEG;
			if (s->column == 1)
				s->row_chain = -1;   /* a negative seq: not a chain head */
			return 0;
		}
		if (!(t->type == T_STRING || t->type == T_NUMBER || (s->step == INS_VALUE && is(t, "NULL"))))
			return fail(s, "INSERT INTO `%s`: a value that is not a literal", s->table);
		chain_field(s, t);
		s->column++;
		s->step = INS_AFTER_VALUE;
		return 0;
	case INS_AFTER_VALUE:
		if (punct(t, ',')) {
			s->step = INS_VALUE;
			return 0;
		}
		if (!punct(t, ')'))
			return fail(s, "INSERT INTO `%s`: malformed row", s->table);
		s->step = INS_AFTER_ROW;
		return chain_row_end(s);
	default:
		if (t->type == T_END)
			return s->kind = K_NONE, 0;
		if (!punct(t, ','))
			return fail(s, "INSERT INTO `%s`: malformed list of rows", s->table);
		s->step = INS_OPEN;
		return 0;
	}
}

/* ---- the statement's first words ----------------------------------------------------------- */

struct pattern {
	const char *const *words;
	size_t n;
};

static const struct pattern patterns[] = {
	{ pattern_drop, sizeof(pattern_drop) / sizeof(*pattern_drop) },
	{ pattern_lock, sizeof(pattern_lock) / sizeof(*pattern_lock) },
	{ pattern_unlock, sizeof(pattern_unlock) / sizeof(*pattern_unlock) },
	{ pattern_keys, sizeof(pattern_keys) / sizeof(*pattern_keys) },
	{ pattern_insert, sizeof(pattern_insert) / sizeof(*pattern_insert) },
	{ pattern_trigger, sizeof(pattern_trigger) / sizeof(*pattern_trigger) },
};
enum { P_DROP, P_LOCK, P_UNLOCK, P_KEYS, P_INSERT, P_TRIGGER };

static int begin_statement(struct dumpscan *s, const struct dumpscan_token *t)
{
	s->step = 1;
	s->depth = 0;
	s->definer_done = false;
	s->table[0] = '\0';
	if (is(t, "SET")) {
		s->kind = K_SET;
		s->step = SET_NAME;
		return 0;
	}
	for (int p = P_DROP; p <= P_INSERT; p++)
		if (is(t, patterns[p].words[0])) {
			s->kind = p == P_INSERT ? K_INSERT : K_FIXED;
			s->pattern = p;
			return 0;
		}
	if (is(t, "CREATE")) {
		s->kind = K_CREATE;
		return 0;
	}
	if (t->type == T_WORD)
		return fail(s, "a %.24s statement: a backup of the portal holds only its tables, their rows and"
		            " their triggers", t->text);
	return fail(s, "a statement that does not start with a keyword");
}

/* The words of a fixed pattern; for INSERT and TRIGGER, what follows them. */
static int check_pattern(struct dumpscan *s, const struct dumpscan_token *t, int p, int next_kind)
{
	const struct pattern *pat = &patterns[p];
	if (!pattern_match(s, pat->words[s->step], t))
		return fail(s, "a statement of a form mariadb-dump does not write (%s ...)", pat->words[0]);
	if (++s->step < (int)pat->n)
		return 0;
	if (next_kind == K_NONE && t->type != T_END)
		return fail(s, "a statement of a form mariadb-dump does not write (%s ...)", pat->words[0]);
	s->kind = next_kind;
	s->step = 0;
	return 0;
}

static int check_token(struct dumpscan *s, const struct dumpscan_token *t)
{
	if (s->in_exec)
		s->exec_tokens++;
	if (s->kind == K_NONE) {
		if (t->type == T_END)
			return 0;   /* an empty statement */
		s->statements++;
		return begin_statement(s, t);
	}
	switch (s->kind) {
	case K_SET:
		return check_set(s, t);
	case K_FIXED:
		return check_pattern(s, t, s->pattern, K_NONE);
	case K_INSERT:
		return check_pattern(s, t, P_INSERT, K_VALUES);   /* then the rows, from INS_OPEN */
	case K_VALUES:
		return check_values(s, t);
	case K_CREATE:
		if (s->step == 1 && is(t, "TABLE")) {
			s->kind = K_CREATE_TABLE;
			s->step = 0;
			return 0;
		}
		if (s->step == 1 && is(t, "DEFINER") && !s->definer_done) {
			if (!t->first_in_comment)
				return fail(s, "a DEFINER clause outside its own versioned comment");
			s->kind = K_DEFINER;
			s->step = 0;
			return 0;
		}
		if (s->step == 1 && is(t, "TRIGGER")) {
			s->kind = K_TRIGGER;
			s->step = 1;
			return 0;
		}
		return fail(s, "a CREATE %.24s statement: a backup of the portal creates only tables and triggers",
		            t->len ? t->text : "");
	case K_CREATE_TABLE:
		if (s->step == 0) {
			if (t->type != T_QIDENT || !t->len)
				return fail(s, "CREATE TABLE without a `name`");
			snprintf(s->table, sizeof(s->table), "%s", t->text);
			s->step = 1;
			return 0;
		}
		if (s->step == 1) {
			s->step = 2;
			if (!punct(t, '('))
				return fail(s, "CREATE TABLE `%s` of a form mariadb-dump does not write", s->table);
			s->depth = 1;
			return 0;
		}
		return check_table_body(s, t);
	case K_DEFINER:
		return check_definer(s, t);
	case K_TRIGGER:
		return check_pattern(s, t, P_TRIGGER, K_TRIGGER_BODY);
	default:
		return check_trigger_body(s, t);
	}
}

/* ---- the lexer ------------------------------------------------------------------------ */

static void token_begin(struct dumpscan *s, int type)
{
	s->tok.type = type;
	s->tok.len = 0;
	s->tok.cut = false;
	s->tok.first_in_comment = s->in_exec && s->exec_tokens == 0;
	s->tok.text[0] = '\0';
}

static void token_add(struct dumpscan *s, char c)
{
	if (s->tok.len < DUMPSCAN_TEXT_MAX) {
		s->tok.text[s->tok.len++] = c;
		s->tok.text[s->tok.len] = '\0';
	} else {
		s->tok.cut = true;
	}
}

static int token_end(struct dumpscan *s)
{
	s->state = L_NORMAL;
	return check_token(s, &s->tok);
}

static int single(struct dumpscan *s, int type, char c)
{
	token_begin(s, type);
	if (c)
		token_add(s, c);
	return token_end(s);
}

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/*
 * A word or @variable ends. DELIMITER is a client command: read here only
 * alone at the start of a statement's line, refused anywhere else.
 */
static int word_end(struct dumpscan *s, bool at_line_start)
{
	char upper[DUMPSCAN_TEXT_MAX + 1];
	size_t i;
	for (i = 0; i < s->tok.len; i++)
		upper[i] = (char)(s->tok.text[i] >= 'a' && s->tok.text[i] <= 'z' ? s->tok.text[i] - 32 : s->tok.text[i]);
	upper[i] = '\0';
	if (s->tok.cut || strstr(upper, "DELIMITER")) {
		if (s->tok.type == T_WORD && !s->tok.cut && strcmp(upper, "DELIMITER") == 0 && at_line_start &&
		    s->kind == K_NONE && !s->in_exec) {
			s->state = L_DELIM;
			s->delim_step = 0;
			return 0;
		}
		return fail(s, s->tok.cut ? "a word longer than %d bytes" : "DELIMITER where the client would read a"
		            " command", DUMPSCAN_TEXT_MAX);
	}
	return token_end(s);
}

/* Can c continue the number in s->tok? (decimal: 12, 1.5, 2e-3; hexadecimal: 0x1F) */
static bool number_char(const struct dumpscan *s, char c)
{
	const char *t = s->tok.text;
	size_t n = s->tok.len;
	char last = t[n - 1];
	bool hex = n >= 2 && t[0] == '0' && (t[1] == 'x');
	if (hex || (n == 1 && t[0] == '0' && c == 'x'))
		return hex ? strchr("0123456789abcdefABCDEF", c) != NULL : true;
	bool has_e = strpbrk(t, "eE") != NULL, has_dot = strchr(t, '.') != NULL;
	if (c >= '0' && c <= '9')
		return true;
	if (c == '.')
		return !has_dot && !has_e && last >= '0' && last <= '9';
	if (c == 'e' || c == 'E')
		return !has_e && last >= '0' && last <= '9';
	return (c == '+' || c == '-') && (last == 'e' || last == 'E');
}

static int number_end(struct dumpscan *s)
{
	char last = s->tok.text[s->tok.len - 1];
	bool hex = s->tok.len >= 2 && s->tok.text[1] == 'x';
	if (hex ? s->tok.len < 3 : !(last >= '0' && last <= '9'))
		return fail(s, "a malformed number");
	return token_end(s);
}

static int newline(struct dumpscan *s)
{
	s->line++;
	s->line_start = true;
	return 0;
}

static int delimiter_byte(struct dumpscan *s, char c)
{
	/* " ;;" or " ;", then spaces, then the end of the line */
	switch (s->delim_step) {
	case 0:
		if (c != ' ')
			break;
		s->delim_step = 1;
		return 0;
	case 1:
		if (c == ' ')
			return 0;
		if (c != ';')
			break;
		s->delimiter = 1;
		s->delim_step = 2;
		return 0;
	case 2:
		if (c == ';' && s->delimiter == 1) {
			s->delimiter = 2;
			return 0;
		}
		/* fall through */
	default:
		if (c == ' ') {
			s->delim_step = 3;
			return 0;
		}
		if (c != '\n')
			break;
		s->state = L_NORMAL;
		return newline(s);
	}
	return fail(s, "a DELIMITER command other than DELIMITER ;; or DELIMITER ;");
}

static int exec_close(struct dumpscan *s)
{
	s->in_exec = false;
	s->state = L_NORMAL;
	if (!s->elide) {
		s->hold_from = -1;
		return 0;
	}
	s->elide = false;
	/* comment_bytes <= DUMPSCAN_HOLD_MAX: it is still held back (out_byte) */
	if (s->exec_tokens != 5 || s->comment_bytes > DUMPSCAN_HOLD_MAX || (s->emit && s->hold_from < 0))
		return fail(s, "a DEFINER clause that is not alone in a short versioned comment");
	/* The clause goes; the restore account becomes the definer. */
	s->staged = (size_t)s->hold_from;
	s->hold_from = -1;
	out_byte(s, ' ');
	return 0;
}

/* Outside strings and comments. */
static int normal_byte(struct dumpscan *s, unsigned char c)
{
	if (c == ' ' || c == '\t')
		return 0;
	if (c == '\n')
		return newline(s);
	bool at_line_start = s->line_start;
	s->line_start = false;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$') {
		token_begin(s, T_WORD);
		token_add(s, (char)c);
		s->state = L_WORD;
		s->word_at_line_start = at_line_start;
		return 0;
	}
	if (c >= '0' && c <= '9') {
		token_begin(s, T_NUMBER);
		token_add(s, (char)c);
		s->state = L_NUMBER;
		return 0;
	}
	switch (c) {
	case '\'': token_begin(s, T_STRING); s->state = L_SQ; return 0;
	case '"': token_begin(s, T_STRING); s->state = L_DQ; return 0;
	case '`': token_begin(s, T_QIDENT); s->state = L_BQ; return 0;
	case '@': s->state = L_AT; return 0;
	case '-': s->state = L_DASH; return 0;
	case '/':
		if (!s->in_exec) {   /* perhaps a versioned comment: hold it back */
			s->comment_bytes = 1;
			if (s->emit) {
				s->hold_from = (long)s->staged - 1;
				s->hold_tentative = true;
			}
		}
		s->state = L_SLASH;
		return 0;
	case '*':
		if (s->in_exec) {
			s->state = L_STAR;
			return 0;
		}
		return single(s, T_PUNCT, '*');
	case ';':
		if (s->in_exec)
			return fail(s, "a ';' inside a versioned comment");
		if (s->delimiter == 2) {
			s->state = L_SEMI;
			return 0;
		}
		return single(s, T_END, 0);
	case '#':
		return fail(s, "a '#' comment");
	case '\\':
		return fail(s, "a backslash outside a string (a client command)");
	default:
		if (c > 0x20 && c < 0x7F)
			return single(s, T_PUNCT, (char)c);
		return fail(s, "byte 0x%02X outside a string", c);
	}
}

/* Inside '...' or "...": backslash escapes, a doubled quote is one. */
static int string_byte(struct dumpscan *s, char c, char quote, int in, int esc, int closing)
{
	if (s->state == esc) {
		token_add(s, c);
		s->state = in;
		return c == '\n' ? newline(s) : 0;
	}
	if (s->state == closing) {
		if (c == quote) {
			token_add(s, c);
			s->state = in;
			return 0;
		}
		return -2;   /* the string ended before c */
	}
	if (c == '\\')
		s->state = esc;
	else if (c == quote)
		s->state = closing;
	else
		token_add(s, c);
	return c == '\n' ? newline(s) : 0;
}

static int comment_byte(struct dumpscan *s, char c)
{
	if (c == '\\')
		return fail(s, "a backslash in a comment (a client command)");
	if (s->state == L_COMMENT_STAR && c == '/') {
		s->state = L_NORMAL;
		return 0;
	}
	s->state = c == '*' ? L_COMMENT_STAR : L_COMMENT;
	return c == '\n' ? newline(s) : 0;
}

static void release_hold(struct dumpscan *s)
{
	if (s->hold_tentative)
		s->hold_from = -1;
	s->hold_tentative = false;
}

static int step(struct dumpscan *s, unsigned char c)
{
	int r;
again:
	switch (s->state) {
	case L_NORMAL:
		return normal_byte(s, c);
	case L_WORD:
	case L_VAR:
	case L_SYSVAR:
		if (name_char(c)) {
			token_add(s, (char)c);
			return 0;
		}
		if ((r = word_end(s, s->word_at_line_start)))
			return r;
		goto again;   /* in L_NORMAL, or L_DELIM after DELIMITER */
	case L_NUMBER:
		if (name_char(c) || c == '.' || c == '+' || c == '-') {
			if ((c == '+' || c == '-') && !number_char(s, (char)c)) {
				if ((r = number_end(s)))
					return r;
				goto again;
			}
			if (!number_char(s, (char)c))
				return fail(s, "a malformed number");
			token_add(s, (char)c);
			return 0;
		}
		if ((r = number_end(s)))
			return r;
		goto again;
	case L_SQ: case L_SQ_ESC: case L_SQ_Q:
		r = string_byte(s, (char)c, '\'', L_SQ, L_SQ_ESC, L_SQ_Q);
		if (r != -2)
			return r;
		if ((r = token_end(s)))
			return r;
		goto again;
	case L_DQ: case L_DQ_ESC: case L_DQ_Q:
		r = string_byte(s, (char)c, '"', L_DQ, L_DQ_ESC, L_DQ_Q);
		if (r != -2)
			return r;
		if ((r = token_end(s)))
			return r;
		goto again;
	case L_BQ:
		if (c == '\n')
			return fail(s, "a line break in a `name`");
		if (c == '`')
			s->state = L_BQ_Q;
		else if (s->tok.len >= 64)
			return fail(s, "a `name` longer than 64 bytes");
		else
			token_add(s, (char)c);
		return 0;
	case L_BQ_Q:
		if (c == '`') {
			token_add(s, '`');
			s->state = L_BQ;
			return 0;
		}
		if ((r = token_end(s)))
			return r;
		goto again;
	case L_AT:
		if (c == '@') {
			s->state = L_SYSVAR_START;
			return 0;
		}
		if (name_char(c)) {
			token_begin(s, T_VAR);
			token_add(s, (char)c);
			s->state = L_VAR;
			return 0;
		}
		if ((r = single(s, T_PUNCT, '@')))
			return r;
		goto again;
	case L_SYSVAR_START:
		if (!name_char(c))
			return fail(s, "a malformed @@variable");
		token_begin(s, T_SYSVAR);
		token_add(s, (char)c);
		s->state = L_SYSVAR;
		return 0;
	case L_SLASH:
		if (c == '*') {
			if (s->in_exec)
				return fail(s, "a comment inside a versioned comment");
			s->state = L_CSTART;
			return 0;
		}
		release_hold(s);
		if ((r = single(s, T_PUNCT, '/')))
			return r;
		goto again;
	case L_CSTART:
		if (c == '!') {
			s->state = L_EXEC_VERSION;
			return 0;
		}
		if (c == 'M') {
			s->state = L_CM;
			return 0;
		}
		release_hold(s);
		s->state = L_COMMENT;
		return comment_byte(s, (char)c);
	case L_CM:
		if (c == '!') {
			s->state = L_EXEC_VERSION;
			return 0;
		}
		release_hold(s);
		s->state = L_COMMENT;
		return comment_byte(s, (char)c);
	case L_EXEC_VERSION:
		if (c >= '0' && c <= '9')
			return 0;
		s->in_exec = true;
		s->exec_tokens = 0;
		s->hold_tentative = false;
		s->state = L_NORMAL;
		goto again;
	case L_COMMENT:
	case L_COMMENT_STAR:
		return comment_byte(s, (char)c);
	case L_STAR:
		if (c == '/')
			return exec_close(s);
		if ((r = single(s, T_PUNCT, '*')))
			return r;
		s->state = L_NORMAL;
		goto again;
	case L_DASH:
		if (c == '-') {
			s->state = L_DASH2;
			return 0;
		}
		if ((r = single(s, T_PUNCT, '-')))
			return r;
		goto again;
	case L_DASH2:
		if (c != ' ' && c != '\t' && c != '\n')
			return fail(s, "'--' that is not a comment");
		if (s->in_exec)
			return fail(s, "a '--' comment inside a versioned comment");
		s->state = L_LINE_COMMENT;
		goto again;
	case L_LINE_COMMENT:
		if (c == '\\')
			return fail(s, "a backslash in a comment (a client command)");
		if (c == '\n') {
			s->state = L_NORMAL;
			return newline(s);
		}
		return 0;
	case L_SEMI:
		if (c != ';')
			return fail(s, "a ';' alone where the delimiter is ';;'");
		return single(s, T_END, 0);
	case L_DELIM:
		return delimiter_byte(s, (char)c);
	default:
		return -1;
	}
}

int dumpscan_feed(struct dumpscan *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n && s->state != L_FAILED; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!s->started) {
			/* The sandbox line, only at the very start; anything else there is read as usual. */
			if (c == (unsigned char)sandbox_line[s->prefix]) {
				out_byte(s, (char)c);
				if (++s->prefix == sizeof(sandbox_line) - 1)
					s->started = true;
				continue;
			}
			s->started = true;
			size_t matched = s->prefix;
			s->prefix = 0;
			for (size_t k = 0; k < matched && s->state != L_FAILED; k++)
				step(s, (unsigned char)sandbox_line[k]);
			if (s->state == L_FAILED)
				break;
		}
		if (c == 0) {
			fail(s, "a NUL byte");
			break;
		}
		out_byte(s, (char)c);
		step(s, c);
	}
	if (s->state == L_FAILED) {
		s->staged = 0;   /* nothing of a refused statement goes on */
		return -1;
	}
	flush(s, false);
	return 0;
}

int dumpscan_finish(struct dumpscan *s)
{
	if (s->state == L_FAILED)
		return -1;
	if (!s->started && s->prefix) {
		s->started = true;
		size_t matched = s->prefix;
		for (size_t k = 0; k < matched && s->state != L_FAILED; k++)
			step(s, (unsigned char)sandbox_line[k]);
		if (s->state == L_FAILED)
			return -1;
	}
	/* A last token ends with the text: a word, a number, a closed string. */
	int r = 0;
	if (s->state == L_WORD)
		r = word_end(s, s->word_at_line_start);
	else if (s->state == L_NUMBER)
		r = number_end(s);
	else if (s->state == L_VAR || s->state == L_SYSVAR)
		r = word_end(s, false);
	else if (s->state == L_SQ_Q || s->state == L_DQ_Q || s->state == L_BQ_Q)
		r = token_end(s);
	if (r)
		return -1;
	if (s->state != L_NORMAL && s->state != L_LINE_COMMENT)
		return fail(s, "the dump ends inside a string, a comment or a command");
	if (s->in_exec || s->kind != K_NONE)
		return fail(s, "the dump ends inside a statement");
	flush(s, true);
	return 0;
}
