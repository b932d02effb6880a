#include "pages/labels.h"

#include "view/view.h"

const char *part_label(const struct request *req, const struct part_ref *ref, long long number)
{
	static const enum msg_id section[PART__MAX] = { M_PART_SECTION_JOINT, M_PART_SECTION_EU, M_PART_SECTION_KR };
	static const enum msg_id commitment[PART__MAX] = { M_PART_COMMITMENT_JOINT, M_PART_NOTE_EU, M_PART_NOTE_KR };
	static const enum msg_id language[LANG__MAX] = { M_LANG_IN_EN, M_LANG_IN_KO };
	/* A commitment's joint part holds both languages: no language to name. */
	bool bilingual = ref->commitment_id && ref->part == PART_JOINT;
	const char *in = bilingual ? "" : arena_printf(req->arena, " (%s)", msg(req->lang, language[ref->lang]));
	if (ref->commitment_id == 0)
		return arena_printf(req->arena, "%s%s", msg(req->lang, section[ref->part]), in ? in : "");
	return arena_printf(req->arena, "%s %lld.%lld — %s%s", msg(req->lang, M_PART_COMMITMENT), ref->area_id, number,
	                    msg(req->lang, commitment[ref->part]), in ? in : "");
}

void proposal_list_item(tmpl_dict *d, const struct request *req, long long area_id, enum lang lang,
                        const struct db_col *c)
{
	struct part_ref ref = { area_id, c[PL_COMMITMENT_ID].i, PART_JOINT, lang };
	tmpl_set_int(d, T_PROPOSAL_ID, c[PL_ID].i);
	tmpl_set(d, T_WHAT, proposal_kind_of(c[PL_KIND].s) == PROPOSAL_NEW_COMMITMENT ? msg(req->lang, M_PROPOSAL_NEW_COMMITMENT)
	                                                                       : part_label(req, &ref, c[PL_NUMBER].i));
	tmpl_setn(d, T_SUMMARY, c[PL_SUMMARY].s, c[PL_SUMMARY].len);
	tmpl_setn(d, T_PROPOSER, c[PL_PROPOSER].s, c[PL_PROPOSER].len);
	tmpl_setn(d, T_SIDE, c[PL_SIDE].s, c[PL_SIDE].len);
	tmpl_set(d, T_AT, view_datetime(req->arena, req->lang, c[PL_AT].s));
}

