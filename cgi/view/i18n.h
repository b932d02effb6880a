/* The interface's message catalogue (generated from templates/messages/), by language. */
#ifndef PORTAL_I18N_H
#define PORTAL_I18N_H

#include <stddef.h>

#include "base/lang.h"
#include "messages.h"

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
