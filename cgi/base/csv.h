/*
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a quote, CR or LF (or starts or ends with a
 * space), its quotes doubled. Pure; fuzzed by fuzz/fuzz_csv.c.
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, -, @,
 * TAB, CR or LF as a formula (NUL is treated alike). Free-text fields (text = true) that start with
 * one of these get a leading apostrophe, which spreadsheets show as text and
 * hide; numbers are written as they are.
 */
#ifndef PORTAL_CSV_H
#define PORTAL_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Appends one field, preceded by a comma unless it is the first of the record. */
void csv_field(struct buf *out, const char *s, size_t n, bool text, bool first);
/* Ends the record. */
void csv_end(struct buf *out);
/* True when a free-text field would be neutralised. */
bool csv_dangerous(const char *s, size_t n);

#endif
