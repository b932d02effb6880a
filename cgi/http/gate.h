/*
 * The one place where every request's right to reach its handler is decided,
 * from the route table: the permission the route declares (authz.c), and for
 * every POST the same-origin check and, once logged in, the CSRF token.
 */
#ifndef PORTAL_GATE_H
#define PORTAL_GATE_H

#include "model/ctx.h"
#include "http/http.h"
#include "http/reply.h"
#include "http/route.h"

/*
 * Returns 0 when the request may go on to rt's handler; otherwise the status
 * to answer with: 303 to the login page for an anonymous GET (rep holds the
 * redirect), 403 for everything else that is refused.
 */
int gate(const struct ctx *ctx, struct request *req, const struct route *rt, struct reply *rep);

/*
 * An anonymous request for a path the portal does not have gets what any
 * other anonymous request gets: for GET the login page (303), else 403.
 */
int gate_unknown_path(const struct request *req, struct reply *rep);

/* True when a POST comes from one of the configured origins (README, "CSRF"). */
bool gate_same_origin(const struct config *cfg, const struct request *req);

#endif
