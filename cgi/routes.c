/* The route table: every URL the application answers. Order matters only for overlaps. */
#include "pages.h"

const struct route routes[] = {
	{ "GET", "/", page_dashboard },
	{ "GET", "/areas/*", page_area },
	{ "GET", "/register", page_register },
	{ "GET", "/healthz", page_healthz },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
