/* What the editing pages share: finding the area, form fields, saving outcomes. */
#ifndef PORTAL_EDIT_H
#define PORTAL_EDIT_H

#include "content.h"
#include "ctx.h"
#include "http.h"
#include "render.h"

struct area_ref {
	long long id;
	const char *slug;
	const char *title;     /* in the reader's language (English when not translated) */
};

/* Finds the area of a URL's slug. 0, 404 or 503. */
int area_find(struct ctx *ctx, struct request *req, const char *slug, struct area_ref *out);

/* A fresh random form token (32 hex digits, in the arena). */
const char *form_token_new(const struct request *req);

/* The form's token if it is 32 hex digits, else NULL. */
const char *form_token_of(const struct request *req);

/* A non-negative number field of at most 9 digits; -1 when missing or malformed. */
long long form_number(const struct request *req, const char *name);

/* A one-line text field of at most max characters, without control characters; NULL if not. */
const char *form_line(const struct request *req, const char *name, size_t max_chars);

/* The change's author and audit details from the request. */
void change_by(struct change *c, const struct request *req, const char *action);

/*
 * The language a text is edited in: the form's or query's "in" (en, ko); on a
 * GET without it, the reader's. -1 when "in" is not a language or a POST
 * lacks it.
 */
int content_lang(const struct request *req, enum lang *out);

/* The label of a part: "EU section (English)", "Commitment 4.1 — KR note (Korean)", ... (arena). */
const char *part_label(const struct request *req, const struct part_ref *ref, long long commitment_number);

/*
 * Records a new proposal (in its own transaction, with its audit entry and
 * the form's token). *id receives its id, or for a repeated submission 0 and
 * *first_location where the first one led. DB result.
 */
struct proposal_new {
	struct part_ref ref;             /* commitment_id 0 with new_commitment: a new commitment */
	const char *kind;                /* "section", "commitment", "new_commitment" */
	long long base_version;
	const char *content;
	const char *summary;
	const char *form_token;
};
enum db_result proposal_create(struct ctx *ctx, struct request *req, const struct proposal_new *p,
                               long long *id, char **first_location);

#endif
