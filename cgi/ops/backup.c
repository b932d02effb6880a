#include "ops/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/dumpscan.h"

extern char **environ;

/* mariadb-dump ends a complete dump with this comment (without a date: --skip-dump-date). */
#define DUMP_END "-- Dump completed\n"
#define KEY_ID_CONTEXT "eukr-portal chain key id"
#define MAC_KEY_ID_CONTEXT "eukr-portal backup key id"

static const char *const fields[] = { "created", "database", "schema", "chain-key-id", "audit-head",
	                              "revisions-head", "dump-bytes", "backup-key-id", "mac" };
enum {
	F_CREATED, F_DATABASE, F_SCHEMA, F_KEY_ID, F_AUDIT_HEAD, F_REVISIONS_HEAD, F_DUMP_BYTES, F_MAC_KEY_ID, F_MAC,
	F__MAX
};

/* ---- the header ------------------------------------------------------------ */

static int all_of(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return 1;
}

#define DIGITS "0123456789"
#define HEX "0123456789abcdef"
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

/* Is v (n bytes, not NUL-terminated) a valid value of field f? */
static int valid(int f, const char *v, size_t n)
{
	switch (f) {
	case F_CREATED:
		return n == 20 && all_of(v, 4, DIGITS) && v[4] == '-' && all_of(v + 5, 2, DIGITS) && v[7] == '-' &&
		       all_of(v + 8, 2, DIGITS) && v[10] == 'T' && all_of(v + 11, 2, DIGITS) && v[13] == ':' &&
		       all_of(v + 14, 2, DIGITS) && v[16] == ':' && all_of(v + 17, 2, DIGITS) && v[19] == 'Z';
	case F_DATABASE:
		return n >= 1 && n <= 64 && all_of(v, n, NAME_CHARS);
	case F_SCHEMA:   /* numbers without leading zeros: one way to write each */
		return n >= 1 && n <= 9 && all_of(v, n, DIGITS) && (n == 1 || v[0] != '0');
	case F_KEY_ID:
	case F_MAC_KEY_ID:
		return n == 32 && all_of(v, n, HEX);
	case F_AUDIT_HEAD:
	case F_REVISIONS_HEAD: {   /* "<seq> <hash>" */
		const char *sp = memchr(v, ' ', n);
		size_t k = sp ? (size_t)(sp - v) : 0;
		return sp && k >= 1 && k <= 18 && all_of(v, k, DIGITS) && (k == 1 || v[0] != '0') && n - k - 1 == 64 &&
		       all_of(sp + 1, 64, HEX);
	}
	case F_DUMP_BYTES:
		return n >= 1 && n <= 18 && all_of(v, n, DIGITS) && (n == 1 || v[0] != '0');
	default:
		return n == 64 && all_of(v, n, HEX);
	}
}

#define ZEROS64 "0000000000000000000000000000000000000000000000000000000000000000"

int backup_header_format(const struct backup_manifest *m, char out[BACKUP_HEADER_BYTES])
{
	char values[F__MAX][96];
	snprintf(values[F_CREATED], sizeof(values[0]), "%s", m->created);
	snprintf(values[F_DATABASE], sizeof(values[0]), "%s", m->database);
	snprintf(values[F_SCHEMA], sizeof(values[0]), "%lld", m->schema);
	snprintf(values[F_KEY_ID], sizeof(values[0]), "%s", m->key_id);
	for (int h = 0; h < 2; h++)
		snprintf(values[F_AUDIT_HEAD + h], sizeof(values[0]), "%lld %.64s", m->heads[h].seq, m->heads[h].hash);
	snprintf(values[F_DUMP_BYTES], sizeof(values[0]), "%llu", m->dump_bytes);
	snprintf(values[F_MAC_KEY_ID], sizeof(values[0]), "%s", m->backup_key_id);
	/* Before the MAC is known, the header is formatted with zeros in its place. */
	snprintf(values[F_MAC], sizeof(values[0]), "%s", m->mac[0] ? m->mac : ZEROS64);
	size_t n = (size_t)snprintf(out, BACKUP_HEADER_BYTES, "%s\n", BACKUP_MAGIC), hashed = 0;
	for (int f = 0; f < F__MAX; f++) {
		if (!valid(f, values[f], strlen(values[f])))
			return -1;
		if (f == F_MAC)
			hashed = n;
		int w = snprintf(out + n, BACKUP_HEADER_BYTES - n, "%s: %s\n", fields[f], values[f]);
		if (w < 0 || (size_t)w >= BACKUP_HEADER_BYTES - n)
			return -1;
		n += (size_t)w;
	}
	/* The empty line, then padding: the dump always starts at BACKUP_HEADER_BYTES. */
	memset(out + n, ' ', BACKUP_HEADER_BYTES - n);
	out[n] = '\n';
	out[BACKUP_HEADER_BYTES - 1] = '\n';
	return (int)hashed;
}

/* The line at *pos (without "\n"), or NULL when there is no complete line. */
static const char *next_line(const char *block, size_t len, size_t *pos, size_t *n)
{
	if (*pos >= len)
		return NULL;
	const char *start = block + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	if (!nl)
		return NULL;
	*n = (size_t)(nl - start);
	*pos += *n + 1;
	return start;
}

static void copy_value(const char *v, size_t n, char *out, size_t size)
{
	size_t k = n < size - 1 ? n : size - 1;
	memcpy(out, v, k);
	out[k] = '\0';
}

int backup_header_parse(const char *block, size_t len, struct backup_manifest *m, char *err, size_t errlen)
{
	static const char magic[] = BACKUP_MAGIC "\n";
	static const char family[] = "EUKR-PORTAL-BACKUP ";
	memset(m, 0, sizeof(*m));
	if (len < sizeof(magic) - 1 || memcmp(block, magic, sizeof(magic) - 1) != 0) {
		static const char first[] = "EUKR-PORTAL-BACKUP 1\n";
		if (len >= sizeof(first) - 1 && memcmp(block, first, sizeof(first) - 1) == 0)
			snprintf(err, errlen, "a portal backup of format 1, without a MAC: nothing shows it was not altered,"
			         " so this portalctl does not restore it (restore it with the release that made it, then"
			         " back up again)");
		else if (len >= sizeof(family) - 1 && memcmp(block, family, sizeof(family) - 1) == 0)
			snprintf(err, errlen, "a portal backup in a format this portalctl does not read (not \"%s\")",
			         BACKUP_MAGIC);
		else
			snprintf(err, errlen, "not a backup of this portal: it does not start with \"%s\"", BACKUP_MAGIC);
		return -1;
	}
	if (len < BACKUP_HEADER_BYTES) {
		snprintf(err, errlen, "truncated: the file ends inside its %d-byte header", BACKUP_HEADER_BYTES);
		return -1;
	}
	len = BACKUP_HEADER_BYTES;
	size_t pos = sizeof(magic) - 1, n = 0, hashed = 0;
	for (int f = 0; f < F__MAX; f++) {
		size_t at = pos;
		const char *line = next_line(block, len, &pos, &n);
		size_t klen = strlen(fields[f]);
		if (!line || n < klen + 2 || memcmp(line, fields[f], klen) != 0 || line[klen] != ':' ||
		    line[klen + 1] != ' ' || !valid(f, line + klen + 2, n - klen - 2)) {
			snprintf(err, errlen, "damaged header: no valid \"%s:\" line where it belongs", fields[f]);
			return -1;
		}
		const char *v = line + klen + 2;
		size_t vn = n - klen - 2;
		char num[24];
		struct backup_head *head = &m->heads[f == F_REVISIONS_HEAD];
		switch (f) {
		case F_CREATED: copy_value(v, vn, m->created, sizeof(m->created)); break;
		case F_DATABASE: copy_value(v, vn, m->database, sizeof(m->database)); break;
		case F_SCHEMA: copy_value(v, vn, num, sizeof(num)); m->schema = strtoll(num, NULL, 10); break;
		case F_KEY_ID: copy_value(v, vn, m->key_id, sizeof(m->key_id)); break;
		case F_AUDIT_HEAD:
		case F_REVISIONS_HEAD:
			copy_value(v, vn - 65, num, sizeof(num));
			head->seq = strtoll(num, NULL, 10);
			copy_value(v + vn - 64, 64, head->hash, sizeof(head->hash));
			break;
		case F_DUMP_BYTES: copy_value(v, vn, num, sizeof(num)); m->dump_bytes = strtoull(num, NULL, 10); break;
		case F_MAC_KEY_ID: copy_value(v, vn, m->backup_key_id, sizeof(m->backup_key_id)); break;
		default: hashed = at; copy_value(v, vn, m->mac, sizeof(m->mac)); break;
		}
	}
	/* An empty line, then nothing but the padding. */
	if (!next_line(block, len, &pos, &n) || n != 0 || block[len - 1] != '\n' ||
	    !all_of(block + pos, len - 1 - pos, " ")) {
		snprintf(err, errlen, "damaged header: unexpected text after the manifest");
		return -1;
	}
	return (int)hashed;
}

static void key_id(const unsigned char key[32], const char *context, char out[33])
{
	unsigned char id[16];
	crypto_generichash(id, sizeof(id), (const unsigned char *)context, strlen(context), key, 32);
	sodium_bin2hex(out, 33, id, sizeof(id));
}

void backup_key_id(const unsigned char key[32], char out[33])
{
	key_id(key, KEY_ID_CONTEXT, out);
}

void backup_mac_key_id(const unsigned char key[BACKUP_KEY_BYTES], char out[33])
{
	key_id(key, MAC_KEY_ID_CONTEXT, out);
}

/* ---- files and processes ------------------------------------------------------ */

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t read_full(int fd, char *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * Starts argv[0] (found on PATH) with stdin_fd / stdout_fd (-1: inherited) as
 * its standard input and output. Returns its pid or -1.
 */
static pid_t run(char *const argv[], int stdin_fd, int stdout_fd)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	if (stdin_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, stdin_fd, STDIN_FILENO);
	if (stdout_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, stdout_fd, STDOUT_FILENO);
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return pid;
}

/* Waits for pid; 0 when it exited with 0, else -1 with err naming the program. */
static int finished(pid_t pid, const char *name, char *err, size_t errlen)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "waiting for %s: %s", name, strerror(errno));
			return -1;
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		snprintf(err, errlen, "%s failed (exit status %d): see its message above", name, WEXITSTATUS(st));
	else
		snprintf(err, errlen, "%s was killed by signal %d", name, WTERMSIG(st));
	return -1;
}

/* Makes a completed file durable: its data, then the directory entry. */
static int sync_dir_of(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* The MAC over the dump, then the header's first `hashed` bytes, as hex. */
static void mac_init(crypto_generichash_state *st, const struct backup_keys *k)
{
	crypto_generichash_init(st, k->key, BACKUP_KEY_BYTES, crypto_generichash_BYTES);
}

static void mac_final(crypto_generichash_state *st, const char *header, int hashed, char out[65])
{
	unsigned char mac[crypto_generichash_BYTES];
	crypto_generichash_update(st, (const unsigned char *)header, (size_t)hashed);
	crypto_generichash_final(st, mac, sizeof(mac));
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* The scan's verdict on a whole dump, and its chain heads into m. 0, or -1 with err. */
static int scan_result(struct dumpscan *scan, const char *what, struct backup_manifest *m, char *err,
                       size_t errlen)
{
	if (dumpscan_finish(scan) != 0) {
		snprintf(err, errlen, "%s what a restore refuses: %s", what, scan->error);
		return -1;
	}
	for (int h = 0; h < DUMPSCAN_CHAINS; h++) {
		if (!scan->heads[h].found) {
			snprintf(err, errlen, "%s no row of the %s chain in `chain_heads`", what,
			         h == DUMPSCAN_AUDIT ? "audit" : "revisions");
			return -1;
		}
		m->heads[h].seq = scan->heads[h].seq;
		memcpy(m->heads[h].hash, scan->heads[h].hash, sizeof(m->heads[h].hash));
	}
	return 0;
}

/*
 * Copies mariadb-dump's output from in to out (after the header space),
 * MACs and scans it, and checks that the dump says it is complete. Fills
 * m->dump_bytes and m->heads; 0, or -1 with err.
 */
static int copy_dump(int in, int out, crypto_generichash_state *st, const struct backup_keys *k,
                     struct backup_manifest *m, char *err, size_t errlen)
{
	struct dumpscan scan;
	dumpscan_init(&scan, k->definers, NULL, NULL);
	char chunk[16384];
	m->dump_bytes = 0;
	for (;;) {
		ssize_t r = read(in, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "reading from mariadb-dump: %s", strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		crypto_generichash_update(st, (unsigned char *)chunk, (size_t)r);
		dumpscan_feed(&scan, chunk, (size_t)r);
		if (write_all(out, chunk, (size_t)r) != 0) {
			snprintf(err, errlen, "writing the backup: %s", strerror(errno));
			return -1;
		}
		m->dump_bytes += (unsigned long long)r;
	}
	char tail[sizeof(DUMP_END) - 1];
	off_t at = BACKUP_HEADER_BYTES + (off_t)m->dump_bytes - (off_t)sizeof(tail);
	if (m->dump_bytes < sizeof(tail) || pread(out, tail, sizeof(tail), at) != (ssize_t)sizeof(tail) ||
	    memcmp(tail, DUMP_END, sizeof(tail)) != 0) {
		snprintf(err, errlen, "mariadb-dump's output does not end with \"-- Dump completed\": incomplete");
		return -1;
	}
	return scan_result(&scan, "mariadb-dump wrote", m, err, errlen);
}

/* Runs mariadb-dump into fd (after the header space). 0, or -1 with err. */
static int dump_into(int fd, const char *admin_cnf, const struct backup_keys *k, struct backup_manifest *m,
                     crypto_generichash_state *st, char *err, size_t errlen)
{
	char defaults[PATH_MAX + 32];
	snprintf(defaults, sizeof(defaults), "--defaults-file=%s", admin_cnf);
	char *argv[] = { "mariadb-dump", defaults, "--single-transaction", "--quick", "--hex-blob",
	                 "--skip-dump-date", "--default-character-set=utf8mb4", "--triggers", m->database, NULL };
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t pid = run(argv, -1, p[1]);
	close(p[1]);
	if (pid < 0) {
		snprintf(err, errlen, "cannot run mariadb-dump: %s", strerror(errno));
		close(p[0]);
		return -1;
	}
	int rc = copy_dump(p[0], fd, st, k, m, err, errlen);
	close(p[0]);   /* a dump we stopped reading gets SIGPIPE */
	char err2[256];
	if (finished(pid, "mariadb-dump", err2, sizeof(err2)) != 0) {
		snprintf(err, errlen, "%s", err2);
		return -1;
	}
	return rc;
}

int backup_write(const char *path, const char *admin_cnf, const struct backup_keys *k, struct backup_manifest *m,
                 char *err, size_t errlen)
{
	if (access(path, F_OK) == 0) {
		snprintf(err, errlen, "%s exists: a backup never replaces a file", path);
		return -1;
	}
	char tmp[PATH_MAX];
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.partial-XXXXXX", path) >= sizeof(tmp)) {
		snprintf(err, errlen, "the path is too long");
		return -1;
	}
	int fd = mkostemp(tmp, O_CLOEXEC);   /* mode 0600: a backup holds password hashes */
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a file beside %s: %s", path, strerror(errno));
		return -1;
	}
	crypto_generichash_state st;
	mac_init(&st, k);
	char header[BACKUP_HEADER_BYTES];
	int rc = -1;
	m->mac[0] = '\0';
	backup_mac_key_id(k->key, m->backup_key_id);
	if (lseek(fd, BACKUP_HEADER_BYTES, SEEK_SET) != BACKUP_HEADER_BYTES) {
		snprintf(err, errlen, "seek: %s", strerror(errno));
		goto out;
	}
	if (dump_into(fd, admin_cnf, k, m, &st, err, errlen) != 0)
		goto out;
	int hashed = backup_header_format(m, header);
	if (hashed < 0) {
		snprintf(err, errlen, "cannot write the manifest: a field is malformed");
		goto out;
	}
	mac_final(&st, header, hashed, m->mac);
	backup_header_format(m, header);
	if (pwrite(fd, header, sizeof(header), 0) != (ssize_t)sizeof(header) || fsync(fd) != 0) {
		snprintf(err, errlen, "writing the backup: %s", strerror(errno));
		goto out;
	}
	/* link, not rename: it fails instead of replacing a file that appeared meanwhile. */
	if (link(tmp, path) != 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	sync_dir_of(path);
	rc = 0;
out:
	close(fd);
	unlink(tmp);
	return rc;
}

/* Reads and checks the header of the open file: its format, its key, its length. hashed, or -1 with err. */
static int read_header(int fd, const struct backup_keys *k, char header[BACKUP_HEADER_BYTES],
                       struct backup_manifest *m, char *err, size_t errlen)
{
	struct stat sb;
	ssize_t got = read_full(fd, header, BACKUP_HEADER_BYTES);
	if (got < 0 || fstat(fd, &sb) != 0) {
		snprintf(err, errlen, "cannot read it: %s", strerror(errno));
		return -1;
	}
	int hashed = backup_header_parse(header, (size_t)got, m, err, errlen);
	if (hashed < 0)
		return -1;
	char ours[33];
	backup_mac_key_id(k->key, ours);
	if (strcmp(ours, m->backup_key_id) != 0) {
		snprintf(err, errlen, "made with another backup key (id %s; this configuration's backup_key_file has"
		         " id %s): a backup of another installation, or a forgery; it is not restored here",
		         m->backup_key_id, ours);
		return -1;
	}
	unsigned long long have = (unsigned long long)sb.st_size - BACKUP_HEADER_BYTES;
	if (have != m->dump_bytes) {
		snprintf(err, errlen, "%s: the manifest promises %llu bytes of dump, the file holds %llu",
		         have < m->dump_bytes ? "truncated" : "altered", m->dump_bytes, have);
		return -1;
	}
	return hashed;
}

static int mac_matches(const char *computed, const char *recorded)
{
	return strlen(recorded) == 64 && sodium_memcmp(computed, recorded, 64) == 0;
}

int backup_verify(const char *path, const struct backup_keys *k, struct backup_manifest *m, char *err,
                  size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open it: %s", strerror(errno));
		return -1;
	}
	struct dumpscan scan;
	int rc = -1;
	char header[BACKUP_HEADER_BYTES];
	int hashed = read_header(fd, k, header, m, err, errlen);
	if (hashed < 0)
		goto out;
	crypto_generichash_state st;
	mac_init(&st, k);
	dumpscan_init(&scan, k->definers, NULL, NULL);
	char chunk[16384];
	ssize_t r;
	while ((r = read_full(fd, chunk, sizeof(chunk))) > 0) {
		crypto_generichash_update(&st, (unsigned char *)chunk, (size_t)r);
		dumpscan_feed(&scan, chunk, (size_t)r);
	}
	if (r < 0) {
		snprintf(err, errlen, "cannot read it: %s", strerror(errno));
		goto out;
	}
	char mac[65];
	mac_final(&st, header, hashed, mac);
	if (!mac_matches(mac, m->mac)) {
		snprintf(err, errlen, "altered or damaged: its MAC does not verify with this configuration's backup key"
		         " (a changed byte or manifest line, or a forgery)");
		goto out;
	}
	struct backup_manifest in_dump = *m;
	if (scan_result(&scan, "its dump holds", &in_dump, err, errlen) != 0)
		goto out;
	if (memcmp(in_dump.heads, m->heads, sizeof(m->heads)) != 0) {
		snprintf(err, errlen, "its manifest's chain heads are not the ones in its dump");
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

/* ---- loading ---------------------------------------------------------------------- */

struct feed {
	int fd;
	bool failed;
	int error;
};

static void feed_client(void *ud, const char *p, size_t n)
{
	struct feed *f = ud;
	if (!f->failed && write_all(f->fd, p, n) != 0) {
		f->failed = true;
		f->error = errno;
	}
}

/* Streams the dump from fd into the client's standard input (f), scanned and MACed. 0, or -1 with err. */
static int stream_dump(int fd, struct feed *f, const struct backup_keys *k, const struct backup_manifest *m,
                       const char *header, int hashed, char *err, size_t errlen)
{
	struct dumpscan scan;
	crypto_generichash_state st;
	mac_init(&st, k);
	dumpscan_init(&scan, k->definers, feed_client, f);
	char chunk[16384];
	ssize_t r;
	while ((r = read_full(fd, chunk, sizeof(chunk))) > 0 && !f->failed) {
		crypto_generichash_update(&st, (unsigned char *)chunk, (size_t)r);
		if (dumpscan_feed(&scan, chunk, (size_t)r) != 0)
			break;
	}
	if (r < 0) {
		snprintf(err, errlen, "cannot read it: %s", strerror(errno));
		return -1;
	}
	if (f->failed) {
		snprintf(err, errlen, "mariadb stopped reading (%s): see its message above", strerror(f->error));
		return -1;
	}
	if (scan.error[0] || dumpscan_finish(&scan) != 0) {
		snprintf(err, errlen, "the file changed while it was restored: its dump now holds what a restore refuses:"
		         " %s", scan.error);
		return -1;
	}
	char mac[65];
	mac_final(&st, header, hashed, mac);
	if (!mac_matches(mac, m->mac) || f->failed) {
		snprintf(err, errlen, "the file changed while it was restored: its MAC no longer verifies");
		return -1;
	}
	return 0;
}

int backup_load(const char *path, const char *restore_cnf, const char *database, const struct backup_keys *k,
                const struct backup_manifest *m, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	char header[BACKUP_HEADER_BYTES];
	struct backup_manifest again;
	int hashed = read_header(fd, k, header, &again, err, errlen);
	if (hashed >= 0 && strcmp(again.mac, m->mac) != 0) {
		snprintf(err, errlen, "the file changed after it was checked");
		hashed = -1;
	}
	int p[2];
	if (hashed < 0 || pipe2(p, O_CLOEXEC) != 0) {
		if (hashed >= 0)
			snprintf(err, errlen, "pipe: %s", strerror(errno));
		close(fd);
		return -1;
	}
	char defaults[PATH_MAX + 32];
	snprintf(defaults, sizeof(defaults), "--defaults-file=%s", restore_cnf);
	/* --binary-mode: no client commands but DELIMITER (the scan allows no other); --sandbox: no files, no shell. */
	char *argv[] = { "mariadb", defaults, "--default-character-set=utf8mb4", "--binary-mode", "--batch",
	                 "--sandbox", (char *)database, NULL };
	pid_t pid = run(argv, p[0], -1);
	close(p[0]);
	if (pid < 0) {
		snprintf(err, errlen, "cannot run mariadb: %s", strerror(errno));
		close(p[1]);
		close(fd);
		return -1;
	}
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
	sigaction(SIGPIPE, &ignore, &old);   /* a client that exits early is an error, not a signal */
	struct feed f = { .fd = p[1] };
	int rc = stream_dump(fd, &f, k, m, header, hashed, err, errlen);
	close(fd);
	/* Refused: the client must not run the statement it holds when its input ends. */
	if (rc != 0)
		kill(pid, SIGKILL);
	close(p[1]);
	char err2[256];
	int exited = finished(pid, "mariadb", err2, sizeof(err2));
	sigaction(SIGPIPE, &old, NULL);
	if (rc == 0 && exited != 0) {
		snprintf(err, errlen, "%s", err2);
		rc = -1;
	}
	return rc;
}
