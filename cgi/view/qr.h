/*
 * QR codes drawn as inline SVG (libqrencode), for the TOTP enrolment page:
 * no image file, no JavaScript.
 */
#ifndef PORTAL_QR_H
#define PORTAL_QR_H

#include "base/buf.h"

/* The longest text drawn: byte-mode capacity of version 40 at level M. */
#define QR_TEXT_MAX 2331
/* Light modules around the symbol on every side (ISO/IEC 18004's quiet zone). */
#define QR_QUIET 4

/*
 * Appends an <svg> element drawing text as a QR code (error correction level
 * M, the smallest version that holds it, 8-bit mode for anything that is not
 * digits or upper-case alphanumerics): viewBox "0 0 N N" in modules with
 * N = width + 2 * QR_QUIET, a white square, then one black path of the dark
 * modules (one rectangle per run of dark modules in a row),
 * shape-rendering="crispEdges". No width, height, role or label: the template
 * wraps it (role="img" and an accessible name) and CSS sizes it. The output
 * holds only fixed markup and numbers, so it needs no escaping.
 * 0; or -1, with out as it was, when text is empty, longer than QR_TEXT_MAX
 * bytes or too long for any version, or memory ran out. Thread-safe.
 */
int qr_svg(struct buf *out, const char *text);

#endif
