/*
 * Hash chains for the audit log and the revisions: each entry's hash is
 * BLAKE2b-256 over the previous entry's hash and the entry's fields, each
 * field written as a 4-byte big-endian length and its bytes (NULL as length
 * 0xFFFFFFFF), so no two different entries can encode alike. The hash is
 * keyed with a secret kept outside the database (config chain_key_file):
 * whoever can write to the database alone cannot rebuild a valid chain.
 */
#ifndef PORTAL_CHAIN_H
#define PORTAL_CHAIN_H

#include <stddef.h>

#define CHAIN_HASH_BYTES 32
#define CHAIN_KEY_BYTES 32

struct chain_field {
	const char *s;   /* NULL encodes SQL NULL */
	size_t len;
};

void chain_hash(const unsigned char key[CHAIN_KEY_BYTES], const unsigned char prev[CHAIN_HASH_BYTES],
                const struct chain_field *fields, size_t n, unsigned char out[CHAIN_HASH_BYTES]);

#endif
