/*
 * application/x-www-form-urlencoded parsing, for query strings and POST bodies.
 * Pure: takes (buf, len), allocates only from the given arena, never touches
 * the request. Fuzzed by fuzz/fuzz_form.c.
 */
#ifndef PORTAL_FORM_H
#define PORTAL_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

#define FORM_MAX_PARAMS 200

struct param {
	const char *name;   /* decoded, NUL-terminated, valid UTF-8, no control characters */
	const char *value;  /* decoded, NUL-terminated, valid UTF-8 */
	size_t value_len;
};

struct params {
	struct param *v;
	size_t n;
};

enum form_status {
	FORM_OK = 0,
	FORM_BAD_ESCAPE,    /* '%' not followed by two hex digits */
	FORM_BAD_UTF8,      /* decoded bytes are not valid UTF-8, or contain NUL */
	FORM_BAD_CONTROL,   /* a control character where none is allowed */
	FORM_TOO_MANY,      /* more than FORM_MAX_PARAMS pairs */
	FORM_BAD_NAME,      /* empty parameter name */
	FORM_NO_MEMORY,
};

/* Which control characters values may contain. Names never may. */
enum form_mode {
	FORM_QUERY,  /* query strings: none */
	FORM_BODY,   /* form bodies: TAB, CR and LF (textareas) */
};

/*
 * Parses s[0..len) into out. Empty pairs ("a=1&&b=2") are skipped; a pair
 * without '=' has an empty value. On anything but FORM_OK, out is empty.
 * Everything lives in the arena.
 */
enum form_status form_parse(struct arena *a, const char *s, size_t len,
                            enum form_mode mode, struct params *out);

/*
 * Percent-decodes s[0..len) ('+' means space when plus_is_space) into the arena.
 * Returns FORM_OK and sets *out and *out_len, or an error as above. Only checks
 * escapes and UTF-8; the caller checks control characters.
 */
enum form_status form_decode(struct arena *a, const char *s, size_t len, int plus_is_space,
                             char **out, size_t *out_len);

/* Looks a parameter up. */
enum param_lookup { PARAM_MISSING, PARAM_FOUND, PARAM_DUPLICATE };
enum param_lookup params_get(const struct params *p, const char *name, const char **value, size_t *len);

/* Whether some name is given more than once (at most FORM_MAX_PARAMS pairs: quadratic is fine). */
bool params_has_duplicate(const struct params *p);

#endif
