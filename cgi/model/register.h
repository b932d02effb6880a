/*
 * The shared commitments register as the page and the downloads see it:
 * the filter from the query string, and the rows, live or as a council's
 * snapshot, streamed from MariaDB one at a time (memory stays flat).
 */
#ifndef PORTAL_REGISTER_H
#define PORTAL_REGISTER_H

#include <stdbool.h>

#include "model/ctx.h"
#include "http/http.h"
#include "view/view.h"

#define REGISTER_QUERY_MAX 200   /* characters of search text */

struct register_filter {
	const char *area;      /* slug, or "" for all */
	const char *lead;      /* "EU", "KR", "joint" or "" */
	const char *status;    /* a status or "" */
	const char *q;         /* search text or "" */
	const char *sort;      /* "number" (area and number), "status", "progress", "lead", "updated" */
	bool desc;
	long long council;     /* 0: the register now; else as reviewed at that (held) council */
};

/*
 * Reads the filter from the request's query string. Unknown values, a
 * malformed council number or a parameter given twice: 400. Whether the area
 * and council exist is checked by register_filter_load.
 */
int register_filter_parse(const struct request *req, struct register_filter *f);

/*
 * register_filter_parse, then whether the area and the (held) council it
 * names exist: 0, 400, 404 or 503.
 */
int register_filter_load(struct ctx *ctx, const struct request *req, struct register_filter *f);

/* The filter as a query string (without lang), "" when it is all defaults; arena. */
const char *register_filter_query(struct arena *a, const struct register_filter *f);

/* One row; strings are valid during the callback only. */
struct register_row {
	long long area_id;
	const char *area_slug;
	struct paired_text area_title;
	struct commitment_view view;
	const char *updated_at;     /* "YYYY-MM-DD HH:MM" UTC, or NULL */
	const char *updated_by;     /* display name, or NULL */
	const char *updated_side;   /* "EU", "KR" or NULL */
};

/* Called per row; non-zero stops. */
typedef int (*register_row_fn)(void *ud, const struct register_row *row);

/* Streams the rows the filter selects, in its order. */
enum err register_rows(struct ctx *ctx, struct arena *a, const struct register_filter *f,
                             register_row_fn fn, void *ud);

#endif
