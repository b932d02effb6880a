/* Shared pieces of pages: how a commitment, a status or a lead side is shown. */
#ifndef PORTAL_VIEW_H
#define PORTAL_VIEW_H

#include "db/db.h"
#include "view/i18n.h"
#include "base/arena.h"
#include "model/authz.h"
#include "model/commitment.h"
#include "view/tmpl.h"

/*
 * Picks the reader's language from a pair: sets name (the text; T__MAX: do
 * not set it), and shows
 * FALLBACK (with OTHER_LANG) when only the other language has it, or STALE
 * (with STALE_SEQ, the revision) when the reader's text may be out of date.
 * Returns the text chosen.
 */
const char *view_paired(tmpl_dict *d, enum tmpl_name name, enum lang lang, const struct paired_text *p);

/* A percentage as the language writes it ("40 %", "40%"). */
const char *view_percent(struct arena *a, enum lang lang, long long value);

/* A date and time "YYYY-MM-DD HH:MM" (UTC) as the language writes it. */
const char *view_datetime(struct arena *a, enum lang lang, const char *iso);

/* Sets the commitment's values (COMMITMENT_*, STATUS*, LEAD*, PROGRESS...) in d. */
void view_commitment(tmpl_dict *d, enum lang lang, const struct commitment_view *v);

/*
 * Includes markdown.tpl as name in d with src rendered by libcmark (safe
 * mode): the one way rendered text reaches a page. 0, or -1 on failure.
 */
int view_markdown(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *src, size_t len);

/*
 * Includes diff.tpl as name in d: the line diff from a to b, with runs of
 * unchanged lines shortened to DIFF_CONTEXT lines around each change; or,
 * past DIFF_MAX_LINES or DIFF_MAX_BYTES on either side (diff.h), only that
 * the texts are too long to compare. 0, or -1 when out of memory.
 */
#define DIFF_CONTEXT 3
int view_diff(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *caption, const char *a, const char *b);

/*
 * Adds a section per value of a vocabulary (vocab.h), the first n of table in
 * order: VALUE (as stored), LABEL (in lang) and SELECTED for the one whose
 * index is selected (none when selected is out of range).
 */
void view_options(tmpl_dict *d, enum tmpl_name section, const struct vocab *table, size_t n, size_t selected,
                  enum lang lang);

#endif
