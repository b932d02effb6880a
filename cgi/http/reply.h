/*
 * The response: status, headers and a body assembled in memory, sent in one
 * go by reply_send, so a page that fails half-way sends an error page, never
 * half a page. The downloads and the audit CSV stream instead
 * (reply_stream_begin): they write their headers and then the body as rows
 * arrive, and set sent. Security headers are added by nginx (nginx.conf), on
 * every response including its own error pages.
 */
#ifndef PORTAL_REPLY_H
#define PORTAL_REPLY_H

#include <stdbool.h>

#include "base/buf.h"

struct reply {
	int status;
	const char *content_type;  /* default text/html; charset=utf-8 */
	struct buf headers;        /* extra "Name: value\r\n" lines */
	struct buf body;
	bool sent;                 /* a streaming handler wrote the response itself */
};

/*
 * The memory a thread's reply keeps between requests: what an ordinary page
 * needs. A buffer grown past it by one large answer is given back at the
 * next reset, so a thread does not hold its largest answer forever.
 */
#define REPLY_KEEP_BYTES ((size_t)256 << 10)

void reply_init(struct reply *r);
/* Clears status, headers and body for the next request; keeps up to REPLY_KEEP_BYTES of each. */
void reply_reset(struct reply *r);
void reply_free(struct reply *r);

/*
 * Adds a header. Returns -1, adding nothing, when name or value contain
 * CR, LF, NUL or other control characters (no header injection).
 */
int reply_header(struct reply *r, const char *name, const char *value);

/* Sets a redirect (303 after a POST, 302 otherwise) to a local path. */
int reply_redirect(struct reply *r, int status, const char *location);

/*
 * The answer to a POST that worked: 303 to location, a local path. Returns
 * the status to answer with: 303, or 500 when location is NULL (the arena
 * was full) or not local.
 */
int reply_see_other(struct reply *r, const char *location);

const char *http_reason(int status);

/*
 * Writes the head (and the body unless head_only) to the FastCGI stream.
 * Returns 0, or -1 if the client went away.
 */
int reply_send(struct reply *r, void *fcgx_stream, bool head_only);

/*
 * For a streamed answer (downloads): writes the status, content type and
 * headers now, without a length, and marks the reply sent; the handler then
 * writes the body to the stream itself. 0 or -1.
 */
int reply_stream_begin(struct reply *r, void *fcgx_stream);

/*
 * Ends a streamed answer as a failure the client can see: the FastCGI
 * connection is closed without its end record, so nginx aborts the
 * download instead of ending it as if it were complete.
 */
void reply_stream_abort(void *fcgx_request);

#endif
