/*
 * A new commitment is proposed like any joint change (model/proposal.h) and
 * added when a co-chair of the other side approves it.
 *   GET  /areas/{slug}/commitments/new        the form
 *   POST /areas/{slug}/commitments            propose it
 */
#include <string.h>

#include "model/ctx.h"
#include "model/proposal.h"
#include "pages/area_ref.h"
#include "pages/fields.h"
#include "pages/labels.h"
#include "pages/saving.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

static int new_form(struct request *req, struct reply *rep, int status, const struct area_ref *area,
                    const struct commitment_fields *f, const char *summary, enum msg_id error)
{
	struct page pg;
	if (page_begin(&pg, req, "commitment_new", msg(req->lang, M_PROPOSAL_NEW_COMMITMENT), NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	tmpl_set(b, T_AREA_SLUG, area->slug);
	tmpl_set(b, T_AREA_TITLE, area->title);
	tmpl_set(b, T_FIELD_TEXT, f ? f->text : "");
	tmpl_set(b, T_FIELD_TEXT_KO, f ? f->text_ko : "");
	tmpl_set(b, T_FIELD_TARGET, f ? f->target : msg(LANG_EN, M_PROPOSAL_DEFAULT_TARGET));
	tmpl_set(b, T_FIELD_TARGET_KO, f ? f->target_ko : msg(LANG_KO, M_PROPOSAL_DEFAULT_TARGET));
	tmpl_set(b, T_SUMMARY, summary ? summary : "");
	tmpl_set(b, T_FORM_TOKEN, form_token_new(req));
	view_options(b, T_LEAD_OPTION, lead_vocab, LEAD__MAX, f ? f->lead : LEAD__MAX, req->lang);
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	return page_end(&pg, rep, status);
}

int page_commitment_new(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	return st ? st : new_form(req, rep, 200, &area, NULL, NULL, M__MAX);
}

int page_commitment_create(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	if (st)
		return st;
	/* A new commitment starts planned at 0 %: its progress is reported later. */
	struct commitment_fields f = { form_line(req, "text", COMMITMENT_TEXT_MAX),
	                               form_line(req, "text_ko", COMMITMENT_TEXT_MAX),
	                               lead_of(http_form(req, "lead")), STATUS_PLANNED, 0, form_line(req, "target", TARGET_MAX_CHARS),
	                               form_line(req, "target_ko", TARGET_MAX_CHARS) };
	const char *summary = form_line(req, "summary", SUMMARY_MAX_CHARS);
	const char *token = form_token_of(req);
	if (!summary || !token)
		return 400;
	if (commitment_fields_check(&f) != 0) {
		commitment_fields_blank_missing(&f);
		return new_form(req, rep, 400, &area, &f, summary, M_PROPOSAL_BAD_FIELDS);
	}
	struct buf text;
	buf_init(&text);
	commitment_canonical(&f, &text);
	struct proposal_new np = { { area.id, 0, PART_JOINT, LANG_EN }, PROPOSAL_NEW_COMMITMENT, 0,
	                           arena_strndup(req->arena, text.data ? text.data : "", text.len), summary, token };
	buf_free(&text);
	if (!np.content)
		return 500;
	return proposal_submit(ctx, req, rep, &np);
}
