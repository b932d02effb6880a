/*
 * QR codes as inline SVG (view/qr.h). Nothing here decodes a QR code, so the
 * drawing is checked against libqrencode's own symbol: the viewBox is its
 * width plus the quiet zone, and the path's rectangles, painted on a grid,
 * give back exactly its dark modules.
 */
#include <qrencode.h>
#include <stdlib.h>

#include "check.h"
#include "view/qr.h"

/*
 * Paints the path "M{x} {y}h{n}v1h-{n}z..." of svg on a size x size grid;
 * returns the number of modules painted, or -1 when the path has another form,
 * leaves the grid or paints a module twice.
 */
static long paint(const char *svg, int size, unsigned char *grid)
{
	const char *d = strstr(svg, "<path fill=\"#000\" d=\"");
	if (!d)
		return -1;
	d += strlen("<path fill=\"#000\" d=\"");
	long painted = 0;
	while (*d == 'M') {
		int x, y, n, n2, used = 0;
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &n2, &used) != 4 || used == 0 || n != n2 || n < 1)
			return -1;
		if (x < 0 || y < 0 || y >= size || x + n > size)
			return -1;
		for (int i = 0; i < n; i++) {
			if (grid[y * size + x + i])
				return -1;
			grid[y * size + x + i] = 1;
			painted++;
		}
		d += used;
	}
	return strcmp(d, "\"/></svg>") == 0 ? painted : -1;
}

static void check_text(const char *text, int want_version)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	CHECK(q != NULL);
	if (!q)
		return;
	CHECK(want_version == 0 || q->version == want_version);
	CHECK(q->width == 17 + 4 * q->version);
	struct buf b;
	buf_init(&b);
	CHECK(buf_puts(&b, "<p>") == 0);
	CHECK(qr_svg(&b, text) == 0);
	const char *out = buf_cstr(&b);
	static const char head[] = "<p><svg xmlns=\"http://www.w3.org/2000/svg\" ";
	CHECK(strncmp(out, head, sizeof(head) - 1) == 0);
	int size = q->width + 2 * QR_QUIET;
	char view[64];
	snprintf(view, sizeof(view), " viewBox=\"0 0 %d %d\"", size, size);
	CHECK_CONTAINS(out, view);
	CHECK_CONTAINS(out, "shape-rendering=\"crispEdges\"");
	snprintf(view, sizeof(view), "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", size, size);
	CHECK_CONTAINS(out, view);
	CHECK_NOT_CONTAINS(out, "role=");
	CHECK(strlen(out) > 9 && strcmp(out + strlen(out) - 9, "\"/></svg>") == 0);

	unsigned char *grid = calloc((size_t)size * (size_t)size, 1);
	long painted = paint(out + 3, size, grid);
	long dark = 0, same = 1;
	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			int in = x >= QR_QUIET && y >= QR_QUIET && x < QR_QUIET + q->width && y < QR_QUIET + q->width;
			int want = in && (q->data[(y - QR_QUIET) * q->width + (x - QR_QUIET)] & 1);
			dark += want;
			same = same && grid[y * size + x] == want;
		}
	CHECK(painted > 0 && painted == dark);
	CHECK(same);  /* the quiet zone is empty and every module is where the symbol has it */
	free(grid);
	buf_free(&b);
	QRcode_free(q);
}

static void test_svg_draws_the_symbol(void)
{
	check_text("hello", 1);
	check_text("otpauth://totp/EU-Korea%20Portal:kim.minji?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	           "&issuer=EU-Korea%20Portal&algorithm=SHA1&digits=6&period=30", 8);
	check_text("otpauth://totp/%ED%95%9C-EU%20%ED%8F%AC%ED%84%B8:%EA%B9%80%EB%AF%BC%EC%A7%80?secret=ABC", 0);
	check_text("한국어 그대로", 0);
}

static void test_too_long_or_empty_is_refused(void)
{
	struct buf b;
	buf_init(&b);
	CHECK(buf_puts(&b, "kept") == 0);
	char *big = malloc(QR_TEXT_MAX + 2);
	memset(big, 'a', QR_TEXT_MAX + 1);
	big[QR_TEXT_MAX + 1] = '\0';
	CHECK(qr_svg(&b, big) == -1);
	/* The longest text level M holds in 8-bit mode fits; bytes outside alphanumerics need 8 bits each. */
	big[QR_TEXT_MAX] = '\0';
	CHECK(qr_svg(&b, big) == 0);
	CHECK_CONTAINS(buf_cstr(&b), "viewBox=\"0 0 185 185\"");  /* version 40: 177 modules */
	buf_reset(&b);
	CHECK(buf_puts(&b, "kept") == 0);
	/*
	 * Within QR_TEXT_MAX but too long for version 40: runs of digits switch
	 * modes, and each switch costs bits (libqrencode says ERANGE).
	 */
	for (int i = 0; i < QR_TEXT_MAX; i++)
		big[i] = "12345678a"[i % 9];
	CHECK(qr_svg(&b, big) == -1);
	CHECK(qr_svg(&b, "") == -1);
	CHECK(qr_svg(&b, NULL) == -1);
	CHECK_STR(buf_cstr(&b), "kept");
	/* A buffer that failed before takes nothing more. */
	b.failed = true;
	CHECK(qr_svg(&b, "hello") == -1);
	CHECK(b.len == 4);
	free(big);
	buf_free(&b);
}

int main(void)
{
	RUN(test_svg_draws_the_symbol);
	RUN(test_too_long_or_empty_is_refused);
	return check_summary("test_qr");
}
