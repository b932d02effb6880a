#ifndef PORTAL_MARKDOWN_H
#define PORTAL_MARKDOWN_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Renders CommonMark to HTML with libcmark in its safe mode: raw HTML is
 * replaced by a comment and javascript:, vbscript:, file: and data: (other
 * than images) links are emptied. The only HTML that templates print without
 * escaping comes from here. Appends to out; returns 0 or -1.
 */
int markdown_to_html(const char *src, size_t len, struct buf *out);

#endif
