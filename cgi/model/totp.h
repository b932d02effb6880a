/*
 * The second factor's building blocks (docs/totp.md): TOTP secrets and codes
 * (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step of clock skew
 * either way, computed with liboath), their base32 text and otpauth:// URI,
 * secrets sealed at rest with a key kept outside the database (libsodium
 * secretbox), and recovery codes with their keyed BLAKE2b hashes.
 *
 * No database access here: the caller stores the sealed secret, the last
 * accepted counter and the recovery code hashes, and updates the counter in
 * the same transaction that accepts a code.
 */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/arena.h"

#define TOTP_SECRET_BYTES 20          /* 160 bits, RFC 4226's recommendation */
#define TOTP_DIGITS 6
#define TOTP_PERIOD 30                /* seconds per time step */
#define TOTP_WINDOW 1                 /* steps of clock skew accepted either way */
#define TOTP_KEY_BYTES 32             /* the sealing key (a key file, config_read_key) */
#define TOTP_BASE32_LEN 32            /* base32 of the secret, no padding */
#define TOTP_GROUPED_LEN 39           /* the same in 8 groups of 4, one space between */
/* A code as typed: longer input (spaces included) is malformed without a look. */
#define TOTP_CODE_INPUT_MAX 32
/* The sealed secret: nonce (24) || MAC (16) || ciphertext (20). One fixed-size blob. */
#define TOTP_SEALED_BYTES 60
/* Issuer and account label in the URI, in bytes each (before percent-encoding). */
#define TOTP_URI_PART_MAX 256

/*
 * liboath's global set-up (oath_init), done once however many threads call
 * it; totp_check calls it itself. 0, or -1 when liboath cannot start.
 */
int totp_init(void);

/* 160 random bits from libsodium's CSPRNG (sodium_init must have run: auth_init). */
void totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES]);

/*
 * RFC 4648 base32 (A–Z, 2–7), without padding. Writes the text and a NUL;
 * returns its length, or 0 when out is too small (outcap < ceil(8n/5) + 1).
 */
size_t totp_base32_encode(const unsigned char *in, size_t n, char *out, size_t outcap);
/*
 * Decodes base32 text as an app or a person may show it: either case, ASCII
 * spaces and '-' anywhere, '=' padding at the end or none. Refuses (-1) any
 * other character, a length no encoding produces (1, 3 or 6 symbols left over),
 * non-zero unused bits in the last symbol (so every byte string has exactly
 * one text), input over 1024 bytes, or more than outcap bytes of output.
 * Otherwise returns the number of bytes written.
 */
long totp_base32_decode(const char *text, size_t len, unsigned char *out, size_t outcap);
/* The secret as 32 base32 characters (for the URI). */
void totp_secret_text(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_BASE32_LEN + 1]);
/* The same grouped for reading: "ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567". */
void totp_secret_grouped(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_GROUPED_LEN + 1]);

/*
 * The key URI for authenticator apps:
 *   otpauth://totp/ISSUER:LABEL?secret=B32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
 * issuer and label are percent-encoded as UTF-8 (everything but A–Z a–z 0–9
 * - . _ ~ becomes %XX, a space %20). NULL when either is empty, longer than
 * TOTP_URI_PART_MAX bytes, not valid UTF-8, or holds a ':' (the key URI
 * format forbids it in both), or when the arena is full.
 */
char *totp_uri(struct arena *a, const char *issuer, const char *account_label,
               const unsigned char secret[TOTP_SECRET_BYTES]);

/*
 * A code as typed: at most TOTP_CODE_INPUT_MAX bytes; ASCII spaces anywhere
 * are dropped and exactly 6 ASCII digits must remain. Writes them and a NUL
 * to out; 0, or -1 when malformed (out is then the empty string).
 */
int totp_code_parse(const char *text, size_t len, char out[TOTP_DIGITS + 1]);

enum totp_result {
	TOTP_ACCEPTED,    /* *matched_counter is the code's time step: store it as the new last_counter */
	TOTP_WRONG,       /* a well-formed code of none of the steps in the window */
	TOTP_REPLAYED,    /* the code of a step at or before last_counter: used already, or older */
	TOTP_MALFORMED,   /* not a code at all (totp_code_parse refused it) */
};

/*
 * Checks a code against the steps T-1, T, T+1 of now (T = now / 30). Every
 * step's code is computed and compared in constant time, whatever matches.
 * The latest matching step after last_counter is accepted; a code that
 * matches only steps at or before last_counter is TOTP_REPLAYED. So each step
 * is accepted once per account and never one before the last accepted.
 * last_counter 0 means none accepted yet. now before 1970 is TOTP_WRONG, as is
 * any failure inside liboath (it fails closed). Thread-safe.
 */
enum totp_result totp_check(const unsigned char secret[TOTP_SECRET_BYTES], const char *code_text,
                            time_t now, uint64_t last_counter, uint64_t *matched_counter);

/* The code of time step counter (for tests and the demo accounts); 0 or -1. */
int totp_code_at(const unsigned char secret[TOTP_SECRET_BYTES], uint64_t counter,
                 char out[TOTP_DIGITS + 1]);

/*
 * Secrets at rest: XSalsa20-Poly1305 (crypto_secretbox) under a key derived
 * from key and the account's id (crypto_kdf), with a random nonce stored in
 * front. A sealed secret copied to another account's row does not open there.
 * totp_open returns 0, or -1 when the blob was changed, belongs to another
 * account or another key (secret is then zeroed).
 */
void totp_seal(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id,
               const unsigned char secret[TOTP_SECRET_BYTES], unsigned char out[TOTP_SEALED_BYTES]);
int totp_open(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id,
              const unsigned char sealed[TOTP_SEALED_BYTES], unsigned char secret[TOTP_SECRET_BYTES]);

/*
 * Recovery codes: 12 symbols of Crockford's base32 alphabet
 * (0123456789abcdefghjkmnpqrstvwxyz: no i, l, o, u), 5 bits each from the
 * CSPRNG, 60 bits a code, shown as "xxxx-xxxx-xxxx".
 */
#define RECOVERY_CODE_COUNT 10
#define RECOVERY_CODE_SYMBOLS 12
#define RECOVERY_CODE_BITS 60
#define RECOVERY_CODE_TEXT_LEN 14     /* with the two dashes */
#define RECOVERY_CODE_INPUT_MAX 64
#define RECOVERY_HASH_BYTES 32

/* RECOVERY_CODE_COUNT distinct codes in the display form, in the arena; NULL when it is full. */
char **recovery_codes_new(struct arena *a);
/*
 * A code as typed, to its normal form (12 lower-case symbols, NUL): either
 * case, ASCII spaces and '-' anywhere dropped, and the look-alikes read as
 * Crockford does (o as 0, i and l as 1). 0, or -1 when more than
 * RECOVERY_CODE_INPUT_MAX bytes, another character, or not 12 symbols
 * (out is then the empty string).
 */
int recovery_code_normalize(const char *text, size_t len, char out[RECOVERY_CODE_SYMBOLS + 1]);
/*
 * The stored form: BLAKE2b-256 of the account's id (8 bytes, big-endian) and
 * the normal form, keyed with a key derived from key (crypto_kdf), so a hash
 * copied to another account's row matches nothing there. 0, or -1 (out
 * zeroed) when the text is not a recovery code.
 */
int recovery_code_hash(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id, const char *code_text,
                       size_t len, unsigned char out[RECOVERY_HASH_BYTES]);
/* Constant-time equality of two hashes (sodium_memcmp). */
bool recovery_hash_equal(const unsigned char a[RECOVERY_HASH_BYTES], const unsigned char b[RECOVERY_HASH_BYTES]);

#endif
