#include "view/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diff.h"
#include "base/markdown.h"

void view_options(tmpl_dict *d, enum tmpl_name section, const struct vocab *table, size_t n, size_t selected,
                  enum lang lang)
{
	for (size_t i = 0; i < n; i++) {
		tmpl_dict *o = tmpl_section(d, section);
		tmpl_set(o, T_VALUE, table[i].sql);
		tmpl_set(o, T_LABEL, msg(lang, table[i].label));
		if (i == selected)
			tmpl_show(o, T_SELECTED);
	}
}

const char *view_paired(tmpl_dict *d, enum tmpl_name name, enum lang lang, const struct paired_text *p)
{
	enum lang other = lang == LANG_EN ? LANG_KO : LANG_EN;
	const char *mine = p->text[lang] ? p->text[lang] : "";
	const char *theirs = p->text[other] ? p->text[other] : "";
	if (!*mine && *theirs) {
		if (name != T__MAX)
			tmpl_set(d, name, theirs);
		tmpl_dict *f = tmpl_section(d, T_FALLBACK);
		tmpl_set(f, T_OTHER_LANG, lang_code(other));
		tmpl_set(tmpl_section(d, T_OTHER_LANG_ATTR), T_OTHER_LANG, lang_code(other));
		return theirs;
	}
	if (name != T__MAX)
		tmpl_set(d, name, mine);
	if (*mine && p->stale_since[lang])
		tmpl_set_int(tmpl_section(d, T_STALE), T_STALE_SEQ, p->stale_since[lang]);
	return mine;
}

void view_commitment(tmpl_dict *d, enum lang lang, const struct commitment_view *v)
{
	char number[48];
	snprintf(number, sizeof(number), "%lld.%lld", v->area_no, v->number);
	tmpl_set_int(d, T_COMMITMENT_ID, v->id);
	tmpl_set(d, T_COMMITMENT_NUMBER, number);
	view_paired(tmpl_section(d, T_TEXT_PART), T_COMMITMENT_TEXT, lang, &v->text);
	const struct vocab *lead = lead_entry(v->lead), *status = status_entry(v->status);
	tmpl_set(d, T_LEAD, msg(lang, lead->label));
	tmpl_set(d, T_LEAD_CLASS, lead->css);
	tmpl_set(d, T_STATUS, msg(lang, status->label));
	tmpl_set(d, T_STATUS_CLASS, status->css);
	tmpl_set_int(d, T_PROGRESS, v->progress);
	view_paired(tmpl_section(d, T_TARGET_PART), T_TARGET, lang, &v->target);
	static const enum tmpl_name notes[SIDE__MAX] = { T_EU_NOTE, T_KR_NOTE };
	static const enum tmpl_name empty[SIDE__MAX] = { T_EU_NOTE_EMPTY, T_KR_NOTE_EMPTY };
	for (int s = 0; s < SIDE__MAX; s++) {
		const struct paired_text *n = &v->note[s];
		if (!*n->text[LANG_EN] && !*n->text[LANG_KO])
			tmpl_show(d, empty[s]);
		else
			view_paired(tmpl_section(d, notes[s]), T_NOTE, lang, n);
	}
}

const char *view_percent(struct arena *a, enum lang lang, long long value)
{
	char number[24];
	snprintf(number, sizeof(number), "%lld", value);
	const char *keys[] = { "PROGRESS" };
	const char *values[] = { number };
	const char *out = msg_format(a, msg(lang, M_FORMAT_PERCENT), keys, values, 1);
	return out ? out : "";
}

const char *view_datetime(struct arena *a, enum lang lang, const char *iso)
{
	static const enum msg_id months[12] = { M_MONTH_1, M_MONTH_2, M_MONTH_3, M_MONTH_4, M_MONTH_5, M_MONTH_6,
	                                        M_MONTH_7, M_MONTH_8, M_MONTH_9, M_MONTH_10, M_MONTH_11, M_MONTH_12 };
	int y, mo, d, h, mi;
	if (!iso || sscanf(iso, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5 || mo < 1 || mo > 12)
		return iso ? iso : "";
	char year[8], day[4], time[8];
	snprintf(year, sizeof(year), "%d", y);
	snprintf(day, sizeof(day), "%d", d);
	snprintf(time, sizeof(time), "%02d:%02d", h, mi);
	const char *keys[] = { "YEAR", "MONTH", "DAY", "TIME" };
	const char *values[] = { year, msg(lang, months[mo - 1]), day, time };
	const char *out = msg_format(a, msg(lang, M_FORMAT_DATETIME), keys, values, 4);
	return out ? out : iso;
}

int view_markdown(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *src, size_t len)
{
	char file[32];
	snprintf(file, sizeof(file), "%s/markdown.tpl", lang_code(lang));
	struct buf html;
	buf_init(&html);
	int rc = markdown_to_html(src, len, &html);
	if (rc == 0)
		tmpl_setn(tmpl_include(d, name, file), T_HTML, html.data ? html.data : "", html.len);
	buf_free(&html);
	return rc;
}

struct diff_rows {
	struct diff_line *v;
	size_t n, cap;
};

static int collect(void *ud, const struct diff_line *l)
{
	struct diff_rows *r = ud;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct diff_line *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return 1;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *l;
	return 0;
}

/* True when line i is a change or within DIFF_CONTEXT lines of one. */
static bool near_change(const struct diff_rows *r, size_t i)
{
	size_t lo = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0, hi = i + DIFF_CONTEXT;
	for (size_t k = lo; k <= hi && k < r->n; k++)
		if (r->v[k].op != DIFF_EQUAL)
			return true;
	return false;
}

static void diff_row(tmpl_dict *d, const struct diff_line *l)
{
	tmpl_dict *line = tmpl_section(tmpl_section(d, T_ROW), T_LINE);
	tmpl_set(line, T_CLASS, l->op == DIFF_EQUAL ? "eq" : l->op == DIFF_DELETE ? "del" : "ins");
	if (l->old_no)
		tmpl_set_int(line, T_OLD_NO, (long long)l->old_no);
	if (l->new_no)
		tmpl_set_int(line, T_NEW_NO, (long long)l->new_no);
	if (l->op == DIFF_DELETE)
		tmpl_show(line, T_DEL);
	else if (l->op == DIFF_INSERT)
		tmpl_show(line, T_INS);
	tmpl_setn(line, T_TEXT, l->s, l->len);
}

int view_diff(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *caption, const char *a, const char *b)
{
	char file[32];
	snprintf(file, sizeof(file), "%s/diff.tpl", lang_code(lang));
	tmpl_dict *t = tmpl_include(d, name, file);
	tmpl_set(t, T_CAPTION, caption);
	size_t alen = strlen(a), blen = strlen(b);
	if (diff_too_long(a, alen, b, blen)) {
		tmpl_show(t, T_TOO_LONG);
		return 0;
	}
	struct diff_rows r = { 0 };
	int rc = diff_lines(a, alen, b, blen, collect, &r);
	bool changed = false, gap = false;
	for (size_t i = 0; rc == 0 && i < r.n; i++) {
		changed |= r.v[i].op != DIFF_EQUAL;
		if (!near_change(&r, i)) {
			if (!gap)
				tmpl_show(tmpl_section(t, T_ROW), T_GAP);
			gap = true;
			continue;
		}
		gap = false;
		diff_row(t, &r.v[i]);
	}
	if (!changed)
		tmpl_show(t, T_NO_CHANGE);
	free(r.v);
	return rc == 0 ? 0 : -1;
}
