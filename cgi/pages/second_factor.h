/*
 * What the login steps (page_login_steps.c) and the account page's factor
 * forms (page_account_factor.c) share: the secret or the recovery codes a
 * half-done step keeps in its session (sealed, mfa.h), and the enrolment
 * and recovery-code pages both show.
 */
#ifndef PORTAL_SECOND_FACTOR_H
#define PORTAL_SECOND_FACTOR_H

#include "http/http.h"
#include "http/reply.h"
#include "http/session.h"
#include "messages.h"
#include "view/render.h"
#include "model/ctx.h"
#include "model/mfa.h"

/* What a session keeps between two steps (session.h, pending). */
struct pending {
	bool has_secret;
	unsigned char secret[TOTP_SECRET_BYTES];   /* a secret being enrolled */
	char *codes[RECOVERY_CODE_COUNT];          /* or recovery codes not yet confirmed (arena) */
	bool has_codes;
};

/* Reads the session's pending step; false when there is none (or it does not open). */
bool pending_read(const struct ctx *ctx, const struct request *req, struct pending *out);

/* Keeps a new secret (pending_secret) or codes (pending_codes) in the session, at stage. E_OK or an error. */
enum err pending_secret(struct ctx *ctx, struct request *req, enum session_stage stage,
                        const unsigned char secret[TOTP_SECRET_BYTES]);
enum err pending_codes(struct ctx *ctx, struct request *req, enum session_stage stage, char *const *codes);

/*
 * The enrolment page for the pending secret: QR code (qr_url), the key as
 * text (id="totp-secret") and as a URI, and the form for the first code,
 * posted to action. intro: the page's lead text; cancel: offer to cancel the
 * login. error: M__MAX or a message.
 */
int enrol_page(struct request *req, struct reply *rep, int status, const unsigned char secret[TOTP_SECRET_BYTES],
               const char *action, const char *qr_url, enum msg_id intro, bool cancel, enum msg_id error);

/* The QR code of the pending secret's URI as an SVG image (no caching). */
int qr_reply(struct request *req, struct reply *rep, const unsigned char secret[TOTP_SECRET_BYTES]);

/* The recovery codes page: the codes, a download link, and a form to confirm they are saved (action). */
int codes_page(struct request *req, struct reply *rep, char *const *codes, const char *action, const char *download);

/* The recovery codes as a text file to download. */
int codes_text(struct request *req, struct reply *rep, char *const *codes);

/* The session's account as the actor of a change (a half-done login's too). */
struct actor factor_actor(const struct request *req);

/* Audits a wrong code as a failed login of the session's account. */
void factor_audit_failure(struct ctx *ctx, const struct request *req, const char *why);

/*
 * Counts a code as an attempt of the account's login name and the address
 * before it is checked (throttle.h): 0, or 429 (locked; Retry-After set) or
 * an error status.
 */
int factor_count_attempt(struct ctx *ctx, const struct request *req, struct reply *rep);

/*
 * Checks the form's code against the pending secret and, when it is right,
 * enrols that secret with ten new recovery codes (mfa_enrol), which the
 * session keeps at stage then to show once. 0, 401 for a wrong code, 409
 * when no secret is pending, 429, or another status.
 */
int enrol_with_code(struct ctx *ctx, struct request *req, struct reply *rep, enum session_stage then, bool replacing);

/* The account page (page_account.c) with a message (kind T_NOTICE or T_ERROR; M__MAX: none). */
int account_page(struct ctx *ctx, struct request *req, struct reply *rep, int status, enum tmpl_name kind,
                 enum msg_id text);

/*
 * Where a login goes when it is whole: the form's (POST) or the query's (GET)
 * "next", a local path only, never back to /login. "/" by default.
 */
const char *login_next(const struct request *req);

/* path, with ?next= when next is not "/" (arena). */
const char *with_next(struct arena *a, const char *path, const char *next);

/* The account's label in authenticator apps: "login (side)". */
const char *totp_label(struct arena *a, const struct account *acc);

#endif
