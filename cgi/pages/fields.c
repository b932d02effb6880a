#include "pages/fields.h"

#include <stdbool.h>
#include <string.h>

#include "base/utf8.h"
#include "model/auth.h"

const char *form_token_new(const struct request *req)
{
	char *t = arena_alloc(req->arena, 33);
	if (t)
		auth_random_hex(t, 16);
	return t;
}

const char *form_token_of(const struct request *req)
{
	const char *t = http_form(req, "form_token");
	if (!t || strlen(t) != 32 || strspn(t, "0123456789abcdef") != 32)
		return NULL;
	return t;
}

long long form_number(const struct request *req, const char *name)
{
	const char *s = http_form(req, name);
	if (!s || !*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
		return -1;
	long long v = 0;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	return v;
}

const char *form_line(const struct request *req, const char *name, size_t max_chars)
{
	const char *s = http_form(req, name);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return NULL;
	return utf8_length(s, n) <= max_chars ? s : NULL;
}

int content_lang(const struct request *req, enum lang *out)
{
	bool post = req->method[0] == 'P';
	const char *in = post ? http_form(req, "in") : http_query(req, "in");
	if (!in && !post) {   /* a link to the editor: the reader's language */
		*out = req->lang;
		return 0;
	}
	return in ? lang_parse(in, out) : -1;   /* every form that saves names its language */
}

