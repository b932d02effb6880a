#include "base/config.h"

#include <errno.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum config_type { CFG_STRING, CFG_UINT, CFG_OCTAL };

struct config_key {
	const char *name;
	enum config_type type;
	size_t offset;
	size_t size;          /* strings: buffer size */
	unsigned long min, max;
};

#define STR(field) CFG_STRING, offsetof(struct config, field), sizeof(((struct config *)0)->field), 0, 0
#define NUM(field, lo, hi) CFG_UINT, offsetof(struct config, field), 0, lo, hi

static const struct config_key keys[] = {
	{ "listen", STR(listen) },
	{ "socket_group", STR(socket_group) },
	{ "socket_mode", CFG_OCTAL, offsetof(struct config, socket_mode), 0, 0, 0770 },
	{ "pid_file", STR(pid_file) },
	{ "templates", STR(templates) },
	{ "db_config", STR(db_config) },
	{ "workers", NUM(workers, 1, 64) },
	{ "threads", NUM(threads, 1, 256) },
	{ "max_body", NUM(max_body, 1024, 64u << 20) },
	{ "db_connect_timeout", NUM(db_connect_timeout, 1, 600) },
	{ "db_rw_timeout", NUM(db_rw_timeout, 1, 3600) },
	{ "db_lock_wait_timeout", NUM(db_lock_wait_timeout, 1, 3600) },
	{ "cache_mib", NUM(cache_mib, 0, 4096) },
	{ "origins", STR(origins) },
	{ "secure_cookies", NUM(secure_cookies, 0, 1) },
	{ "session_idle", NUM(session_idle, 60, 7 * 86400) },
	{ "session_lifetime", NUM(session_lifetime, 300, 30 * 86400) },
	{ "pwhash_ops", NUM(pwhash_ops, 1, 20) },
	{ "pwhash_mem_mib", NUM(pwhash_mem_mib, 8, 4096) },
	{ "hash_slots", NUM(hash_slots, 1, 64) },
	{ "hash_wait_ms", NUM(hash_wait_ms, 0, 60000) },
	{ "login_account_threshold", NUM(login_account_threshold, 1, 100000) },
	{ "login_addr_threshold", NUM(login_addr_threshold, 1, 100000) },
	{ "login_lock_base", NUM(login_lock_base, 1, 86400) },
	{ "login_lock_max", NUM(login_lock_max, 1, 7 * 86400) },
	{ "chain_key_file", STR(chain_key_file) },
	{ "tmp_dir", STR(tmp_dir) },
	{ "status_file", STR(status_file) },
	{ "admin_db_config", STR(admin_db_config) },
	{ "restore_db_config", STR(restore_db_config) },
	{ "restore_definers", STR(restore_definers) },
	{ "backup_key_file", STR(backup_key_file) },
	{ "chain_heads_file", STR(chain_heads_file) },
	{ "mfa_required", STR(mfa_required) },
	{ "mfa_key_file", STR(mfa_key_file) },
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->socket_group, sizeof(c->socket_group), "eukr-portal-web");
	c->socket_mode = 0660;
	c->workers = 2;
	c->threads = 4;
	c->max_body = 1u << 20;
	c->db_connect_timeout = 2;
	c->db_rw_timeout = 30;
	c->db_lock_wait_timeout = 5;
	c->cache_mib = 32;
	c->secure_cookies = 1;
	c->session_idle = 30 * 60;
	c->session_lifetime = 12 * 3600;
	c->pwhash_ops = 2;      /* crypto_pwhash_OPSLIMIT_INTERACTIVE */
	c->pwhash_mem_mib = 64; /* crypto_pwhash_MEMLIMIT_INTERACTIVE */
	c->hash_slots = 2;
	c->hash_wait_ms = 2000;
	c->login_account_threshold = 5;
	c->login_addr_threshold = 30;
	c->login_lock_base = 30;
	c->login_lock_max = 15 * 60;
	snprintf(c->tmp_dir, sizeof(c->tmp_dir), "/tmp");
	snprintf(c->mfa_required, sizeof(c->mfa_required), "viewer editor cochair admin");
	/* Migrations run as root; a restored database's triggers belong to the restore account. */
	snprintf(c->restore_definers, sizeof(c->restore_definers), "root@localhost portal_restore@localhost");
}

int config_read_key(const char *path, unsigned char key[32], char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char text[130];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	size_t bin_len = 0;
	const char *end = NULL;
	int ok = n == 64 && sodium_hex2bin(key, 32, text, n, NULL, &bin_len, &end) == 0 && bin_len == 32 &&
	         end == text + n;
	sodium_memzero(text, sizeof(text));
	if (!ok) {
		snprintf(err, errlen, "%s: expected 64 hexadecimal digits", path);
		return -1;
	}
	return 0;
}

static const struct config_key *find_key(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == n && memcmp(keys[i].name, name, n) == 0)
			return &keys[i];
	return NULL;
}

static int set_value(struct config *c, const struct config_key *k, const char *v, size_t n)
{
	char *field = (char *)c + k->offset;
	char tmp[32];

	if (k->type == CFG_STRING) {
		if (n == 0 || n >= k->size)
			return -1;
		memcpy(field, v, n);
		field[n] = '\0';
		return 0;
	}
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			return -1;
	errno = 0;
	char *end;
	unsigned long x = strtoul(tmp, &end, k->type == CFG_OCTAL ? 8 : 10);
	if (errno || *end || x < k->min || x > k->max)
		return -1;
	*(unsigned *)(void *)field = (unsigned)x;
	return 0;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

int config_parse(struct config *c, const char *text, size_t len, char *err, size_t errlen)
{
	size_t lineno = 0, pos = 0;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + 1;
		lineno++;
		trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		const char *eq = memchr(line, '=', n);
		if (!eq) {
			snprintf(err, errlen, "line %zu: expected key = value", lineno);
			return -1;
		}
		const char *key = line, *val = eq + 1;
		size_t klen = (size_t)(eq - line), vlen = n - klen - 1;
		trim(&key, &klen);
		trim(&val, &vlen);
		const struct config_key *k = find_key(key, klen);
		if (!k) {
			snprintf(err, errlen, "line %zu: unknown key '%.*s'", lineno, (int)(klen > 40 ? 40 : klen), key);
			return -1;
		}
		if (set_value(c, k, val, vlen) != 0) {
			snprintf(err, errlen, "line %zu: bad value for %s", lineno, k->name);
			return -1;
		}
	}
	if (c->socket_mode & 0007) {
		snprintf(err, errlen, "socket_mode must not give others access");
		return -1;
	}
	return 0;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char text[16384];
	size_t n = fread(text, 1, sizeof(text), f);
	/* A file that fills the buffer exactly is whole when nothing follows (feof is not yet set then). */
	int toolong = n == sizeof(text) && fgetc(f) != EOF;
	int unreadable = ferror(f);
	fclose(f);
	if (unreadable) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return -1;
	}
	if (toolong) {
		snprintf(err, errlen, "%s: file too large", path);
		return -1;
	}
	if (config_parse(c, text, n, err, errlen) != 0)
		return -1;
	const char *required[] = { c->listen, c->templates, c->db_config, c->chain_key_file };
	const char *names[] = { "listen", "templates", "db_config", "chain_key_file" };
	for (size_t i = 0; i < 4; i++) {
		if (!required[i][0]) {
			snprintf(err, errlen, "%s: %s is required", path, names[i]);
			return -1;
		}
	}
	if (config_read_key(c->chain_key_file, c->chain_key, err, errlen) != 0)
		return -1;
	if (!c->mfa_key_file[0]) {
		snprintf(err, errlen, "%s: mfa_key_file is required", path);
		return -1;
	}
	return config_read_key(c->mfa_key_file, c->mfa_key, err, errlen);
}
