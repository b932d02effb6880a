#include "model/accounts.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "base/utf8.h"

const char *account_problem_text(enum account_problem p)
{
	switch (p) {
	case ACCOUNT_OK: return "ok";
	case ACCOUNT_BAD_LOGIN: return "a login name is 2 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
	case ACCOUNT_BAD_NAME: return "a display name is 1 to 100 characters without control characters";
	case ACCOUNT_PASSWORD_SHORT: return "a password has at least 10 characters";
	case ACCOUNT_PASSWORD_LONG: return "a password has at most 256 characters";
	case ACCOUNT_PASSWORD_TEXT: return "a password must be valid UTF-8 text";
	}
	return "not acceptable";
}

const char *account_err_text(enum err e)
{
	switch (e) {
	case E_DUPLICATE: return "an account with this login name exists already";
	case E_NOT_FOUND: return "no such account";
	case E_UNAVAILABLE: return "the database is unavailable";
	default: return "the change failed";
	}
}

enum account_problem account_login_normalize(const char *in, char out[LOGIN_MAX + 1])
{
	size_t n = strlen(in);
	if (n < 2 || n > LOGIN_MAX)
		return ACCOUNT_BAD_LOGIN;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return ACCOUNT_BAD_LOGIN;
		out[i] = c;
	}
	out[n] = '\0';
	return ACCOUNT_OK;
}

enum account_problem account_name_check(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || !utf8_valid(name, n) || utf8_length(name, n) > DISPLAY_NAME_MAX)
		return ACCOUNT_BAD_NAME;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F)
			return ACCOUNT_BAD_NAME;
	return ACCOUNT_OK;
}

enum account_problem account_password_check(const char *pw)
{
	switch (password_check(pw, strlen(pw))) {
	case PASSWORD_OK: return ACCOUNT_OK;
	case PASSWORD_TOO_SHORT: return ACCOUNT_PASSWORD_SHORT;
	case PASSWORD_TOO_LONG: return ACCOUNT_PASSWORD_LONG;
	case PASSWORD_BAD_TEXT: return ACCOUNT_PASSWORD_TEXT;
	}
	return ACCOUNT_PASSWORD_TEXT;
}

static void copy_col(char *dst, size_t size, const struct db_col *c)
{
	size_t n = c->len < size - 1 ? c->len : size - 1;
	memcpy(dst, c->s, n);
	dst[n] = '\0';
}

/* The columns of ST_ACCOUNT_BY_LOGIN and ST_ACCOUNT_BY_ID (the same, in the same order). */
enum account_col {
	AC_ID, AC_LOGIN, AC_DISPLAY_NAME, AC_SIDE, AC_ROLE, AC_PASSWORD_HASH, AC_DISABLED,
};

static int account_row_fn(void *ud, const struct db_col *c, unsigned n)
{
	struct account_row *a = ud;
	(void)n;
	a->id = c[AC_ID].i;
	copy_col(a->login, sizeof(a->login), &c[AC_LOGIN]);
	copy_col(a->display_name, sizeof(a->display_name), &c[AC_DISPLAY_NAME]);
	copy_col(a->password_hash, sizeof(a->password_hash), &c[AC_PASSWORD_HASH]);
	a->disabled = c[AC_DISABLED].i != 0;
	if (side_parse(c[AC_SIDE].s, &a->side) != 0 || role_parse(c[AC_ROLE].s, &a->role) != 0)
		a->id = 0;
	return 0;
}

static enum err fetch(struct db *db, enum stmt_id st, struct db_arg arg, struct account_row *out)
{
	memset(out, 0, sizeof(*out));
	enum err r = db_run(db, st, &arg, 1, account_row_fn, out, NULL);
	if (r != E_OK)
		return r;
	return out->id ? E_OK : E_NOT_FOUND;
}

enum err account_by_login(struct db *db, const char *login, struct account_row *out)
{
	return fetch(db, ST_ACCOUNT_BY_LOGIN, DB_STR(login), out);
}

enum err account_by_id(struct db *db, long long id, struct account_row *out)
{
	return fetch(db, ST_ACCOUNT_BY_ID, DB_INT(id), out);
}

/* One account change and its audit entry, in one transaction. */
struct account_change {
	const unsigned char *key;
	const struct actor *by;
	long long id;                 /* the account changed (set by create) */
	const char *login, *name, *hash, *action;
	enum side side;
	enum role role;
	bool flag;                    /* disabled / end sessions */
	const unsigned char *keep;    /* session kept when ending the others */
	char detail[200];
};

static enum err audit_change(struct db *db, struct account_change *c)
{
	struct audit_entry e = {
		.account_id = c->by->account_id, .login = c->by->login, .side = c->by->side,
		.action = c->action, .detail = c->detail, .client_addr = c->by->addr,
	};
	return audit_append(db, c->key, &e);
}

static enum err create_tx(struct db *db, void *ud)
{
	struct account_change *c = ud;
	enum err r = DB_RUN(db, ST_ACCOUNT_INSERT, NULL, NULL, DB_STR(c->login), DB_STR(c->name),
	                          DB_STR(side_code(c->side)), DB_STR(role_code(c->role)), DB_STR(c->hash));
	if (r != E_OK)
		return r;
	c->id = (long long)db_insert_id(db);
	snprintf(c->detail, sizeof(c->detail), "account %lld '%s' (%s %s)", c->id, c->login,
	         side_code(c->side), role_code(c->role));
	return audit_change(db, c);
}

enum err account_create(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                  const char *login, const char *display_name, enum side side,
                                  enum role role, const char *password_hash, long long *id)
{
	struct account_change c = { .key = chain_key, .by = by, .login = login, .name = display_name,
	                    .hash = password_hash, .side = side, .role = role, .action = "account_created" };
	enum err e = db_transaction(db, create_tx, &c);
	if (e == E_OK && id)
		*id = c.id;
	return e;
}

static enum err password_tx(struct db *db, void *ud)
{
	struct account_change *c = ud;
	unsigned long long n = 0;
	struct db_arg args[] = { DB_STR(c->hash), DB_INT(c->id) };
	enum err r = db_run(db, ST_ACCOUNT_SET_PASSWORD, args, 2, NULL, NULL, &n);
	if (r == E_OK && n == 0)
		return E_NOT_FOUND;
	if (r == E_OK && c->flag && c->keep)
		r = DB_RUN(db, ST_SESSION_DELETE_OTHERS, NULL, NULL, DB_INT(c->id), DB_BLOB(c->keep, TOKEN_HASH_BYTES));
	else if (r == E_OK && c->flag)
		r = DB_RUN(db, ST_SESSION_DELETE_ACCOUNT, NULL, NULL, DB_INT(c->id));
	if (r != E_OK)
		return r;
	snprintf(c->detail, sizeof(c->detail), "account %lld%s", c->id,
	         c->flag ? (c->keep ? ", other sessions ended" : ", sessions ended") : "");
	return audit_change(db, c);
}

enum err account_set_password(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, const char *password_hash, bool end_sessions,
                                        const unsigned char *keep_session, const char *action)
{
	struct account_change c = { .key = chain_key, .by = by, .id = id, .hash = password_hash,
	                    .flag = end_sessions, .keep = keep_session, .action = action };
	return db_transaction(db, password_tx, &c);
}

static enum err disabled_tx(struct db *db, void *ud)
{
	struct account_change *c = ud;
	enum err r = DB_RUN(db, ST_ACCOUNT_SET_DISABLED, NULL, NULL, DB_INT(c->flag), DB_INT(c->id));
	if (r == E_OK && c->flag)
		r = DB_RUN(db, ST_SESSION_DELETE_ACCOUNT, NULL, NULL, DB_INT(c->id));
	if (r != E_OK)
		return r;
	snprintf(c->detail, sizeof(c->detail), "account %lld", c->id);
	return audit_change(db, c);
}

enum err account_set_disabled(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, bool disabled)
{
	struct account_change c = { .key = chain_key, .by = by, .id = id, .flag = disabled,
	                    .action = disabled ? "account_disabled" : "account_enabled" };
	return db_transaction(db, disabled_tx, &c);
}

static enum err role_tx(struct db *db, void *ud)
{
	struct account_change *c = ud;
	enum err r = DB_RUN(db, ST_ACCOUNT_SET_ROLE, NULL, NULL, DB_STR(role_code(c->role)), DB_INT(c->id));
	if (r != E_OK)
		return r;
	snprintf(c->detail, sizeof(c->detail), "account %lld is now %s", c->id, role_code(c->role));
	return audit_change(db, c);
}

enum err account_set_role(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                    long long id, enum role role)
{
	struct account_change c = { .key = chain_key, .by = by, .id = id, .role = role, .action = "role_changed" };
	return db_transaction(db, role_tx, &c);
}
