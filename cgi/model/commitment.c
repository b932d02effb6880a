#include "model/commitment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* One line of text: no line breaks or other control characters. */
static bool one_line(const char *s, size_t max_chars)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return utf8_valid(s, n) && utf8_length(s, n) <= max_chars;
}

int commitment_fields_check(const struct commitment_fields *f)
{
	if (!f->text || !f->target || !f->text_ko || !f->target_ko || !*f->text ||
	    strlen(f->text) > COMMITMENT_TEXT_MAX || strlen(f->text_ko) > COMMITMENT_TEXT_MAX ||
	    !one_line(f->text, COMMITMENT_TEXT_MAX) || !one_line(f->target, TARGET_MAX_CHARS) ||
	    !one_line(f->text_ko, COMMITMENT_TEXT_MAX) || !one_line(f->target_ko, TARGET_MAX_CHARS))
		return -1;
	if (f->lead >= LEAD__MAX || f->status >= STATUS__MAX || f->progress < 0 || f->progress > 100)
		return -1;
	return 0;
}

void commitment_fields_blank_missing(struct commitment_fields *f)
{
	const char **texts[] = { &f->text, &f->text_ko, &f->target, &f->target_ko };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!*texts[i])
			*texts[i] = "";
}

void commitment_canonical(const struct commitment_fields *f, struct buf *out)
{
	buf_printf(out, "Text: %s\nText (ko): %s\nLead: %s\nStatus: %s\nProgress: %lld\nTarget: %s\nTarget (ko): %s\n",
	           f->text, f->text_ko, lead_vocab[f->lead].sql, status_vocab[f->status].sql, f->progress, f->target,
	           f->target_ko);
}

/* Finds "Name: value\n" and copies the value. */
static const char *field(struct arena *a, const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
			const char *v = p + n + 2;
			return arena_strndup(a, v, strcspn(v, "\n"));
		}
	}
	return NULL;
}

int commitment_parse(struct arena *a, const char *text, struct commitment_fields *out)
{
	const char *progress = field(a, text, "Progress");
	out->text = field(a, text, "Text");
	out->lead = lead_of(field(a, text, "Lead"));
	out->status = status_of(field(a, text, "Status"));
	out->target = field(a, text, "Target");
	/* Revisions from before the Korean fields have none: not translated. */
	out->text_ko = field(a, text, "Text (ko)");
	out->target_ko = field(a, text, "Target (ko)");
	if (!out->text_ko)
		out->text_ko = "";
	if (!out->target_ko)
		out->target_ko = "";
	if (!progress || strlen(progress) > 3 || strspn(progress, "0123456789") != strlen(progress) || !*progress)
		return -1;
	out->progress = strtoll(progress, NULL, 10);
	return commitment_fields_check(out);
}

bool commitment_fields_equal(const struct commitment_fields *x, const struct commitment_fields *y)
{
	return strcmp(x->text, y->text) == 0 && strcmp(x->text_ko, y->text_ko) == 0 && x->lead == y->lead &&
	       x->status == y->status && x->progress == y->progress && strcmp(x->target, y->target) == 0 &&
	       strcmp(x->target_ko, y->target_ko) == 0;
}

static struct paired_text pair(const struct db_col *en, const struct db_col *ko, const struct db_col *en_stale,
                               const struct db_col *ko_stale)
{
	return (struct paired_text){
		{ en->null ? "" : en->s, ko->null ? "" : ko->s },
		{ en_stale && !en_stale->null ? en_stale->i : 0, ko_stale && !ko_stale->null ? ko_stale->i : 0 },
	};
}

struct commitment_view commitment_view_of(long long area_no, const struct db_col *c)
{
	struct commitment_view v = {
		.id = c[CC_ID].i, .area_no = area_no, .number = c[CC_NUMBER].i, .progress = c[CC_PROGRESS].i,
		.lead = lead_of(c[CC_LEAD].s), .status = status_of(c[CC_STATUS].s),
		.text = pair(&c[CC_TEXT], &c[CC_TEXT_KO], NULL, NULL),
		.target = pair(&c[CC_TARGET], &c[CC_TARGET_KO], NULL, NULL),
		.note = { pair(&c[CC_EU_EN], &c[CC_EU_KO], &c[CC_EU_EN_STALE], &c[CC_EU_KO_STALE]),
		          pair(&c[CC_KR_EN], &c[CC_KR_KO], &c[CC_KR_EN_STALE], &c[CC_KR_KO_STALE]) },
	};
	/* The agreed text's flag names the language that is behind. */
	if (!c[CC_TEXT_STALE].null) {
		enum lang behind;
		if (lang_parse(c[CC_TEXT_STALE].s, &behind) == 0)
			v.text.stale_since[behind] = c[CC_TEXT_STALE_SINCE].i;
	}
	return v;
}

