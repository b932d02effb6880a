/* The backup header (manifest): format, parse, and what parse refuses. */
#include <sodium.h>

#include "ops/backup.h"
#include "check.h"

static struct backup_manifest sample(void)
{
	struct backup_manifest m = {
		.created = "2026-11-26T19:41:03Z", .database = "portal", .schema = 7,
		.key_id = "0123456789abcdef0123456789abcdef",
		.heads = { { 1234, "aa112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" },
		           { 0, "0000000000000000000000000000000000000000000000000000000000000000" } },
		.dump_bytes = 123456, .backup_key_id = "fedcba9876543210fedcba9876543210",
		.mac = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	};
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
	CHECK(memcmp(h + hashed, "mac: 0011", 9) == 0);          /* the MAC covers what is above it */
	CHECK(strstr(h, "\naudit-head: 1234 aa1122") && strstr(h, "\nrevisions-head: 0 0000"));
	CHECK(strstr(h, "\nbackup-key-id: fedcba9876543210fedcba9876543210\nmac: "));
	CHECK(h[BACKUP_HEADER_BYTES - 1] == '\n' && h[BACKUP_HEADER_BYTES - 2] == ' ');
	CHECK(parse(h, sizeof(h), &back, err) == hashed);
	CHECK_STR(err, "");
	CHECK_STR(back.created, m.created);
	CHECK_STR(back.database, "portal");
	CHECK(back.schema == 7 && back.dump_bytes == 123456);
	CHECK_STR(back.key_id, m.key_id);
	CHECK(back.heads[0].seq == 1234 && back.heads[1].seq == 0);
	CHECK_STR(back.heads[0].hash, m.heads[0].hash);
	CHECK_STR(back.heads[1].hash, m.heads[1].hash);
	CHECK_STR(back.backup_key_id, m.backup_key_id);
	CHECK_STR(back.mac, m.mac);
	/* Before the MAC is known the header has zeros in its place, at the same offset. */
	m.mac[0] = '\0';
	CHECK(backup_header_format(&m, h) == hashed);
	CHECK(memcmp(h + hashed, "mac: 0000", 9) == 0);
}

static void test_refuses_other_files(void)
{
	struct backup_manifest m;
	char err[256];
	CHECK(parse("-- MariaDB dump 10.19\n", 22, &m, err) == -1);
	CHECK_CONTAINS(err, "not a backup of this portal");
	CHECK(parse("", 0, &m, err) == -1);
	CHECK_CONTAINS(err, "not a backup of this portal");
	CHECK(parse("EUKR-PORTAL-BACKUP 3\n", 21, &m, err) == -1);
	CHECK_CONTAINS(err, "format this portalctl does not read");
	/* The format before backups carried a MAC: refused, saying why. */
	CHECK(parse("EUKR-PORTAL-BACKUP 1\ncreated: ", 30, &m, err) == -1);
	CHECK_CONTAINS(err, "without a MAC");
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
	CHECK(refused_with((size_t)hashed + 5, 'G', "\"mac:\""));           /* not hex */
	CHECK(refused_with((size_t)hashed + 5, 'A', "\"mac:\""));           /* upper case: not canonical */
	size_t head_at = (size_t)(strstr(h, "audit-head: ") - h) + 12;
	CHECK(refused_with(head_at, '0', "\"audit-head:\""));              /* 0234: one way per number */
	CHECK(refused_with(head_at + 4, '-', "\"audit-head:\""));          /* no space between seq and hash */
	size_t mac_key_at = (size_t)(strstr(h, "backup-key-id: ") - h) + 15;
	CHECK(refused_with(mac_key_at, 'g', "\"backup-key-id:\""));
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
	/* A backup key's id is another keyed hash: the same key gives another id as a chain key. */
	char mac_id[33];
	backup_mac_key_id(a, mac_id);
	CHECK(strlen(mac_id) == 32 && strcmp(mac_id, ida) != 0);
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
