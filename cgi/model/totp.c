/* TOTP, sealed secrets and recovery codes (totp.h, docs/totp.md). */
#include "model/totp.h"

#include <pthread.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

#include "base/utf8.h"

/* crypto_kdf contexts (8 bytes each): the sealing key per account, the recovery code hash key. */
static const char KDF_SEAL[crypto_kdf_CONTEXTBYTES + 1] = "totpseal";
static const char KDF_RECOVERY[crypto_kdf_CONTEXTBYTES + 1] = "recovery";

_Static_assert(TOTP_SEALED_BYTES == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES,
               "the sealed blob is nonce, MAC and ciphertext");
_Static_assert(TOTP_KEY_BYTES == crypto_secretbox_KEYBYTES && TOTP_KEY_BYTES == crypto_kdf_KEYBYTES,
               "one key size");
_Static_assert(RECOVERY_HASH_BYTES >= crypto_generichash_BYTES_MIN &&
               RECOVERY_HASH_BYTES <= crypto_generichash_BYTES_MAX, "a BLAKE2b length");

/* ---- liboath ------------------------------------------------------------------ */

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_started = -1;

static void oath_start(void)
{
	oath_started = oath_init() == OATH_OK ? 0 : -1;
}

int totp_init(void)
{
	pthread_once(&oath_once, oath_start);
	return oath_started;
}

void totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES])
{
	randombytes_buf(secret, TOTP_SECRET_BYTES);
}

/* ---- base32 (RFC 4648 section 6) -------------------------------------------------- */

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

size_t totp_base32_encode(const unsigned char *in, size_t n, char *out, size_t outcap)
{
	size_t need = (n * 8 + 4) / 5;
	if (outcap < need + 1 || n > (SIZE_MAX - 4) / 8)
		return 0;
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8 | in[i]) & 0xFFF;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = B32[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[o++] = B32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return o;
}

static int b32_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

long totp_base32_decode(const char *text, size_t len, unsigned char *out, size_t outcap)
{
	if (len > 1024)
		return -1;
	size_t o = 0, symbols = 0, pad = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || c == '-')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		int v = b32_value(c);
		if (v < 0 || pad)  /* nothing but separators after padding */
			return -1;
		symbols++;
		acc = (acc << 5 | (unsigned)v) & 0xFFF;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (o >= outcap)
				return -1;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	/* 8 symbols are 5 bytes; 2, 4, 5 or 7 left over are 1–4 more bytes. */
	size_t rest = symbols % 8;
	if (rest == 1 || rest == 3 || rest == 6)
		return -1;
	if (pad && pad != (8 - rest) % 8)
		return -1;
	if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)o;
}

void totp_secret_text(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_BASE32_LEN + 1])
{
	totp_base32_encode(secret, TOTP_SECRET_BYTES, out, TOTP_BASE32_LEN + 1);
}

void totp_secret_grouped(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_GROUPED_LEN + 1])
{
	char plain[TOTP_BASE32_LEN + 1];
	totp_secret_text(secret, plain);
	size_t o = 0;
	for (size_t i = 0; i < TOTP_BASE32_LEN; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = plain[i];
	}
	out[o] = '\0';
	sodium_memzero(plain, sizeof(plain));
}

/* ---- the key URI -------------------------------------------------------------------- */

/* RFC 3986 unreserved characters stay; every other byte becomes %XX. */
static void pct_encode(char *out, size_t *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~') {
			out[(*o)++] = (char)c;
		} else {
			out[(*o)++] = '%';
			out[(*o)++] = hex[c >> 4];
			out[(*o)++] = hex[c & 15];
		}
	}
}

static bool uri_part_ok(const char *s)
{
	if (!s)
		return false;
	size_t n = strnlen(s, TOTP_URI_PART_MAX + 1);
	return n > 0 && n <= TOTP_URI_PART_MAX && utf8_valid(s, n) && !memchr(s, ':', n);
}

char *totp_uri(struct arena *a, const char *issuer, const char *account_label,
               const unsigned char secret[TOTP_SECRET_BYTES])
{
	static const char scheme[] = "otpauth://totp/";
	static const char params[] = "&algorithm=SHA1&digits=6&period=30";
	if (!uri_part_ok(issuer) || !uri_part_ok(account_label))
		return NULL;
	size_t cap = sizeof(scheme) + 3 * strlen(issuer) + 1 + 3 * strlen(account_label) + sizeof("?secret=") +
	             TOTP_BASE32_LEN + sizeof("&issuer=") + 3 * strlen(issuer) + sizeof(params) + 1;
	char *out = arena_alloc(a, cap);
	if (!out)
		return NULL;
	size_t o = 0;
	memcpy(out, scheme, sizeof(scheme) - 1);
	o += sizeof(scheme) - 1;
	pct_encode(out, &o, issuer);
	out[o++] = ':';
	pct_encode(out, &o, account_label);
	memcpy(out + o, "?secret=", 8);
	o += 8;
	totp_secret_text(secret, out + o);
	o += TOTP_BASE32_LEN;
	memcpy(out + o, "&issuer=", 8);
	o += 8;
	pct_encode(out, &o, issuer);
	memcpy(out + o, params, sizeof(params));  /* with its NUL */
	return out;
}

/* ---- codes ------------------------------------------------------------------------ */

int totp_code_parse(const char *text, size_t len, char out[TOTP_DIGITS + 1])
{
	out[0] = '\0';
	if (!text || len > TOTP_CODE_INPUT_MAX)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ')
			continue;
		if (c < '0' || c > '9' || n == TOTP_DIGITS) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (n != TOTP_DIGITS) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int totp_code_at(const unsigned char secret[TOTP_SECRET_BYTES], uint64_t counter, char out[TOTP_DIGITS + 1])
{
	if (totp_init() != 0)
		return -1;
	char code[TOTP_DIGITS + 2];  /* liboath writes the digits and a NUL */
	if (oath_hotp_generate((const char *)secret, TOTP_SECRET_BYTES, counter, TOTP_DIGITS, false,
	                       OATH_HOTP_DYNAMIC_TRUNCATION, code) != OATH_OK ||
	    strlen(code) != TOTP_DIGITS) {
		out[0] = '\0';
		return -1;
	}
	memcpy(out, code, TOTP_DIGITS + 1);
	return 0;
}

enum totp_result totp_check(const unsigned char secret[TOTP_SECRET_BYTES], const char *code_text,
                            time_t now, uint64_t last_counter, uint64_t *matched_counter)
{
	*matched_counter = 0;
	char code[TOTP_DIGITS + 1];
	if (!code_text || totp_code_parse(code_text, strnlen(code_text, TOTP_CODE_INPUT_MAX + 1), code) != 0)
		return TOTP_MALFORMED;
	if (now < 0)
		return TOTP_WRONG;
	uint64_t t = (uint64_t)now / TOTP_PERIOD;
	bool fresh = false, replayed = false, failed = false;
	uint64_t best = 0;
	/* Every step of the window is computed and compared, whatever matched before. */
	for (int d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
		if (d < 0 && t < (uint64_t)-d)
			continue;  /* before the epoch */
		uint64_t c = t + (uint64_t)(int64_t)d;
		char want[TOTP_DIGITS + 1];
		if (totp_code_at(secret, c, want) != 0) {
			failed = true;
			continue;
		}
		bool match = sodium_memcmp(want, code, TOTP_DIGITS) == 0;
		sodium_memzero(want, sizeof(want));
		if (match && c > last_counter) {
			fresh = true;
			best = c;  /* ascending: the latest matching step wins */
		} else if (match) {
			replayed = true;
		}
	}
	sodium_memzero(code, sizeof(code));
	if (failed)
		return TOTP_WRONG;
	if (fresh) {
		*matched_counter = best;
		return TOTP_ACCEPTED;
	}
	return replayed ? TOTP_REPLAYED : TOTP_WRONG;
}

/* ---- sealed secrets ------------------------------------------------------------------ */

void totp_seal(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id,
               const unsigned char secret[TOTP_SECRET_BYTES], unsigned char out[TOTP_SEALED_BYTES])
{
	unsigned char sub[crypto_secretbox_KEYBYTES];
	crypto_kdf_derive_from_key(sub, sizeof(sub), account_id, KDF_SEAL, key);
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, secret, TOTP_SECRET_BYTES, out, sub);
	sodium_memzero(sub, sizeof(sub));
}

int totp_open(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id,
              const unsigned char sealed[TOTP_SEALED_BYTES], unsigned char secret[TOTP_SECRET_BYTES])
{
	unsigned char sub[crypto_secretbox_KEYBYTES];
	crypto_kdf_derive_from_key(sub, sizeof(sub), account_id, KDF_SEAL, key);
	int rc = crypto_secretbox_open_easy(secret, sealed + crypto_secretbox_NONCEBYTES,
	                                    TOTP_SEALED_BYTES - crypto_secretbox_NONCEBYTES, sealed, sub);
	sodium_memzero(sub, sizeof(sub));
	if (rc != 0) {
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		return -1;
	}
	return 0;
}

/* ---- recovery codes -------------------------------------------------------------------- */

static const char CROCKFORD[] = "0123456789abcdefghjkmnpqrstvwxyz";

char **recovery_codes_new(struct arena *a)
{
	char **codes = arena_alloc(a, RECOVERY_CODE_COUNT * sizeof(*codes));
	if (!codes)
		return NULL;
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
		char *c = arena_alloc(a, RECOVERY_CODE_TEXT_LEN + 1);
		if (!c)
			return NULL;
		do {
			size_t o = 0;
			for (int k = 0; k < RECOVERY_CODE_SYMBOLS; k++) {
				if (k && k % 4 == 0)
					c[o++] = '-';
				c[o++] = CROCKFORD[randombytes_uniform(32)];
			}
			c[o] = '\0';
			bool again = false;
			for (int j = 0; j < i; j++)
				again = again || strcmp(codes[j], c) == 0;
			if (!again)
				break;
		} while (1);
		codes[i] = c;
	}
	return codes;
}

int recovery_code_normalize(const char *text, size_t len, char out[RECOVERY_CODE_SYMBOLS + 1])
{
	out[0] = '\0';
	if (!text || len > RECOVERY_CODE_INPUT_MAX)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == 'o')
			c = '0';
		else if (c == 'i' || c == 'l')
			c = '1';
		if (c == '\0' || !strchr(CROCKFORD, c) || n == RECOVERY_CODE_SYMBOLS) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (n != RECOVERY_CODE_SYMBOLS) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int recovery_code_hash(const unsigned char key[TOTP_KEY_BYTES], uint64_t account_id, const char *code_text,
                       size_t len, unsigned char out[RECOVERY_HASH_BYTES])
{
	char norm[RECOVERY_CODE_SYMBOLS + 1];
	if (recovery_code_normalize(code_text, len, norm) != 0) {
		sodium_memzero(out, RECOVERY_HASH_BYTES);
		return -1;
	}
	unsigned char sub[crypto_generichash_KEYBYTES];
	crypto_kdf_derive_from_key(sub, sizeof(sub), 1, KDF_RECOVERY, key);
	unsigned char id[8];
	for (int i = 0; i < 8; i++)
		id[i] = (unsigned char)(account_id >> (56 - 8 * i));
	crypto_generichash_state st;
	crypto_generichash_init(&st, sub, sizeof(sub), RECOVERY_HASH_BYTES);
	crypto_generichash_update(&st, id, sizeof(id));
	crypto_generichash_update(&st, (const unsigned char *)norm, RECOVERY_CODE_SYMBOLS);
	crypto_generichash_final(&st, out, RECOVERY_HASH_BYTES);
	sodium_memzero(sub, sizeof(sub));
	sodium_memzero(norm, sizeof(norm));
	sodium_memzero(&st, sizeof(st));
	return 0;
}

bool recovery_hash_equal(const unsigned char a[RECOVERY_HASH_BYTES], const unsigned char b[RECOVERY_HASH_BYTES])
{
	return sodium_memcmp(a, b, RECOVERY_HASH_BYTES) == 0;
}
