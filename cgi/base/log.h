/*
 * One line per event on stderr (redirected to a file by the stack script, or
 * to the journal under systemd). Untrusted text goes through log_escape so a
 * request can never forge or split a log line.
 */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H

#include <stddef.h>

#include "base/buf.h"

/* Writes "<UTC time> <pid> <message>\n" with one write(2). */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Appends s[0..n) to b with everything outside printable ASCII, plus '"'
 * and '\\', written as \xHH. At most max input bytes are kept ("..." marks a cut).
 */
void log_escape(struct buf *b, const char *s, size_t n, size_t max);

#endif
