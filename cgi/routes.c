/*
 * The route table: every URL the application answers, the handler, and the
 * permission it takes (authz.h). gate.c enforces the permission, the origin
 * check and the CSRF token for every POST before a handler runs; a route that
 * declares no permission is refused (and a unit test fails).
 */
#include "pages.h"

const struct route routes[] = {
	{ "GET", "/", page_dashboard, ACT_READ },
	{ "GET", "/areas/*", page_area, ACT_READ },
	{ "GET", "/register", page_register, ACT_READ },
	{ "GET", "/healthz", page_healthz, ACT_PUBLIC },
	{ "GET", "/login", page_login_form, ACT_PUBLIC },
	{ "POST", "/login", page_login, ACT_PUBLIC },
	{ "POST", "/logout", page_logout, ACT_OWN_ACCOUNT },
	{ "GET", "/account", page_account, ACT_OWN_ACCOUNT },
	{ "POST", "/account/password", page_account_password, ACT_OWN_ACCOUNT },
	{ "GET", "/admin/users", page_admin_users, ACT_MANAGE_ACCOUNTS },
	{ "POST", "/admin/users", page_admin_user_create, ACT_MANAGE_ACCOUNTS },
	{ "GET", "/admin/users/*", page_admin_user, ACT_MANAGE_ACCOUNTS },
	{ "POST", "/admin/users/*", page_admin_user_update, ACT_MANAGE_ACCOUNTS },
	{ "GET", "/admin/audit", page_audit, ACT_READ_AUDIT },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
