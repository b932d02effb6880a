#include "pages/second_factor.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/throttle.h"
#include "view/qr.h"
#include "view/render.h"

/* The pending text: "secret BASE32" or "codes CODE CODE ..." (mfa_pending_seal). */
#define SECRET_PREFIX "secret "
#define CODES_PREFIX "codes "

static bool read_codes(struct arena *a, const char *list, struct pending *out)
{
	const char *p = list;
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
		size_t n = strcspn(p, " ");
		if (n != RECOVERY_CODE_TEXT_LEN || !(out->codes[i] = arena_strndup(a, p, n)))
			return false;
		p += n;
		if (*p == ' ')
			p++;
	}
	return *p == '\0';
}

bool pending_read(const struct ctx *ctx, const struct request *req, struct pending *out)
{
	memset(out, 0, sizeof(*out));
	const struct session *s = req->session;
	if (!s || !s->pending || !s->account)
		return false;
	char *text = mfa_pending_open(req->arena, ctx->cfg, s->account->id, s->pending, s->pending_len);
	if (!text)
		return false;
	bool ok = false;
	if (strncmp(text, SECRET_PREFIX, strlen(SECRET_PREFIX)) == 0) {
		const char *b32 = text + strlen(SECRET_PREFIX);
		ok = out->has_secret =
			totp_base32_decode(b32, strlen(b32), out->secret, sizeof(out->secret)) == TOTP_SECRET_BYTES;
	} else if (strncmp(text, CODES_PREFIX, strlen(CODES_PREFIX)) == 0) {
		ok = out->has_codes = read_codes(req->arena, text + strlen(CODES_PREFIX), out);
	}
	sodium_memzero(text, strlen(text));
	return ok;
}

static enum err keep(struct ctx *ctx, struct request *req, enum session_stage stage, const char *text)
{
	unsigned char *sealed = arena_alloc(req->arena, MFA_PENDING_SEALED_MAX);
	if (!sealed)
		return E_FAILED;
	size_t n = mfa_pending_seal(ctx->cfg, req->session->account->id, text, sealed);
	return n ? session_set_stage(ctx, req, stage, sealed, n) : E_FAILED;
}

enum err pending_secret(struct ctx *ctx, struct request *req, enum session_stage stage,
                        const unsigned char secret[TOTP_SECRET_BYTES])
{
	char b32[TOTP_BASE32_LEN + 1], text[sizeof(SECRET_PREFIX) + TOTP_BASE32_LEN];
	totp_secret_text(secret, b32);
	snprintf(text, sizeof(text), "%s%s", SECRET_PREFIX, b32);
	enum err e = keep(ctx, req, stage, text);
	sodium_memzero(text, sizeof(text));
	return e;
}

enum err pending_codes(struct ctx *ctx, struct request *req, enum session_stage stage, char *const *codes)
{
	char text[sizeof(CODES_PREFIX) + RECOVERY_CODE_COUNT * (RECOVERY_CODE_TEXT_LEN + 1)];
	size_t n = (size_t)snprintf(text, sizeof(text), "%s", CODES_PREFIX);
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s", i ? " " : "", codes[i]);
	enum err e = keep(ctx, req, stage, text);
	sodium_memzero(text, sizeof(text));
	return e;
}

const char *login_next(const struct request *req)
{
	const char *next = http_local_path(req->method[0] == 'P' ? http_form(req, "next") : http_query(req, "next"));
	return strncmp(next, "/login", 6) == 0 ? "/" : next;
}

const char *with_next(struct arena *a, const char *path, const char *next)
{
	if (strcmp(next, "/") == 0)
		return path;
	const char *encoded = http_url_encode(a, next);
	return encoded ? arena_printf(a, "%s?next=%s", path, encoded) : path;
}

const char *totp_label(struct arena *a, const struct account *acc)
{
	return arena_printf(a, "%s (%s)", acc->login, side_code(acc->side));
}

/* The issuer authenticator apps show above the code. */
#define TOTP_ISSUER "EU-Korea Digital Partnership"

int enrol_page(struct request *req, struct reply *rep, int status, const unsigned char secret[TOTP_SECRET_BYTES],
               const char *action, const char *qr_url, enum msg_id intro, bool cancel, enum msg_id error)
{
	struct page pg;
	if (page_begin(&pg, req, "enrol", msg(req->lang, M_TOTP_ENROL_TITLE), NAV_NONE))
		return 500;
	char grouped[TOTP_GROUPED_LEN + 1];
	totp_secret_grouped(secret, grouped);
	const char *uri = totp_uri(req->arena, TOTP_ISSUER, totp_label(req->arena, req->session->account), secret);
	tmpl_dict *b = pg.body;
	tmpl_set(b, T_INTRO, msg(req->lang, intro));
	tmpl_set(b, T_SECRET, grouped);
	tmpl_set(b, T_URI, uri ? uri : "");
	tmpl_set(b, T_QR_URL, qr_url);
	tmpl_set_int(b, T_QR_SIZE, 240);
	tmpl_set(b, T_ACTION, action);
	tmpl_set(b, T_NEXT, login_next(req));
	tmpl_set(b, T_CSRF, req->session->csrf);
	if (cancel)
		tmpl_show(b, T_CANCEL);
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	sodium_memzero(grouped, sizeof(grouped));
	return page_end(&pg, rep, status);
}

int qr_reply(struct request *req, struct reply *rep, const unsigned char secret[TOTP_SECRET_BYTES])
{
	const char *uri = totp_uri(req->arena, TOTP_ISSUER, totp_label(req->arena, req->session->account), secret);
	if (!uri || qr_svg(&rep->body, uri) != 0)
		return 500;
	rep->content_type = "image/svg+xml";
	reply_header(rep, "Cache-Control", "no-store");
	return 200;
}

int codes_page(struct request *req, struct reply *rep, char *const *codes, const char *action, const char *download)
{
	struct page pg;
	if (page_begin(&pg, req, "recovery_codes", msg(req->lang, M_TOTP_CODES_TITLE), NAV_NONE))
		return 500;
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++)
		tmpl_set(tmpl_section(pg.body, T_CODE), T_TEXT, codes[i]);
	tmpl_set(pg.body, T_ACTION, action);
	tmpl_set(pg.body, T_NEXT, login_next(req));
	tmpl_set(pg.body, T_DOWNLOAD_URL, download);
	tmpl_set(pg.body, T_CSRF, req->session->csrf);
	reply_header(rep, "Cache-Control", "no-store");
	return page_end(&pg, rep, 200);
}

int codes_text(struct request *req, struct reply *rep, char *const *codes)
{
	const char *keys[] = { "LOGIN" };
	const char *values[] = { req->session->account->login };
	const char *heading = msg_format(req->arena, msg(req->lang, M_TOTP_CODES_FILE_HEADING), keys, values, 1);
	buf_printf(&rep->body, "%s\r\n\r\n", heading ? heading : "");
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++)
		buf_printf(&rep->body, "%s\r\n", codes[i]);
	rep->content_type = "text/plain; charset=utf-8";
	reply_header(rep, "Content-Disposition", "attachment; filename=\"recovery-codes.txt\"");
	reply_header(rep, "Cache-Control", "no-store");
	return 200;
}

struct actor factor_actor(const struct request *req)
{
	const struct account *a = req->session->account;
	return (struct actor){ a->id, a->login, side_code(a->side), req->remote_addr };
}

void factor_audit_failure(struct ctx *ctx, const struct request *req, const char *why)
{
	const struct account *a = req->session->account;
	struct audit_entry e = { .account_id = a->id, .login = a->login, .side = side_code(a->side),
	                         .action = "login_failed", .detail = why, .client_addr = req->remote_addr };
	audit_record(&ctx->db, ctx->cfg->chain_key, &e);
}

/*
 * Counts a code as an attempt of the account's login name and the address
 * before it is checked: 0, or 429 (locked; with Retry-After) or an error status.
 */
int factor_count_attempt(struct ctx *ctx, const struct request *req, struct reply *rep)
{
	long long wait = 0;
	const char *login = req->session->account->login;
	enum err e = throttle_check(ctx, login, req->remote_addr, &wait);
	bool admitted = false;
	if (e == E_OK && wait == 0)
		e = throttle_attempt(ctx, login, req->remote_addr, &admitted);
	if (e != E_OK)
		return http_status(e);
	if (admitted)
		return 0;
	if (throttle_check(ctx, login, req->remote_addr, &wait) != E_OK || wait < 1)
		wait = 1;
	char retry[24];
	snprintf(retry, sizeof(retry), "%lld", wait);
	reply_header(rep, "Retry-After", retry);
	return 429;
}

struct enrolment {
	struct ctx *ctx;
	struct request *req;
	const unsigned char *secret;
	uint64_t counter;
	char **codes;
	bool replacing;
	enum session_stage then;
};

static enum err enrol_tx(struct db *db, void *ud)
{
	struct enrolment *n = ud;
	struct actor by = factor_actor(n->req);
	enum err e = mfa_enrol(db, n->ctx->cfg, &by, by.account_id, n->secret, n->counter, n->codes, n->replacing);
	return e == E_OK ? pending_codes(n->ctx, n->req, n->then, n->codes) : e;
}

/*
 * Checks the first code of the pending secret and, when it is right, enrols
 * it with ten new recovery codes, kept in the session (stage then) to be
 * shown once. 0 after E_OK, 401 for a wrong code, 429, or another status.
 */
int enrol_with_code(struct ctx *ctx, struct request *req, struct reply *rep, enum session_stage then, bool replacing)
{
	struct pending p;
	if (!pending_read(ctx, req, &p) || !p.has_secret)
		return 409;
	int st = factor_count_attempt(ctx, req, rep);
	if (st)
		return st;
	uint64_t counter = 0;
	const char *code = http_form(req, "code");
	enum totp_result r = totp_check(p.secret, code ? code : "", time(NULL), 0, &counter);
	if (r != TOTP_ACCEPTED) {
		sodium_memzero(p.secret, sizeof(p.secret));
		factor_audit_failure(ctx, req, "wrong code for a new TOTP app");
		return 401;
	}
	char **codes = recovery_codes_new(req->arena);
	struct enrolment n = { ctx, req, p.secret, counter, codes, replacing, then };
	enum err e = codes ? db_transaction(&ctx->db, enrol_tx, &n) : E_FAILED;
	sodium_memzero(p.secret, sizeof(p.secret));
	if (e != E_OK)
		return http_status(e);
	throttle_attempt_succeeded(ctx, req->session->account->login, req->remote_addr);
	return 0;
}

