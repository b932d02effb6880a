/*
 * Backups of the portal's database (portalctl backup / restore). A backup is
 * one file: a header of exactly BACKUP_HEADER_BYTES bytes of text (the
 * manifest), then the output of mariadb-dump --single-transaction:
 *
 *   EUKR-PORTAL-BACKUP 1
 *   created: 2026-11-26T19:41:03Z        (UTC)
 *   database: portal
 *   schema: 7                            (the highest migration in the dump)
 *   chain-key-id: <32 hex digits>        (which hash-chain key wrote it)
 *   dump-bytes: 123456
 *   sha256: <64 hex digits>
 *   (an empty line, then spaces up to a last "\n" at byte 1024)
 *
 * sha256 is SHA-256 over the dump followed by the header lines above the
 * sha256 line, so a cut, an appended byte or a changed byte anywhere but in
 * the padding is found before anything is restored. The chain-key id is a
 * keyed hash of a constant: it tells keys apart and reveals nothing of them.
 */
#ifndef PORTAL_BACKUP_H
#define PORTAL_BACKUP_H

#include <stddef.h>

#define BACKUP_HEADER_BYTES 1024
#define BACKUP_MAGIC "EUKR-PORTAL-BACKUP 1"

struct backup_manifest {
	char created[21];              /* YYYY-MM-DDTHH:MM:SSZ */
	char database[65];
	long long schema;
	char key_id[33];
	unsigned long long dump_bytes;
	char sha256[65];
};

/*
 * Writes the header of m into out. Returns how many of its bytes the
 * checksum covers, or -1 when a field is malformed.
 */
int backup_header_format(const struct backup_manifest *m, char out[BACKUP_HEADER_BYTES]);

/*
 * Parses the first len bytes of a file. Returns how many header bytes the
 * checksum covers, or -1 with a sentence for the operator in err (not a
 * backup of this portal, another format version, a damaged header).
 */
int backup_header_parse(const char *block, size_t len, struct backup_manifest *m, char *err, size_t errlen);

/* The id of a hash-chain key: 32 hex digits and a NUL. */
void backup_key_id(const unsigned char key[32], char out[33]);

/*
 * Runs mariadb-dump --defaults-file=admin_cnf on m->database into a new file
 * at path (never replacing one; written beside it and linked into place when
 * complete). The caller fills created, database, schema and key_id; this
 * fills dump_bytes and sha256. Returns 0, or -1 with err.
 */
int backup_write(const char *path, const char *admin_cnf, struct backup_manifest *m, char *err, size_t errlen);

/*
 * Reads the whole file at path: its header, its length and its checksum.
 * Returns 0 with m filled, or -1 with a sentence in err saying what is wrong.
 */
int backup_verify(const char *path, struct backup_manifest *m, char *err, size_t errlen);

/*
 * Feeds the dump of a verified backup to the mariadb client, into database.
 * Returns 0, or -1 with err.
 */
int backup_load(const char *path, const char *admin_cnf, const char *database, char *err, size_t errlen);

#endif
