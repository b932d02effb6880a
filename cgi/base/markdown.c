#include "base/markdown.h"

#include <cmark.h>
#include <stdlib.h>

int markdown_to_html(const char *src, size_t len, struct buf *out)
{
	/* CMARK_OPT_UNSAFE is never set: safe rendering is cmark's default. */
	char *html = cmark_markdown_to_html(src, len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (!html)
		return -1;
	int rc = buf_puts(out, html);
	free(html);
	return rc;
}
