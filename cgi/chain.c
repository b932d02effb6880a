#include "chain.h"

#include <sodium.h>
#include <stdint.h>

void chain_hash(const unsigned char key[CHAIN_KEY_BYTES], const unsigned char prev[CHAIN_HASH_BYTES],
                const struct chain_field *fields, size_t n, unsigned char out[CHAIN_HASH_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, key, CHAIN_KEY_BYTES, CHAIN_HASH_BYTES);
	crypto_generichash_update(&st, prev, CHAIN_HASH_BYTES);
	for (size_t i = 0; i < n; i++) {
		uint32_t len = fields[i].s ? (uint32_t)fields[i].len : UINT32_MAX;
		unsigned char be[4] = { (unsigned char)(len >> 24), (unsigned char)(len >> 16),
		                        (unsigned char)(len >> 8), (unsigned char)len };
		crypto_generichash_update(&st, be, 4);
		if (fields[i].s)
			crypto_generichash_update(&st, (const unsigned char *)fields[i].s, fields[i].len);
	}
	crypto_generichash_final(&st, out, CHAIN_HASH_BYTES);
}
