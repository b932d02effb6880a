/*
 * Server-side sessions. The cookie carries a random 32-byte token; MariaDB
 * keeps only its BLAKE2b hash, the account, a CSRF token, and creation and
 * last-use times. Every request reads the account afresh, so disabling it or
 * changing its role takes effect on its very next request.
 */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include "model/auth.h"
#include "model/ctx.h"
#include "http/http.h"
#include "http/reply.h"

/*
 * The session cookie's name: "__Host-portal_session" when cookies are Secure
 * (secure_cookies = 1), so that only this host, over HTTPS, with Path=/ and
 * no Domain, can set it (ASVS 5.0 3.3.1: a sibling subdomain or a plain-HTTP
 * answer cannot plant a session); "portal_session" on plain-HTTP development,
 * where a browser refuses a __Host- cookie. A static string.
 */
const char *session_cookie_name(bool secure);

/*
 * Writes the Set-Cookie value of the session cookie into out (n bytes):
 * value, Path=/, HttpOnly, SameSite=Lax, Secure when secure, and Max-Age=0
 * when clear. Returns 0, or -1 (out then empty) when it does not fit.
 */
int session_cookie_format(char *out, size_t n, bool secure, const char *value, bool clear);

/*
 * A session is whole, or a login half done (docs/totp.md): the password was
 * right and the second factor's code is awaited, the account enrols its app,
 * or its new recovery codes await confirmation. A half-done login sets no
 * req->who: it reaches only the routes of its own step (ACT_SECOND_STEP), and
 * ends five minutes after the password.
 */
enum session_stage { STAGE_FULL, STAGE_CODE, STAGE_ENROL, STAGE_CODES, STAGE__MAX };
extern const char *const session_stage_codes[STAGE__MAX];   /* as stored: "full", "code", ... */
#define SESSION_HALF_SECONDS 300

struct session {
	unsigned char token_hash[TOKEN_HASH_BYTES];
	char csrf[CSRF_TEXT_LEN + 1];
	enum session_stage stage;
	struct account *account;          /* the session's account, whole or half logged in */
	const unsigned char *pending;     /* sealed (mfa.h): a secret being enrolled, codes not confirmed; or NULL */
	size_t pending_len;
};

/*
 * Reads the session cookie and, if it names a live session of an enabled
 * account, sets req->who and req->session. An ended session is deleted, the
 * cookie cleared, and req->session_ended set. Returns 0, 400 for a malformed
 * cookie header, or 503 when the database is unreachable.
 */
int session_load(struct ctx *ctx, struct request *req, struct reply *rep);

/*
 * Starts a new session (whole, or a login half done at stage) for an
 * account, inside the caller's transaction; token receives the cookie value,
 * to be sent with session_send_cookie once the transaction has committed. The
 * token is new at every login and at every step of it, so a token planted
 * before is worth nothing after.
 */
enum err session_create(struct ctx *ctx, struct request *req, long long account_id, enum session_stage stage,
                        char token[TOKEN_TEXT_LEN + 1]);

/* Moves the request's session to stage, keeping pending (sealed, len bytes; NULL: none). */
enum err session_set_stage(struct ctx *ctx, struct request *req, enum session_stage stage,
                           const unsigned char *pending, size_t len);
void session_send_cookie(const struct ctx *ctx, struct reply *rep, const char *token);

/* Ends the request's session and clears the cookie. */
enum err session_end(struct ctx *ctx, struct request *req, struct reply *rep);

/* Removes expired sessions (a few at a time; called at logins). */
void session_purge(struct ctx *ctx);

#endif
