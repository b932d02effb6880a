/* The area a page's URL names. */
#ifndef PORTAL_AREA_REF_H
#define PORTAL_AREA_REF_H

#include "http/http.h"
#include "model/ctx.h"

struct area_ref {
	long long id;
	const char *slug;
	const char *title;     /* in the reader's language (English when not translated) */
};

/* Finds the area of a URL's slug. 0, 404 or 503. */
int area_find(struct ctx *ctx, struct request *req, const char *slug, struct area_ref *out);

#endif
