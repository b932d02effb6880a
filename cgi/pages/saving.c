#include "pages/saving.h"

void change_by(struct change *c, const struct request *req, const char *action)
{
	c->by = http_actor(req);
	c->audit_action = action;
}

int save_answer(struct reply *rep, enum err e, const struct change *c, const char *saved, const char *unchanged)
{
	if (e != E_OK)
		return http_status(e);
	switch (c->outcome) {
	case CHANGE_SAVED:
		return reply_see_other(rep, saved);
	case CHANGE_UNCHANGED:
		return reply_see_other(rep, unchanged);
	case CHANGE_REPEATED:
		break;
	}
	return reply_see_other(rep, c->first_location);
}

int proposal_submit(struct ctx *ctx, struct request *req, struct reply *rep, const struct proposal_new *p)
{
	struct actor by = http_actor(req);
	long long id;
	char *first;
	enum err e = proposal_create(ctx, req->arena, p, &by, &id, &first);
	if (e != E_OK)
		return http_status(e);
	return reply_see_other(rep, first ? first : arena_printf(req->arena, "/proposals/%lld", id));
}
