/*
 * Account changes, shared by the admin pages and portalctl: each is one
 * transaction that makes the change and writes its audit entry. Validation of
 * names and passwords lives here too, so both doors apply the same rules.
 */
#ifndef PORTAL_ACCOUNTS_H
#define PORTAL_ACCOUNTS_H

#include <stdbool.h>

#include "auth.h"
#include "authz.h"
#include "db.h"

#define LOGIN_MAX 64
#define DISPLAY_NAME_MAX 100

/* Who makes a change, for the audit log. */
struct actor {
	long long account_id;   /* 0 for portalctl */
	const char *login;      /* "portalctl" for the command line */
	const char *side;       /* "EU", "KR" or NULL */
	const char *addr;       /* client address, or "local" */
};

enum account_error {
	ACCOUNT_OK = 0,
	ACCOUNT_BAD_LOGIN,      /* 2-64 of a-z 0-9 . _ -, starting with a letter or digit */
	ACCOUNT_BAD_NAME,       /* 1-100 characters, no control characters */
	ACCOUNT_PASSWORD_SHORT,
	ACCOUNT_PASSWORD_LONG,
	ACCOUNT_PASSWORD_TEXT,  /* not valid UTF-8 */
	ACCOUNT_EXISTS,
	ACCOUNT_NOT_FOUND,
	ACCOUNT_UNAVAILABLE,    /* the database could not be reached */
	ACCOUNT_FAILED,
};

const char *account_error_text(enum account_error e);

/* Lower-cases a login name into out (LOGIN_MAX+1) if it is acceptable. */
enum account_error account_login_normalize(const char *in, char out[LOGIN_MAX + 1]);
enum account_error account_name_check(const char *name);
enum account_error account_password_check(const char *pw);

struct account_row {
	long long id;
	char login[LOGIN_MAX + 1];
	char display_name[DISPLAY_NAME_MAX * 4 + 1];
	enum side side;
	enum role role;
	char password_hash[crypto_pwhash_STRBYTES];
	bool disabled;
};

/* Reads one account by login name or id. ACCOUNT_OK, ACCOUNT_NOT_FOUND or ACCOUNT_UNAVAILABLE. */
enum account_error account_by_login(struct db *db, const char *login, struct account_row *out);
enum account_error account_by_id(struct db *db, long long id, struct account_row *out);

/* Creates an account with an already computed password hash. *id receives its id. */
enum account_error account_create(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                  const char *login, const char *display_name, enum side side,
                                  enum role role, const char *password_hash, long long *id);
/*
 * Sets a new password hash. end_sessions: end all of the account's sessions
 * except keep_session (NULL: all of them).
 */
enum account_error account_set_password(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, const char *password_hash, bool end_sessions,
                                        const unsigned char *keep_session, const char *action);
/* Disables (ending its sessions) or enables an account. */
enum account_error account_set_disabled(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                        long long id, bool disabled);
enum account_error account_set_role(struct db *db, const unsigned char *chain_key, const struct actor *by,
                                    long long id, enum role role);

#endif
