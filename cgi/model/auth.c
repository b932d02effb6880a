#include "model/auth.h"

#include <string.h>

#include "base/utf8.h"

/* Verifying against this hash costs what a real verification costs. */
static char decoy_hash[crypto_pwhash_STRBYTES];

struct pwhash_params pwhash_params_of(const struct config *cfg)
{
	return (struct pwhash_params){ cfg->pwhash_ops, (size_t)cfg->pwhash_mem_mib << 20 };
}

int auth_init(const struct pwhash_params *p)
{
	if (sodium_init() < 0)
		return -1;
	char pw[GENERATED_PASSWORD_LEN + 1];
	auth_generate_password(pw);
	return auth_hash_password(p, pw, strlen(pw), decoy_hash);
}

enum password_problem password_check(const char *pw, size_t len)
{
	if (!utf8_valid(pw, len))
		return PASSWORD_BAD_TEXT;
	if (len > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	size_t chars = utf8_length(pw, len);
	if (chars < PASSWORD_MIN_CHARS)
		return PASSWORD_TOO_SHORT;
	if (chars > PASSWORD_MAX_CHARS)
		return PASSWORD_TOO_LONG;
	return PASSWORD_OK;
}

int auth_hash_password(const struct pwhash_params *p, const char *pw, size_t len,
                       char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str(out, pw, len, p->ops, p->mem) == 0 ? 0 : -1;
}

bool auth_verify_password(const char *hash, const char *pw, size_t len)
{
	/* Unknown account: the same work against the decoy, and the answer is no. */
	bool match = crypto_pwhash_str_verify(hash ? hash : decoy_hash, pw, len) == 0;
	return hash != NULL && match;
}

bool auth_needs_rehash(const struct pwhash_params *p, const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, p->ops, p->mem) != 0;
}

void auth_new_token(char text[TOKEN_TEXT_LEN + 1], unsigned char hash[TOKEN_HASH_BYTES])
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(text, TOKEN_TEXT_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_generichash(hash, TOKEN_HASH_BYTES, (const unsigned char *)text, TOKEN_TEXT_LEN, NULL, 0);
	sodium_memzero(raw, sizeof(raw));
}

int auth_token_hash(const char *text, unsigned char hash[TOKEN_HASH_BYTES])
{
	if (strlen(text) != TOKEN_TEXT_LEN)
		return -1;
	for (size_t i = 0; i < TOKEN_TEXT_LEN; i++) {
		char c = text[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return -1;
	}
	crypto_generichash(hash, TOKEN_HASH_BYTES, (const unsigned char *)text, TOKEN_TEXT_LEN, NULL, 0);
	return 0;
}

void auth_random_hex(char *out, size_t bytes)
{
	unsigned char raw[64];
	if (bytes > sizeof(raw))
		bytes = sizeof(raw);
	randombytes_buf(raw, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}

void auth_generate_password(char out[GENERATED_PASSWORD_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i < GENERATED_PASSWORD_LEN; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[GENERATED_PASSWORD_LEN] = '\0';
}

bool auth_equal(const char *a, const char *b, size_t n)
{
	if (!a || strlen(a) != n)
		return false;
	return sodium_memcmp(a, b, n) == 0;
}
