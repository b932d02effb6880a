/*
 * The permission matrix of docs/design.md, in one table (authz.c). Deny by
 * default: an action not in the table, or a role or side it does not list,
 * is refused. Routes name the action they need (routes.c); pages ask again
 * with the side of the thing they are about to change.
 */
#ifndef PORTAL_AUTHZ_H
#define PORTAL_AUTHZ_H

#include <stdbool.h>

enum side { SIDE_EU, SIDE_KR, SIDE__MAX };
enum role { ROLE_VIEWER, ROLE_EDITOR, ROLE_COCHAIR, ROLE_ADMIN, ROLE__MAX };

enum action {
	ACT_UNDECLARED = 0,     /* a route that forgot to declare: always refused */
	ACT_PUBLIC,             /* anyone, logged in or not: login, health */
	ACT_READ,               /* pages, history, register, downloads */
	ACT_OWN_ACCOUNT,        /* one's own password, language, logout */
	ACT_EDIT_SECTION,       /* own side's section of an area */
	ACT_EDIT_NOTE,          /* own side's progress note on any commitment */
	ACT_SET_PROGRESS,       /* status (not done/dropped) and % of a commitment own side leads */
	ACT_PROPOSE_JOINT,      /* propose a change to joint content */
	ACT_APPROVE_JOINT,      /* approve or reject the other side's proposal */
	ACT_MANAGE_ACCOUNTS,    /* accounts of own side */
	ACT_MARK_COUNCIL_HELD,
	ACT_READ_AUDIT,
	ACT_SECOND_STEP,        /* a login half done: its own next step only (no account has it: the gate checks) */
	ACT__MAX
};

/* Who is asking: NULL for an anonymous visitor. */
struct account {
	long long id;
	const char *login;
	const char *display_name;
	enum side side;
	enum role role;
	int lang;                /* the interface language the account chose (enum lang), -1: from the browser */
};

/*
 * May this account (NULL: anonymous) reach a route that needs action, for
 * some target? True for ACT_PUBLIC; false for anonymous otherwise.
 */
bool authz_route(const struct account *who, enum action a);

/* May it do action to something that belongs to target side? */
bool authz_may(const struct account *who, enum action a, enum side target);

const char *side_code(enum side s);      /* "EU" / "KR" */
const char *role_code(enum role r);      /* "viewer" ... */
int side_parse(const char *s, enum side *out);
int role_parse(const char *s, enum role *out);

#endif
