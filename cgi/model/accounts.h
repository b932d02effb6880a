/*
 * Account changes, shared by the admin pages and portalctl: each is one
 * transaction that makes the change and writes its audit entry. Validation of
 * names and passwords lives here too, so both doors apply the same rules.
 */
#ifndef PORTAL_ACCOUNTS_H
#define PORTAL_ACCOUNTS_H

#include <stdbool.h>

#include "model/auth.h"
#include "model/audit.h"
#include "model/authz.h"
#include "db/db.h"

#define LOGIN_MAX 64
#define DISPLAY_NAME_MAX 100

/* Why a login name, display name or password is not acceptable. */
enum account_problem {
	ACCOUNT_OK = 0,
	ACCOUNT_BAD_LOGIN,      /* 2-64 of a-z 0-9 . _ -, starting with a letter or digit */
	ACCOUNT_BAD_NAME,       /* 1-100 characters, no control characters */
	ACCOUNT_PASSWORD_SHORT,
	ACCOUNT_PASSWORD_LONG,
	ACCOUNT_PASSWORD_TEXT,  /* not valid UTF-8 */
};

/* For portalctl (English, the operators' language): what is wrong, and what a change's error means. */
const char *account_problem_text(enum account_problem p);
const char *account_err_text(enum err e);

/* Lower-cases a login name into out (LOGIN_MAX+1) if it is acceptable. */
enum account_problem account_login_normalize(const char *in, char out[LOGIN_MAX + 1]);
enum account_problem account_name_check(const char *name);
enum account_problem account_password_check(const char *pw);

struct account_row {
	long long id;
	char login[LOGIN_MAX + 1];
	char display_name[DISPLAY_NAME_MAX * 4 + 1];
	enum side side;
	enum role role;
	char password_hash[crypto_pwhash_STRBYTES];
	bool disabled;
};

/* Reads one account by login name or id: E_OK, E_NOT_FOUND, or a database error. */
enum err account_by_login(struct db *db, const char *login, struct account_row *out);
enum err account_by_id(struct db *db, long long id, struct account_row *out);

/* Creates an account with an already computed password hash. *id receives its id. E_DUPLICATE: the login exists. */
enum err account_create(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                  const char *login, const char *display_name, enum side side,
                                  enum role role, const char *password_hash, long long *id);
/*
 * Sets a new password hash. end_sessions: end all of the account's sessions
 * except keep_session (NULL: all of them).
 */
enum err account_set_password(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, const char *password_hash, bool end_sessions,
                                        const unsigned char *keep_session, const char *action);
/* Disables (ending its sessions) or enables an account. */
enum err account_set_disabled(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, bool disabled);
enum err account_set_role(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                    long long id, enum role role);

#endif
