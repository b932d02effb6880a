/*
 * config_parse (cgi/base/config.c), the "key = value" configuration file:
 *  - the answer is 0, or -1 with a NUL-terminated message naming the line
 *    (or the socket_mode rule) that never writes past errlen;
 *  - on success every string field is NUL-terminated inside its array and the
 *    values the program divides by or loops over are sane (at least one
 *    worker, thread and hash slot, socket not open to others, ...);
 *  - parsing is idempotent: the same text over its own result changes nothing;
 *  - round trip: the result written back as "key = value" lines parses to the
 *    same values.
 */
#include "fuzz.h"

#include <stddef.h>

#include "base/config.h"

struct field {
	const char *name;
	size_t offset, size;  /* size 0: unsigned; 1: unsigned, octal */
};

#define S(f) { #f, offsetof(struct config, f), sizeof(((struct config *)0)->f) }
#define U(f) { #f, offsetof(struct config, f), 0 }

static const struct field fields[] = {
	S(listen), S(socket_group), { "socket_mode", offsetof(struct config, socket_mode), 1 },
	S(pid_file), S(templates), S(db_config), U(workers), U(threads), U(max_body),
	U(db_connect_timeout), U(db_rw_timeout), S(origins), U(secure_cookies), U(session_idle),
	U(session_lifetime), U(pwhash_ops), U(pwhash_mem_mib), U(hash_slots), U(hash_wait_ms),
	U(login_account_threshold), U(login_addr_threshold), U(login_lock_base),
	U(login_lock_max), S(chain_key_file), S(status_file), S(admin_db_config), S(restore_db_config),
	S(restore_definers), S(backup_key_file), S(chain_heads_file),
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const char *str_of(const struct config *c, const struct field *f)
{
	return (const char *)c + f->offset;
}

static unsigned uint_of(const struct config *c, const struct field *f)
{
	unsigned v;
	memcpy(&v, (const char *)c + f->offset, sizeof(v));
	return v;
}

static void check_sane(const struct config *c)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].size > 1)
			FUZZ_CHECK(memchr(str_of(c, &fields[i]), '\0', fields[i].size) != NULL);
	FUZZ_CHECK((c->socket_mode & 0007) == 0 && c->socket_mode <= 0777);
	FUZZ_CHECK(c->workers >= 1 && c->threads >= 1 && c->hash_slots >= 1);
	FUZZ_CHECK(c->max_body >= 1 && c->session_idle >= 1 && c->session_lifetime >= 1);
	FUZZ_CHECK(c->db_connect_timeout >= 1 && c->db_rw_timeout >= 1);
	FUZZ_CHECK(c->pwhash_ops >= 1 && c->pwhash_mem_mib >= 1);
	FUZZ_CHECK(c->login_lock_base >= 1 && c->login_lock_max >= 1);
	FUZZ_CHECK(c->login_account_threshold >= 1 && c->login_addr_threshold >= 1);
	FUZZ_CHECK(c->secure_cookies <= 1);
}

static void check_error(const char *err, size_t errlen)
{
	FUZZ_CHECK(memchr(err, '\0', errlen) != NULL);
	if (errlen > 12)
		FUZZ_CHECK(strncmp(err, "line ", 5) == 0 || strncmp(err, "socket_mode", 11) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, not NUL-terminated: config_parse takes (text, len). */
	char *text = malloc(size ? size : 1);
	if (!text)
		abort();
	if (size)
		memcpy(text, data, size);

	struct config c;
	char err[256];
	memset(err, 0x55, sizeof(err));
	config_defaults(&c);
	int rc = config_parse(&c, text, size, err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == -1);

	/* The message is cut to errlen, whatever errlen is. */
	char small[32];
	size_t errlen = 1 + size % 24;
	memset(small, 0x55, sizeof(small));
	struct config c2;
	config_defaults(&c2);
	FUZZ_CHECK(config_parse(&c2, text, size, small, errlen) == rc);
	for (size_t i = errlen; i < sizeof(small); i++)
		FUZZ_CHECK((unsigned char)small[i] == 0x55);

	if (rc != 0) {
		check_error(err, sizeof(err));
		FUZZ_CHECK(err[0] != '\0');
		check_error(small, errlen);
		free(text);
		return 0;
	}
	FUZZ_CHECK(memcmp(&c, &c2, sizeof(c)) == 0);
	check_sane(&c);

	/* Idempotent */
	memcpy(&c2, &c, sizeof(c));
	FUZZ_CHECK(config_parse(&c2, text, size, err, sizeof(err)) == 0);
	FUZZ_CHECK(memcmp(&c, &c2, sizeof(c)) == 0);

	/*
	 * Round trip through the file format. A NUL in the text ends a value early
	 * (a C string), which the format cannot write back: skip those.
	 */
	if (memchr(text, '\0', size)) {
		free(text);
		return 0;
	}
	char out[8192];
	size_t n = 0;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		int w;
		if (f->size > 1) {
			if (!*str_of(&c, f))
				continue;
			w = snprintf(out + n, sizeof(out) - n, "%s = %s\n", f->name, str_of(&c, f));
		} else {
			w = snprintf(out + n, sizeof(out) - n, f->size ? "%s = %o\n" : "%s = %u\n",
			             f->name, uint_of(&c, f));
		}
		FUZZ_CHECK(w > 0 && (size_t)w < sizeof(out) - n);
		n += (size_t)w;
	}
	config_defaults(&c2);
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].size > 1)
			memset((char *)&c2 + fields[i].offset, 0, fields[i].size);
	if (config_parse(&c2, out, n, err, sizeof(err)) != 0) {
		fprintf(stderr, "round trip failed: %s\n--\n%.*s--\n", err, (int)n, out);
		abort();
	}
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		if (f->size > 1)
			FUZZ_CHECK(strcmp(str_of(&c, f), str_of(&c2, f)) == 0);
		else
			FUZZ_CHECK(uint_of(&c, f) == uint_of(&c2, f));
	}
	free(text);
	return 0;
}
