#include "db/heads.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"

/* The process's heads file: opened once, before workers and threads start; inherited by fork. */
static int heads_fd = -1;

static int open_append(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return fd;
}

int heads_open(const char *path, char *err, size_t errlen)
{
	int fd = open_append(path, err, errlen);
	if (fd < 0)
		return -1;
	if (heads_fd >= 0)
		close(heads_fd);
	heads_fd = fd;
	db_on_commit(heads_record);
	return 0;
}

static void now_text(char out[28])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 28, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 28 - n, ".%06ldZ", ts.tv_nsec / 1000);
}

/* The lines for n heads, in out; their length. */
static size_t format_lines(char *out, size_t size, const struct db_moved_head *moved, unsigned n, bool restore)
{
	char at[28];
	now_text(at);
	size_t len = 0;
	for (unsigned i = 0; i < n && len < size; i++) {
		char hex[2 * CHAIN_HASH_BYTES + 1];
		sodium_bin2hex(hex, sizeof(hex), moved[i].hash, CHAIN_HASH_BYTES);
		int w = snprintf(out + len, size - len, "%s %s %lld %s%s\n", at, moved[i].chain, moved[i].seq, hex,
		                 restore ? " restore" : "");
		if (w < 0 || (size_t)w >= size - len)
			return 0;
		len += (size_t)w;
	}
	return len;
}

/* One write of whole lines: O_APPEND places it at the end, in one piece. */
static int append(int fd, const char *lines, size_t len)
{
	ssize_t w;
	do
		w = write(fd, lines, len);
	while (w < 0 && errno == EINTR);
	return w == (ssize_t)len ? 0 : -1;
}

void heads_record(const struct db_moved_head *moved, unsigned n)
{
	char lines[DB_MOVED_MAX * HEADS_LINE_MAX];
	size_t len = format_lines(lines, sizeof(lines), moved, n, false);
	if (heads_fd < 0 || len == 0)
		return;
	if (append(heads_fd, lines, len) != 0)
		log_msg("heads: cannot record the chain heads (%s): portalctl verify will report them as not recorded",
		        strerror(errno));
}

int heads_record_restore(const char *path, const struct db_moved_head *heads, unsigned n, char *err,
                         size_t errlen)
{
	char lines[4 * HEADS_LINE_MAX];
	size_t len = format_lines(lines, sizeof(lines), heads, n > 4 ? 4 : n, true);
	int fd = open_append(path, err, errlen);
	if (fd < 0)
		return -1;
	int rc = append(fd, lines, len);
	if (rc != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	close(fd);
	return rc;
}

/* ---- reading ------------------------------------------------------------------ */

static bool digits(const char *s, size_t n)
{
	if (n == 0 || n > 18 || (n > 1 && s[0] == '0'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int heads_parse_line(const char *line, size_t len, struct heads_line *out)
{
	/* "<27-character time> <chain> <seq> <64 hex>[ restore]" */
	memset(out, 0, sizeof(*out));
	const char *end = line + len, *p = line;
	const char *sp = memchr(p, ' ', len);
	if (!sp || sp - p != 27 || p[26] != 'Z' || p[10] != 'T')
		return -1;
	memcpy(out->at, p, 27);
	p = sp + 1;
	sp = memchr(p, ' ', (size_t)(end - p));
	if (!sp || !((sp - p == 5 && memcmp(p, "audit", 5) == 0) || (sp - p == 9 && memcmp(p, "revisions", 9) == 0)))
		return -1;
	memcpy(out->chain, p, (size_t)(sp - p));
	p = sp + 1;
	sp = memchr(p, ' ', (size_t)(end - p));
	if (!sp || !digits(p, (size_t)(sp - p)))
		return -1;
	out->seq = strtoll(p, NULL, 10);
	p = sp + 1;
	size_t hex_len = 2 * CHAIN_HASH_BYTES, bin_len = 0;
	if ((size_t)(end - p) < hex_len)
		return -1;
	for (size_t i = 0; i < hex_len; i++)
		if (!strchr("0123456789abcdef", p[i]) || !p[i])
			return -1;
	if (sodium_hex2bin(out->hash, sizeof(out->hash), p, hex_len, NULL, &bin_len, NULL) != 0 ||
	    bin_len != CHAIN_HASH_BYTES)
		return -1;
	p += hex_len;
	if (p == end)
		return 0;
	if (end - p == 8 && memcmp(p, " restore", 8) == 0) {
		out->restore = true;
		return 0;
	}
	return -1;
}

static void take_line(const struct heads_line *l, const char *chain, const struct chain_hashes *hashes,
                      long long count, struct heads_result *r)
{
	if (strcmp(l->chain, chain) != 0)
		return;
	if (l->restore) {   /* what came before was replaced by the restore */
		long long bad = r->bad_lines;
		memset(r, 0, sizeof(*r));
		r->bad_lines = bad;
		r->last_seq = -1;
	}
	r->recorded++;
	if (l->seq > r->last_seq) {
		r->last_seq = l->seq;
		memcpy(r->last_at, l->at, sizeof(r->last_at));
	}
	if (l->seq == 0)
		return;   /* an empty chain's head */
	if (l->seq > count) {
		if (l->seq > r->missing_seq) {
			r->missing_seq = l->seq;
			memcpy(r->missing_at, l->at, sizeof(r->missing_at));
		}
	} else if ((size_t)l->seq <= hashes->n &&
	           sodium_memcmp(hashes->hash[l->seq - 1], l->hash, CHAIN_HASH_BYTES) != 0 && !r->differs_seq) {
		r->differs_seq = l->seq;
		memcpy(r->differs_at, l->at, sizeof(r->differs_at));
	}
}

int heads_check(const char *path, off_t upto, const char *chain, const struct chain_hashes *hashes,
                long long count, struct heads_result *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->last_seq = -1;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char line[HEADS_LINE_MAX + 2];
	off_t at = 0;
	while (at < upto && fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		at += (off_t)n;
		if (at > upto)
			break;   /* appended after upto was measured */
		bool whole = n > 0 && line[n - 1] == '\n';
		if (!whole && n == sizeof(line) - 1) {   /* longer than any line of the file: skip the rest */
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				at++;
			at += c == '\n';
			r->bad_lines++;
			continue;
		}
		struct heads_line l;
		if (heads_parse_line(line, whole ? n - 1 : n, &l) != 0) {
			if (whole)   /* a line cut off by a crash at the very end is not someone's edit */
				r->bad_lines++;
			continue;
		}
		take_line(&l, chain, hashes, count, r);
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		snprintf(err, errlen, "%s: cannot read it", path);
		return -1;
	}
	return 0;
}
