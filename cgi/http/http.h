/*
 * The request as the pages see it: method, decoded path, parsed query and
 * form, the few headers the portal uses. Everything is validated here, at the
 * edge, and lives in the request's arena.
 */
#ifndef PORTAL_HTTP_H
#define PORTAL_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "db/err.h"
#include "model/audit.h"
#include "model/authz.h"
#include "http/form.h"
#include "base/lang.h"
#include "http/route.h"

struct request {
	struct arena *arena;
	void *fcgi;                  /* the FCGX_Request: streamed answers write to it */
	const char *method;          /* "GET", "HEAD", "POST", ... as sent */
	bool head_only;              /* HEAD: send no body */
	const char *path;            /* percent-decoded, valid UTF-8, no controls */
	const char *target;          /* the raw request target, for logs only */
	struct params query;
	struct params form;          /* urlencoded POST body */
	const char *args[ROUTE_MAX_ARGS];
	const char *remote_addr;
	const char *accept_language;
	const char *cookie_header;
	const char *origin;          /* Origin header, NULL when absent */
	const char *sec_fetch_site;  /* Sec-Fetch-Site header, NULL when absent */
	enum lang lang;
	bool lang_explicit;          /* chosen by ?lang= for this request */

	/* Set by session_load (session.c) */
	struct account *who;         /* NULL: anonymous */
	struct session *session;
	bool session_ended;          /* a session cookie came, but its session had ended */
};

/* Longest request target the app accepts (nginx refuses longer lines first). */
#define HTTP_MAX_TARGET 4096

/*
 * Splits a raw request target ("/areas/6g?x=1") into the decoded path and the
 * raw query string. Returns 0, or 400 when the target is not origin-form, has
 * bad escapes, invalid UTF-8, NUL or control characters, or is too long.
 */
int http_split_target(struct arena *a, const char *target, const char **path,
                      const char **query, size_t *query_len);

/*
 * True when a Content-Type header value is application/x-www-form-urlencoded,
 * with at most a charset=utf-8 parameter.
 */
bool http_is_urlencoded(const char *content_type);

/*
 * Fills req from a FastCGI request (FCGX_Request *): target, query, headers,
 * and for POST the body (read in full, at most max_body bytes). Returns 0, or
 * the status to answer with: 400, 411, 413, 415.
 */
int http_read_request(struct request *req, void *fcgx_request, struct arena *a, unsigned max_body);

/*
 * Percent-encodes s for use as a query value (everything but unreserved
 * characters). Returns a string in the arena, or NULL.
 */
char *http_url_encode(struct arena *a, const char *s);

/*
 * This page's address with lang=code in place of any lang parameter (code
 * NULL: without one): for the language switch. The path is percent-encoded
 * again (never "//host" or "/\\host": the address stays on this site) and
 * the parameters too. In the arena; "/" when the arena is full.
 */
const char *http_self_url(const struct request *req, const char *code);

/*
 * Where to send the user back to: next when it is a path on this site ("/..."
 * but not "//" or "/\\", no control characters, at most 1000 bytes), else "/".
 */
const char *http_local_path(const char *next);

/* A positive decimal id of at most 18 digits, or 0 when s is anything else. */
long long http_parse_id(const char *s);

/*
 * The highest ?page= of a paginated page (the audit log, an area's history):
 * a hundred thousand pages of a hundred entries, far beyond any real log,
 * while (page - 1) * page size stays far from overflowing.
 */
#define HTTP_PAGE_MAX 100000

/* The page number of ?page=: 1 when s is NULL, else 1..HTTP_PAGE_MAX, or 0 (a 400) for anything else. */
long long http_parse_page(const char *s);

/* A single query or form value; NULL when missing or given more than once. */
const char *http_query(const struct request *req, const char *name);
const char *http_form(const struct request *req, const char *name);

/* Who makes the request's changes, for the audit log: the logged-in account and the client address. */
struct actor http_actor(const struct request *req);

/*
 * The one place an error of the model or db layers becomes an HTTP status:
 * 503 when the database is unreachable or stayed busy, 404, 409 (a conflict
 * or a duplicate), 400, 403, 413, and 500 for anything else. E_OK is 200.
 */
int http_status(enum err e);

#endif
