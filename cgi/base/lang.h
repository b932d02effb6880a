/*
 * The portal's two languages, English and Korean: of the interface and of
 * the texts, which are held in both. Pure.
 */
#ifndef PORTAL_LANG_H
#define PORTAL_LANG_H

enum lang { LANG_EN, LANG_KO, LANG__MAX };

/* "en" / "ko": the HTML lang attribute, the template directory, the database's lang columns. */
const char *lang_code(enum lang l);
/* Parses "en" or "ko"; returns 0 and sets *out, or -1. */
int lang_parse(const char *s, enum lang *out);
/*
 * Picks the best supported language from an Accept-Language header value
 * (RFC 9110 weights; "ko-KR" counts as "ko"). NULL or nothing usable: English.
 */
enum lang lang_from_accept(const char *header);

#endif
