#include "http/reply.h"

#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

void reply_init(struct reply *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->headers);
	buf_init(&r->body);
	r->status = 200;
}

void reply_reset(struct reply *r)
{
	r->status = 200;
	r->content_type = NULL;
	r->sent = false;
	buf_shrink(&r->headers, REPLY_KEEP_BYTES);
	buf_shrink(&r->body, REPLY_KEEP_BYTES);
}

void reply_free(struct reply *r)
{
	buf_free(&r->headers);
	buf_free(&r->body);
}

static bool header_safe(const char *s, bool is_name)
{
	if (!*s)
		return !is_name;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return false;
		if (is_name && (*p == ':' || *p == ' '))
			return false;
	}
	return true;
}

int reply_header(struct reply *r, const char *name, const char *value)
{
	if (!header_safe(name, true) || !header_safe(value, false))
		return -1;
	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	buf_puts(&r->headers, value);
	return buf_puts(&r->headers, "\r\n");
}

int reply_see_other(struct reply *r, const char *location)
{
	return location && reply_redirect(r, 303, location) == 0 ? 303 : 500;
}

int reply_redirect(struct reply *r, int status, const char *location)
{
	/* Only local paths: never "//host" or "scheme:". */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		return -1;
	if (reply_header(r, "Location", location) != 0)
		return -1;
	r->status = status;
	buf_reset(&r->body);
	return 0;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

int reply_stream_begin(struct reply *r, void *stream)
{
	FCGX_Stream *out = stream;
	char head[256];
	int n = snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: %s\r\n", r->status, http_reason(r->status),
	                 r->content_type ? r->content_type : "application/octet-stream");
	r->sent = true;
	if (FCGX_PutStr(head, n, out) < 0)
		return -1;
	if (r->headers.len && FCGX_PutStr(r->headers.data, (int)r->headers.len, out) < 0)
		return -1;
	return FCGX_PutStr("\r\n", 2, out) < 0 ? -1 : 0;
}

void reply_stream_abort(void *fcgx_request)
{
	FCGX_Request *fr = fcgx_request;
	/* Unwritten output is dropped with the connection; FCGX_Finish_r then fails quietly. */
	if (fr->ipcFd >= 0)
		shutdown(fr->ipcFd, SHUT_RDWR);
}

int reply_send(struct reply *r, void *stream, bool head_only)
{
	FCGX_Stream *out = stream;
	char head[256];
	int n = snprintf(head, sizeof(head),
	                 "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n",
	                 r->status, http_reason(r->status),
	                 r->content_type ? r->content_type : "text/html; charset=utf-8",
	                 r->body.len);
	if (FCGX_PutStr(head, n, out) < 0)
		return -1;
	if (r->headers.len && FCGX_PutStr(r->headers.data, (int)r->headers.len, out) < 0)
		return -1;
	if (FCGX_PutStr("\r\n", 2, out) < 0)
		return -1;
	if (!head_only && r->body.len && FCGX_PutStr(r->body.data, (int)r->body.len, out) < 0)
		return -1;
	return 0;
}
