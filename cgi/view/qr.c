/* QR codes as inline SVG (qr.h). */
#include "view/qr.h"

#include <string.h>

#include <qrencode.h>

int qr_svg(struct buf *out, const char *text)
{
	size_t n = text ? strnlen(text, QR_TEXT_MAX + 1) : 0;
	if (n == 0 || n > QR_TEXT_MAX || out->failed)
		return -1;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;  /* ERANGE: too long for version 40; ENOMEM */
	size_t start = out->len;
	int w = q->width, size = w + 2 * QR_QUIET;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	           "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	           size, size, size, size);
	/* Bit 0 of each byte is the module's colour (1 dark). */
	for (int y = 0; y < w; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (row[x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	if (out->failed) {
		out->len = start;
		out->failed = false;
		if (out->data)
			out->data[start] = '\0';
		return -1;
	}
	return 0;
}
