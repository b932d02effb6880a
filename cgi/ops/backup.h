/*
 * Backups of the portal's database (portalctl backup / restore). A backup is
 * one file: a header of exactly BACKUP_HEADER_BYTES bytes of text (the
 * manifest), then the output of mariadb-dump --single-transaction:
 *
 *   EUKR-PORTAL-BACKUP 2
 *   created: 2026-11-26T19:41:03Z        (UTC)
 *   database: portal
 *   schema: 8                            (the highest migration in the dump)
 *   chain-key-id: <32 hex digits>        (which hash-chain key wrote the chains)
 *   audit-head: 1234 <64 hex digits>     (the chains' heads in the dump)
 *   revisions-head: 56 <64 hex digits>
 *   dump-bytes: 123456
 *   backup-key-id: <32 hex digits>       (which backup key made the MAC)
 *   mac: <64 hex digits>
 *   (an empty line, then spaces up to a last "\n" at byte 1024)
 *
 * mac is BLAKE2b-256 keyed with the backup key (config backup_key_file: not
 * in the database, not in the backup, readable by root only) over the dump
 * followed by the header lines above the mac line. Whoever can change the
 * file but has not the key cannot make a changed byte, a cut, an appended
 * statement or an edited manifest verify. The key ids are keyed hashes of a
 * constant: they tell keys apart and reveal nothing of them.
 *
 * Every backup's dump also passes the whitelist scan of dumpscan.h, when it
 * is written and again, statement by statement, as a restore loads it.
 */
#ifndef PORTAL_BACKUP_H
#define PORTAL_BACKUP_H

#include <stddef.h>

#define BACKUP_HEADER_BYTES 1024
#define BACKUP_MAGIC "EUKR-PORTAL-BACKUP 2"
#define BACKUP_KEY_BYTES 32

struct backup_head {
	long long seq;
	char hash[65];
};

struct backup_manifest {
	char created[21];              /* YYYY-MM-DDTHH:MM:SSZ */
	char database[65];
	long long schema;
	char key_id[33];               /* of the hash-chain key */
	struct backup_head heads[2];   /* audit, revisions (DUMPSCAN_AUDIT, DUMPSCAN_REVISIONS) */
	unsigned long long dump_bytes;
	char backup_key_id[33];
	char mac[65];
};

/* What a backup is checked with: the backup key, and the accounts its triggers may name. */
struct backup_keys {
	unsigned char key[BACKUP_KEY_BYTES];
	const char *const *definers;   /* "user@host", NULL-terminated */
};

/*
 * Writes the header of m into out. Returns how many of its bytes the MAC
 * covers, or -1 when a field is malformed.
 */
int backup_header_format(const struct backup_manifest *m, char out[BACKUP_HEADER_BYTES]);

/*
 * Parses the first len bytes of a file. Returns how many header bytes the
 * MAC covers, or -1 with a sentence for the operator in err (not a backup of
 * this portal, another format version, a damaged header).
 */
int backup_header_parse(const char *block, size_t len, struct backup_manifest *m, char *err, size_t errlen);

/* The id of a hash-chain key: 32 hex digits and a NUL. */
void backup_key_id(const unsigned char key[32], char out[33]);
/* The id of a backup key, likewise (another constant: the two ids never coincide). */
void backup_mac_key_id(const unsigned char key[BACKUP_KEY_BYTES], char out[33]);

/*
 * Runs mariadb-dump --defaults-file=admin_cnf on m->database into a new file
 * at path (never replacing one; written beside it and linked into place when
 * complete). The caller fills created, database, schema and key_id; this
 * fills heads (from the dump), dump_bytes, backup_key_id and mac. A dump
 * the scan refuses is not kept. Returns 0, or -1 with err.
 */
int backup_write(const char *path, const char *admin_cnf, const struct backup_keys *k, struct backup_manifest *m,
                 char *err, size_t errlen);

/*
 * Reads the whole file at path: its header, its length, its MAC under k's
 * key (a backup made with another key is refused, naming both key ids), and
 * the scan of its dump. Returns 0 with m filled, or -1 with a sentence in
 * err saying what is wrong.
 */
int backup_verify(const char *path, const struct backup_keys *k, struct backup_manifest *m, char *err,
                  size_t errlen);

/*
 * Feeds the dump of a verified backup (m: what backup_verify found) to the
 * mariadb client with restore_cnf's account, into database, through the
 * scan again (statement by statement; DEFINER clauses removed) and checking
 * the MAC again as it goes: a file changed since backup_verify stops the
 * client before its statement in progress. Returns 0, or -1 with err.
 */
int backup_load(const char *path, const char *restore_cnf, const char *database, const struct backup_keys *k,
                const struct backup_manifest *m, char *err, size_t errlen);

#endif
