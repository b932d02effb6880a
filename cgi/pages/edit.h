/* What the editing pages share: finding the area, form fields, saving outcomes. */
#ifndef PORTAL_EDIT_H
#define PORTAL_EDIT_H

#include "model/content.h"
#include "model/ctx.h"
#include "http/http.h"
#include "view/render.h"

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
 * A proposal in a list (the area page's pending ones, the history): from a
 * row that starts id, commitment id, commitment number, kind, summary,
 * proposer, side, proposed at. lang: the language of a joint section's text.
 */
void proposal_list_item(tmpl_dict *d, const struct request *req, long long area_id, enum lang lang,
                        const struct db_col *c);

/*
 * The answer to a content_save: after E_OK, 303 to saved when it was saved,
 * to unchanged when there was nothing to save, and for a repeated submission
 * to where the first one led; otherwise the error's status (http_status). A
 * page that shows a conflict page of its own handles E_CONFLICT before.
 */
int save_answer(struct reply *rep, enum err e, const struct change *c, const char *saved, const char *unchanged);

/*
 * Records a new proposal (in its own transaction, with its audit entry and
 * the form's token) and answers: 303 to the proposal, or for a repeated
 * submission to where the first one led; otherwise the database's status.
 */
struct proposal_new {
	struct part_ref ref;             /* commitment_id 0 with new_commitment: a new commitment */
	const char *kind;                /* "section", "commitment", "new_commitment" */
	long long base_version;
	const char *content;
	const char *summary;
	const char *form_token;
};
int proposal_submit(struct ctx *ctx, struct request *req, struct reply *rep, const struct proposal_new *p);

#endif
