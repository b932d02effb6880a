/* Interface languages and the message catalogue (generated from templates/messages/). */
#ifndef PORTAL_I18N_H
#define PORTAL_I18N_H

#include <stddef.h>

#include "messages.h"

enum lang { LANG_EN, LANG_KO, LANG__MAX };

/* "en" / "ko": the HTML lang attribute and the template directory. */
const char *lang_code(enum lang l);
/* Parses "en" or "ko"; returns 0 and sets *out, or -1. */
int lang_parse(const char *s, enum lang *out);
/*
 * Picks the best supported language from an Accept-Language header value
 * (RFC 9110 weights; "ko-KR" counts as "ko"). NULL or nothing usable: English.
 */
enum lang lang_from_accept(const char *header);

/*
 * Fills a message's {{KEY}} placeholders with values (arena). Unknown
 * placeholders stay as they are. NULL when out of memory.
 */
struct arena;
char *msg_format(struct arena *a, const char *text, const char *const *keys, const char *const *values, size_t n);

static inline const char *msg(enum lang l, enum msg_id id)
{
	return msg_table[l][id];
}

#endif
