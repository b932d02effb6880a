#include "view.h"

#include <stdio.h>
#include <string.h>

struct status_view {
	const char *value;  /* as stored */
	const char *css;
	enum msg_id label;
};

static const struct status_view statuses[] = {
	{ "planned", "planned", M_STATUS_PLANNED },
	{ "in progress", "in-progress", M_STATUS_IN_PROGRESS },
	{ "done", "done", M_STATUS_DONE },
	{ "dropped", "dropped", M_STATUS_DROPPED },
};

static const struct status_view *find_status(const char *s)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (s && strcmp(s, statuses[i].value) == 0)
			return &statuses[i];
	return NULL;
}

const char *view_status_label(enum lang lang, const char *status)
{
	const struct status_view *v = find_status(status);
	return v ? msg(lang, v->label) : status;
}

const char *view_status_class(const char *status)
{
	const struct status_view *v = find_status(status);
	return v ? v->css : "unknown";
}

static enum msg_id lead_label(const char *lead)
{
	if (strcmp(lead, "EU") == 0)
		return M_LEAD_EU;
	if (strcmp(lead, "KR") == 0)
		return M_LEAD_KR;
	return M_LEAD_JOINT;
}

static void set_note(tmpl_dict *d, enum tmpl_name section, enum tmpl_name empty, const struct db_col *c)
{
	if (c->len == 0) {
		tmpl_show(d, empty);
		return;
	}
	tmpl_setn(tmpl_section(d, section), T_NOTE, c->s, c->len);
}

void view_commitment(tmpl_dict *d, enum lang lang, long long area_no, const struct db_col *c)
{
	char number[32];
	snprintf(number, sizeof(number), "%lld.%lld", area_no, c[CC_NUMBER].i);
	tmpl_set_int(d, T_COMMITMENT_ID, c[CC_ID].i);
	tmpl_set(d, T_COMMITMENT_NUMBER, number);
	tmpl_setn(d, T_COMMITMENT_TEXT, c[CC_TEXT].s, c[CC_TEXT].len);
	tmpl_set(d, T_LEAD, msg(lang, lead_label(c[CC_LEAD].s)));
	tmpl_set(d, T_LEAD_CLASS, c[CC_LEAD].s);
	tmpl_set(d, T_STATUS, view_status_label(lang, c[CC_STATUS].s));
	tmpl_set(d, T_STATUS_CLASS, view_status_class(c[CC_STATUS].s));
	tmpl_set_int(d, T_PROGRESS, c[CC_PROGRESS].i);
	tmpl_setn(d, T_TARGET, c[CC_TARGET].s, c[CC_TARGET].len);
	set_note(d, T_EU_NOTE, T_EU_NOTE_EMPTY, &c[CC_EU_NOTE]);
	set_note(d, T_KR_NOTE, T_KR_NOTE_EMPTY, &c[CC_KR_NOTE]);
}
