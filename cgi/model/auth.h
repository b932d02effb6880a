/*
 * Passwords, tokens and comparisons, all with libsodium: argon2id password
 * hashes (crypto_pwhash_str, the whole string stored), 32-byte random tokens
 * for sessions and CSRF, BLAKE2b hashes of tokens, constant-time compares.
 */
#ifndef PORTAL_AUTH_H
#define PORTAL_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#include "base/config.h"

#define TOKEN_BYTES 32
#define TOKEN_TEXT_LEN 43          /* base64url without padding */
#define TOKEN_HASH_BYTES 32
#define CSRF_TEXT_LEN 64           /* hex */
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_CHARS 256
#define PASSWORD_MAX_BYTES 1024
#define GENERATED_PASSWORD_LEN 16

struct pwhash_params {
	unsigned long long ops;
	size_t mem;
};

/* The configured argon2id costs. */
struct pwhash_params pwhash_params_of(const struct config *cfg);

/* sodium_init and the decoy hash for unknown accounts. Call once before threads; 0 or -1. */
int auth_init(const struct pwhash_params *p);

enum password_problem { PASSWORD_OK, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_BAD_TEXT };
/* Length rules only (counted in characters, any Unicode); no composition rules. */
enum password_problem password_check(const char *pw, size_t len);

/* Hashes a password with argon2id. 0, or -1 when out of memory. */
int auth_hash_password(const struct pwhash_params *p, const char *pw, size_t len,
                       char out[crypto_pwhash_STRBYTES]);

/*
 * Verifies pw against hash. hash NULL (unknown account) verifies against a
 * decoy hash with the same parameters, so both cases take the same time; the
 * answer is then always false.
 */
bool auth_verify_password(const char *hash, const char *pw, size_t len);

bool auth_needs_rehash(const struct pwhash_params *p, const char *hash);

/* A new session token: its cookie text and the hash that is stored. */
void auth_new_token(char text[TOKEN_TEXT_LEN + 1], unsigned char hash[TOKEN_HASH_BYTES]);
/* Hash of a token from a cookie; -1 when the text is not a well-formed token. */
int auth_token_hash(const char *text, unsigned char hash[TOKEN_HASH_BYTES]);

void auth_random_hex(char *out, size_t bytes);  /* writes 2*bytes hex digits and a NUL */
/* A password for a new account or a reset: letters and digits, no look-alikes. */
void auth_generate_password(char out[GENERATED_PASSWORD_LEN + 1]);

/* Constant-time comparison of two strings of which b has length n. */
bool auth_equal(const char *a, const char *b, size_t n);

#endif
