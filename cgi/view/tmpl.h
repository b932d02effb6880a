/*
 * The one bridge to ctemplate (C++). Everything else in the portal is C.
 * Names are the interned T_* constants generated from the templates, so a typo
 * is a compile error and lookups never hash strings at run time.
 * No C++ exception crosses this interface: failures are return values.
 */
#ifndef PORTAL_TMPL_H
#define PORTAL_TMPL_H

#include <stddef.h>

#include "base/buf.h"
#include "tmpl_names.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tmpl_dict tmpl_dict;

/*
 * Loads every "<lang>/<name>.tpl" below root, then freezes the cache: after
 * this nothing is read from disk again. Call once, before starting threads.
 * Returns the number of templates loaded, or -1 (details on stderr).
 */
int tmpl_load_all(const char *root);

/* A top-level dictionary; free it with tmpl_free. NULL when out of memory. */
tmpl_dict *tmpl_new(void);
void tmpl_free(tmpl_dict *d);

/* Values are copied. A failed set marks the dictionary so expansion fails. */
void tmpl_set(tmpl_dict *d, enum tmpl_name name, const char *value);
void tmpl_setn(tmpl_dict *d, enum tmpl_name name, const char *value, size_t len);
void tmpl_set_int(tmpl_dict *d, enum tmpl_name name, long long value);
/* Shows {{#name}}...{{/name}} once, with the parent's values. */
void tmpl_show(tmpl_dict *d, enum tmpl_name section);
/* Adds one repetition of a section; the child belongs to d. NULL on failure. */
tmpl_dict *tmpl_section(tmpl_dict *d, enum tmpl_name section);
/*
 * Fills {{>name}} with the template file (relative to root, e.g. "en/area.tpl").
 * Include dictionaries do not see their parent's values. The child belongs to d.
 */
tmpl_dict *tmpl_include(tmpl_dict *d, enum tmpl_name name, const char *file);

/*
 * Expands file with d and appends the result to out. Returns 0, or -1 when the
 * template is unknown or expansion failed; then out is left as it was.
 */
int tmpl_expand(const char *file, const tmpl_dict *d, struct buf *out);

#ifdef __cplusplus
}
#endif

#endif
