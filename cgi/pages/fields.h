/* Reading a form's fields: tokens, numbers, one-line texts, the language edited in. */
#ifndef PORTAL_FIELDS_H
#define PORTAL_FIELDS_H

#include <stddef.h>

#include "base/lang.h"
#include "http/http.h"

/* A fresh random form token (32 hex digits, in the arena). */
const char *form_token_new(const struct request *req);

/* The form's token if it is 32 hex digits, else NULL. */
const char *form_token_of(const struct request *req);

/* A non-negative number field of at most 9 digits; -1 when missing or malformed. */
long long form_number(const struct request *req, const char *name);

/* A one-line text field of at most max characters, without control characters; NULL if not. */
const char *form_line(const struct request *req, const char *name, size_t max_chars);

/*
 * The language a text is edited in: the form's or query's "in" (en, ko); on a
 * GET without it, the reader's. -1 when "in" is not a language or a POST
 * lacks it.
 */
int content_lang(const struct request *req, enum lang *out);

#endif
