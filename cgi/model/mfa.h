/*
 * An account's second factor (docs/totp.md): the TOTP app it is enrolled
 * with and its recovery codes, kept in the database with totp.h's building
 * blocks, and the rules around them: which roles must have one, a code
 * accepted once, a recovery code used once, enrolment and reset audited.
 * Who may do what (an admin resets only their own side's accounts) is the
 * caller's business (authz.h).
 */
#ifndef PORTAL_MFA_H
#define PORTAL_MFA_H

#include <stdbool.h>
#include <time.h>

#include "base/config.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/authz.h"
#include "model/totp.h"

/* Whether an account of this role must sign in with a second factor (cfg->mfa_required). */
bool mfa_required_for(const struct config *cfg, enum role role);

/* Whether cfg->mfa_required is "none" or role names only: 0, or -1 naming the first other word in err. */
int mfa_policy_check(const struct config *cfg, char *err, size_t errlen);

struct mfa_status {
	bool totp;                   /* enrolled with an app */
	char enrolled_at[17];        /* "YYYY-MM-DD HH:MM" UTC, "" when not */
	long long codes_left;        /* unused recovery codes */
};

/* The account's factors now. E_OK, E_NOT_FOUND, or a database error. */
enum err mfa_status(struct db *db, long long account_id, struct mfa_status *out);

/* What a code typed at login (or to confirm one's identity) turned out to be. */
enum mfa_outcome {
	MFA_TOTP,            /* the app's code of a step not used before: that step is now used */
	MFA_RECOVERY,        /* an unused recovery code: now used */
	MFA_WRONG,           /* neither (or not a code at all) */
	MFA_REPLAYED,        /* the app's code of a step used already (or an older one) */
	MFA_NO_FACTOR,       /* the account has no app enrolled */
};

/*
 * Checks a code for an account at time now, in a transaction of its own,
 * under a lock on the account's row so that two requests cannot both use the
 * same step or the same recovery code. When use_recovery is false only the
 * app's codes count. Audits a used recovery code (by). E_OK with *out, or a
 * database error; E_FAILED when the stored secret does not open (another
 * key): nothing is accepted then.
 */
enum err mfa_verify(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                    const char *code, time_t now, bool use_recovery, enum mfa_outcome *out);

/*
 * Enrols (or replaces) the account's app, inside the caller's transaction:
 * the secret sealed, counter as the last step used (the code that proved the
 * app), the old recovery codes replaced by codes (RECOVERY_CODE_COUNT, as
 * shown), and an audit entry (action "totp_enrolled" or "totp_replaced").
 */
enum err mfa_enrol(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                   const unsigned char secret[TOTP_SECRET_BYTES], uint64_t counter, char *const *codes,
                   bool replacing);

/* Replaces the recovery codes by codes, inside the caller's transaction; audited ("recovery_codes_renewed"). */
enum err mfa_renew_codes(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                         char *const *codes);

/*
 * Removes the account's factor (app and recovery codes) and ends all its
 * sessions, in a transaction of its own, audited ("mfa_reset"): its owner
 * enrols again at the next login. E_OK, E_NOT_FOUND, or a database error.
 */
enum err mfa_reset(struct db *db, const struct config *cfg, const struct actor *by, long long account_id);

/*
 * Seals what a half-done step keeps in its session until it is finished (a
 * secret being enrolled, recovery codes not yet confirmed) for this account,
 * and opens it again. Sealed: nonce, MAC, text; at most MFA_PENDING_MAX
 * bytes of text. mfa_pending_open returns the text (arena, NUL-terminated)
 * or NULL when it does not open.
 */
#define MFA_PENDING_MAX 400
#define MFA_PENDING_SEALED_MAX (MFA_PENDING_MAX + 40)
size_t mfa_pending_seal(const struct config *cfg, long long account_id, const char *text,
                        unsigned char out[MFA_PENDING_SEALED_MAX]);
char *mfa_pending_open(struct arena *a, const struct config *cfg, long long account_id, const unsigned char *sealed,
                       size_t len);

#endif
