/* The backup header (manifest): format, parse, and what parse refuses. */
#include <sodium.h>

#include "backup.h"
#include "check.h"

static struct backup_manifest sample(void)
{
	struct backup_manifest m = { .created = "2026-11-26T19:41:03Z", .database = "portal", .schema = 7,
	                             .key_id = "0123456789abcdef0123456789abcdef", .dump_bytes = 123456,
	                             .sha256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" };
	return m;
}

static int parse(const char *block, size_t len, struct backup_manifest *m, char *err)
{
	return backup_header_parse(block, len, m, err, 256);
}

static void test_round_trip(void)
{
	struct backup_manifest m = sample(), back;
	char h[BACKUP_HEADER_BYTES], err[256] = "";
	int hashed = backup_header_format(&m, h);
	CHECK(hashed > 0);
	CHECK(memcmp(h, BACKUP_MAGIC "\ncreated: 2026-11-26T19:41:03Z\ndatabase: portal\nschema: 7\n", 68) == 0);
	CHECK(memcmp(h + hashed, "sha256: 0011", 12) == 0);     /* the checksum covers what is above it */
	CHECK(h[BACKUP_HEADER_BYTES - 1] == '\n' && h[BACKUP_HEADER_BYTES - 2] == ' ');
	CHECK(parse(h, sizeof(h), &back, err) == hashed);
	CHECK_STR(err, "");
	CHECK_STR(back.created, m.created);
	CHECK_STR(back.database, "portal");
	CHECK(back.schema == 7 && back.dump_bytes == 123456);
	CHECK_STR(back.key_id, m.key_id);
	CHECK_STR(back.sha256, m.sha256);
	/* Before the checksum is known the header has zeros in its place, at the same offset. */
	m.sha256[0] = '\0';
	CHECK(backup_header_format(&m, h) == hashed);
	CHECK(memcmp(h + hashed, "sha256: 0000", 12) == 0);
}

static void test_refuses_other_files(void)
{
	struct backup_manifest m;
	char err[256];
	CHECK(parse("-- MariaDB dump 10.19\n", 22, &m, err) == -1);
	CHECK_CONTAINS(err, "not a backup of this portal");
	CHECK(parse("", 0, &m, err) == -1);
	CHECK_CONTAINS(err, "not a backup of this portal");
	CHECK(parse("EUKR-PORTAL-BACKUP 2\n", 21, &m, err) == -1);
	CHECK_CONTAINS(err, "format this portalctl does not read");
	struct backup_manifest s = sample();
	char h[BACKUP_HEADER_BYTES];
	backup_header_format(&s, h);
	CHECK(parse(h, 500, &m, err) == -1);
	CHECK_CONTAINS(err, "truncated");
}

/* One changed byte at off (to c) must make the header unreadable. */
static int refused_with(size_t off, char c, const char *expect)
{
	struct backup_manifest s = sample(), m;
	char h[BACKUP_HEADER_BYTES], err[256] = "";
	backup_header_format(&s, h);
	h[off] = c;
	return parse(h, sizeof(h), &m, err) == -1 && strstr(err, expect) != NULL;
}

static void test_refuses_damaged_headers(void)
{
	char h[BACKUP_HEADER_BYTES];
	struct backup_manifest s = sample();
	int hashed = backup_header_format(&s, h);
	size_t schema_at = (size_t)(strstr(h, "schema: ") - h);
	CHECK(refused_with(schema_at + 8, 'x', "\"schema:\""));             /* not a number */
	CHECK(refused_with(schema_at, 'S', "\"schema:\""));                 /* another key */
	size_t bytes_at = (size_t)(strstr(h, "dump-bytes: ") - h) + 12;
	CHECK(refused_with(bytes_at, '0', "\"dump-bytes:\""));              /* 023456: one way per number */
	CHECK(refused_with((size_t)hashed + 8, 'G', "\"sha256:\""));        /* not hex */
	CHECK(refused_with((size_t)hashed + 8, 'A', "\"sha256:\""));        /* upper case: not canonical */
	CHECK(refused_with(strlen(BACKUP_MAGIC) + 1 + 9, '/', "\"created:\""));
	CHECK(refused_with(700, 'x', "after the manifest"));                /* text in the padding */
	CHECK(refused_with(BACKUP_HEADER_BYTES - 1, ' ', "after the manifest"));
	size_t blank = (size_t)(strstr(h, "\n\n") - h) + 1;
	CHECK(refused_with(blank, ' ', "after the manifest"));              /* no empty line */
	/* A database name that could smuggle anything into a command line. */
	snprintf(s.database, sizeof(s.database), "portal; drop");
	CHECK(backup_header_format(&s, h) == -1);
}

static void test_key_id(void)
{
	unsigned char a[32], b[32];
	char ida[33], ida2[33], idb[33];
	memset(a, 1, sizeof(a));
	memset(b, 1, sizeof(b));
	b[31] = 2;
	backup_key_id(a, ida);
	backup_key_id(a, ida2);
	backup_key_id(b, idb);
	CHECK(strlen(ida) == 32);
	CHECK_STR(ida, ida2);
	CHECK(strcmp(ida, idb) != 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_round_trip);
	RUN(test_refuses_other_files);
	RUN(test_refuses_damaged_headers);
	RUN(test_key_id);
	return check_summary("test_backup");
}
