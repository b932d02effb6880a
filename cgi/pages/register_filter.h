/* The register's filter (model/register.h) as a query string: read, checked, written back. */
#ifndef PORTAL_REGISTER_FILTER_H
#define PORTAL_REGISTER_FILTER_H

#include "http/http.h"
#include "model/register.h"

#define REGISTER_QUERY_MAX 200   /* characters of search text */

/*
 * Reads the filter from the request's query string (area, lead, status, q,
 * sort, dir, council). Unknown values, a malformed council number or a
 * parameter given twice: 400. Whether the area and council exist is checked
 * by register_filter_load.
 */
int register_filter_parse(const struct request *req, struct register_filter *f);

/* register_filter_parse, then register_filter_check: 0, 400, 404 or 503. */
int register_filter_load(struct ctx *ctx, const struct request *req, struct register_filter *f);

/* The filter as a query string (without lang), "" when it is all defaults; arena. */
const char *register_filter_query(struct arena *a, const struct register_filter *f);

#endif
