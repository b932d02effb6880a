/*
 * Page assembly: every HTML page is templates/layout.tpl (the frame: head,
 * navigation, footer) with the page's own template included as {{>BODY}}.
 * Layout values go in page.root, the page's own values in page.body.
 */
#ifndef PORTAL_RENDER_H
#define PORTAL_RENDER_H

#include "db/db.h"
#include "http/http.h"
#include "http/reply.h"
#include "view/i18n.h"
#include "view/tmpl.h"

enum nav_item { NAV_NONE, NAV_DASHBOARD, NAV_REGISTER, NAV_COUNCILS, NAV_ACCOUNT, NAV_USERS, NAV_AUDIT };

struct page {
	tmpl_dict *root;
	tmpl_dict *body;
	enum lang lang;
};

/*
 * Starts a page whose body is "<lang>/<name>.tpl", titled title (already in
 * the request's language). The frame shows who is logged in, the navigation
 * their role allows and the logout button; CSRF is set in both dictionaries
 * for the forms. Returns 0, or 500 when out of memory.
 */
int page_begin(struct page *pg, const struct request *req, const char *name,
               const char *title, enum nav_item nav);

/*
 * Expands the page into rep with the given status, frees the dictionaries,
 * and returns the status, or 500 when expansion failed (rep is then empty).
 */
int page_end(struct page *pg, struct reply *rep, int status);

/* Frees a page that will not be sent. */
void page_discard(struct page *pg);

/*
 * Renders the error page for status (400, 403, 404, 405, 409, 413, 429, 500,
 * 503...). commit_sent: the request sent a COMMIT (db.h), so a 503 to a form
 * cannot say that nothing was changed.
 */
void render_error(const struct request *req, struct reply *rep, int status, bool commit_sent);

/* Adds a message section (NOTICE or ERROR) with its TEXT to a page's body. */
void page_message(struct page *pg, enum tmpl_name section, const char *text);

/* Labels in the request's language. */
const char *role_label(enum lang lang, enum role r);
const char *side_label(enum lang lang, enum side s);


#endif
