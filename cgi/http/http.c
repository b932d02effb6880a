#include "http/http.h"

#include <fcgiapp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int http_split_target(struct arena *a, const char *target, const char **path,
                      const char **query, size_t *query_len)
{
	size_t len = strlen(target);
	if (len == 0 || len > HTTP_MAX_TARGET || target[0] != '/')
		return 400;
	const char *q = memchr(target, '?', len);
	size_t plen = q ? (size_t)(q - target) : len;
	char *decoded;
	size_t dlen;
	/* In a path '+' is a plus sign, not a space. */
	if (form_decode(a, target, plen, 0, &decoded, &dlen) != FORM_OK)
		return 400;
	for (size_t i = 0; i < dlen; i++)
		if ((unsigned char)decoded[i] < 0x20 || decoded[i] == 0x7F)
			return 400;
	*path = decoded;
	*query = q ? q + 1 : "";
	*query_len = q ? len - plen - 1 : 0;
	return 0;
}

bool http_is_urlencoded(const char *ct)
{
	static const char type[] = "application/x-www-form-urlencoded";
	if (!ct || strncasecmp(ct, type, sizeof(type) - 1) != 0)
		return false;
	ct += sizeof(type) - 1;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (*ct == '\0')
		return true;
	if (*ct++ != ';')
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return strcasecmp(ct, "charset=utf-8") == 0 || strcasecmp(ct, "charset=\"utf-8\"") == 0;
}

/* Parses CONTENT_LENGTH strictly: digits only, no sign, no overflow. */
static long long parse_length(const char *s)
{
	if (!s || !*s)
		return -1;
	long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int read_body(struct request *req, FCGX_Request *fr, unsigned max_body)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	if (!cl || !*cl)
		return 411;
	long long n = parse_length(cl);
	if (n < 0)
		return 400;
	if (n > (long long)max_body)
		return 413;
	if (!http_is_urlencoded(FCGX_GetParam("CONTENT_TYPE", fr->envp)))
		return 415;
	char *body = arena_alloc(req->arena, (size_t)n + 1);
	if (!body)
		return 413;
	int got = n ? FCGX_GetStr(body, (int)n, fr->in) : 0;
	if (got != n)
		return 400;
	if (form_parse(req->arena, body, (size_t)n, FORM_BODY, &req->form) != FORM_OK)
		return 400;
	/* Every form names each field once: a second copy is an error, not a choice. */
	return params_has_duplicate(&req->form) ? 400 : 0;
}

int http_read_request(struct request *req, void *fcgx_request, struct arena *a, unsigned max_body)
{
	FCGX_Request *fr = fcgx_request;
	memset(req, 0, sizeof(*req));
	req->arena = a;
	req->fcgi = fr;
	req->method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	req->target = FCGX_GetParam("REQUEST_URI", fr->envp);
	req->remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	req->accept_language = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", fr->envp);
	req->cookie_header = FCGX_GetParam("HTTP_COOKIE", fr->envp);
	req->origin = FCGX_GetParam("HTTP_ORIGIN", fr->envp);
	req->sec_fetch_site = FCGX_GetParam("HTTP_SEC_FETCH_SITE", fr->envp);
	if (!req->method)
		req->method = "GET";
	if (!req->target)
		req->target = "";
	if (!req->remote_addr)
		req->remote_addr = "-";
	req->head_only = strcmp(req->method, "HEAD") == 0;
	req->lang = lang_from_accept(req->accept_language);
	req->path = "/";

	const char *query;
	size_t qlen;
	int st = http_split_target(a, req->target, &req->path, &query, &qlen);
	if (st)
		return st;
	if (form_parse(a, query, qlen, FORM_QUERY, &req->query) != FORM_OK)
		return 400;
	const char *lang;
	switch (params_get(&req->query, "lang", &lang, NULL)) {
	case PARAM_MISSING:
		break;
	case PARAM_FOUND:
		if (lang_parse(lang, &req->lang) != 0)
			return 400;
		req->lang_explicit = true;
		break;
	case PARAM_DUPLICATE:
		return 400;
	}
	if (strcmp(req->method, "POST") == 0)
		return read_body(req, fr, max_body);
	return 0;
}

static bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c == '~';
}

/*
 * Percent-encodes every byte of s but unreserved ones; as_path also keeps
 * '/', except a second byte '/', which would make "//host": a link to
 * another site. In the arena, or NULL.
 */
static char *percent_encode(struct arena *a, const char *s, bool as_path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1);
	if (!out)
		return NULL;
	char *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (unreserved(*p) || (as_path && *p == '/' && o != out + 1)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

char *http_url_encode(struct arena *a, const char *s)
{
	return percent_encode(a, s, false);
}

const char *http_self_url(const struct request *req, const char *code)
{
	/* The decoded path, encoded again: '?', '#', '%', '\\', spaces and UTF-8 keep their meaning. */
	char *url = req->path[0] == '/' ? percent_encode(req->arena, req->path, true) : arena_strdup(req->arena, "/");
	char sep = '?';
	for (size_t i = 0; url && i < req->query.n; i++) {
		const struct param *p = &req->query.v[i];
		if (strcmp(p->name, "lang") == 0)
			continue;
		char *name = http_url_encode(req->arena, p->name), *value = http_url_encode(req->arena, p->value);
		url = name && value ? arena_printf(req->arena, "%s%c%s=%s", url, sep, name, value) : NULL;
		sep = '&';
	}
	if (url && code)
		url = arena_printf(req->arena, "%s%clang=%s", url, sep, code);
	return url ? url : "/";
}

const char *http_local_path(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 1000)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return "/";
	return next;
}

long long http_parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 18 || s[0] == '0')
		return 0;
	long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

long long http_parse_page(const char *s)
{
	if (!s)
		return 1;
	long long n = http_parse_id(s);
	return n <= HTTP_PAGE_MAX ? n : 0;
}

const char *http_query(const struct request *req, const char *name)
{
	const char *v;
	return params_get(&req->query, name, &v, NULL) == PARAM_FOUND ? v : NULL;
}

const char *http_form(const struct request *req, const char *name)
{
	const char *v;
	return params_get(&req->form, name, &v, NULL) == PARAM_FOUND ? v : NULL;
}

int http_status(enum err e)
{
	switch (e) {
	case E_OK: return 200;
	case E_UNAVAILABLE: return 503;
	case E_RETRY: return 503;
	case E_DUPLICATE: return 409;
	case E_NOT_FOUND: return 404;
	case E_CONFLICT: return 409;
	case E_INVALID: return 400;
	case E_FORBIDDEN: return 403;
	case E_TOO_LARGE: return 413;
	case E_FAILED: return 500;
	}
	return 500;
}

struct actor http_actor(const struct request *req)
{
	return (struct actor){ req->who->id, req->who->login, side_code(req->who->side), req->remote_addr };
}
