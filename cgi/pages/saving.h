/* The answers pages give to a save or a new proposal. */
#ifndef PORTAL_SAVING_H
#define PORTAL_SAVING_H

#include "http/http.h"
#include "http/reply.h"
#include "model/content.h"
#include "model/ctx.h"
#include "model/proposal.h"

/* The change's author and audit details from the request. */
void change_by(struct change *c, const struct request *req, const char *action);

/*
 * The answer to a content_save: after E_OK, 303 to saved when it was saved,
 * to unchanged when there was nothing to save, and for a repeated submission
 * to where the first one led; otherwise the error's status (http_status). A
 * page that shows a conflict page of its own handles E_CONFLICT before.
 */
int save_answer(struct reply *rep, enum err e, const struct change *c, const char *saved, const char *unchanged);

/* Records a new proposal (proposal_create) and answers 303 to it, or to where a repeated submission's first one led. */
int proposal_submit(struct ctx *ctx, struct request *req, struct reply *rep, const struct proposal_new *p);

#endif
