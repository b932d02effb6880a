/*
 * The shared commitments register as the page and the downloads see it: a
 * filter (read from a query string by pages/register_filter.h), and the rows,
 * live or as a council's snapshot, streamed from MariaDB one at a time
 * (memory stays flat).
 */
#ifndef PORTAL_REGISTER_H
#define PORTAL_REGISTER_H

#include <stdbool.h>

#include "model/commitment.h"
#include "model/ctx.h"

#define REGISTER_QUERY_MAX 200   /* characters of search text */

/* The orders the register offers; each has a statement per direction (sql.c). */
enum register_sort { SORT_NUMBER, SORT_STATUS, SORT_PROGRESS, SORT_LEAD, SORT_UPDATED, SORT__MAX };
extern const char *const register_sort_names[SORT__MAX];   /* "number" (area and number), "status", ... */

struct register_filter {
	const char *area;          /* slug, or "" for all */
	enum lead lead;            /* LEAD__MAX: any */
	enum status status;        /* STATUS__MAX: any */
	const char *q;             /* search text or "" */
	enum register_sort sort;
	bool desc;
	long long council;         /* 0: the register now; else as reviewed at that (held) council */
};

/* The filter that selects everything, in number order. */
struct register_filter register_filter_all(void);

/*
 * Whether the area and the (held) council the filter names exist: E_OK,
 * E_NOT_FOUND or a database error.
 */
enum err register_filter_check(struct ctx *ctx, const struct register_filter *f);

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
