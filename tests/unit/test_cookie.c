/* The Cookie header parser and session tokens. */
#include "model/auth.h"
#include "check.h"
#include "http/cookie.h"
#include "http/session.h"

static struct arena a;

static void test_find(void)
{
	const char *v = NULL;
	CHECK(cookie_find(&a, NULL, "s", &v) == COOKIE_ABSENT);
	CHECK(cookie_find(&a, "", "s", &v) == COOKIE_ABSENT);
	CHECK(cookie_find(&a, "a=1; s=abc; b=2", "s", &v) == COOKIE_FOUND);
	CHECK_STR(v, "abc");
	CHECK(cookie_find(&a, "s=\"quoted\"", "s", &v) == COOKIE_FOUND);
	CHECK_STR(v, "quoted");
	CHECK(cookie_find(&a, "ss=1; xs=2", "s", &v) == COOKIE_ABSENT);
	CHECK(cookie_find(&a, "junk; =x; ;;; s=v", "s", &v) == COOKIE_FOUND);  /* others may be odd */
	CHECK_STR(v, "v");
	CHECK(cookie_find(&a, "other={\"json\":[1,2]}; s=v", "s", &v) == COOKIE_FOUND);
}

static void test_malformed(void)
{
	const char *v = NULL;
	CHECK(cookie_find(&a, "s=1; s=2", "s", &v) == COOKIE_MALFORMED);     /* which one? */
	CHECK(cookie_find(&a, "s=a\rb", "s", &v) == COOKIE_MALFORMED);
	CHECK(cookie_find(&a, "x=\x01; s=1", "s", &v) == COOKIE_MALFORMED);
	char big[COOKIE_HEADER_MAX + 10];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(cookie_find(&a, big, "s", &v) == COOKIE_MALFORMED);
}

static void test_tokens(void)
{
	char t1[TOKEN_TEXT_LEN + 1], t2[TOKEN_TEXT_LEN + 1];
	unsigned char h1[32], h2[32], again[32];
	auth_new_token(t1, h1);
	auth_new_token(t2, h2);
	CHECK(strlen(t1) == TOKEN_TEXT_LEN);
	CHECK(strcmp(t1, t2) != 0);
	CHECK(auth_token_hash(t1, again) == 0 && memcmp(again, h1, 32) == 0);
	CHECK(auth_token_hash("short", again) == -1);
	char bad[TOKEN_TEXT_LEN + 1];
	memcpy(bad, t1, sizeof(bad));
	bad[5] = '/';
	CHECK(auth_token_hash(bad, again) == -1);
	CHECK(auth_equal("abc", "abc", 3));
	CHECK(!auth_equal("abd", "abc", 3));
	CHECK(!auth_equal("ab", "abc", 3));
	CHECK(!auth_equal(NULL, "abc", 3));
}

static void test_password_rules(void)
{
	CHECK(password_check("123456789", 9) == PASSWORD_TOO_SHORT);
	CHECK(password_check("1234567890", 10) == PASSWORD_OK);
	/* Ten Hangul syllables are ten characters (30 bytes). */
	const char *ko = "\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80\xEA\xB0\x80";
	CHECK(password_check(ko, 30) == PASSWORD_OK);
	CHECK(password_check(ko, 27) == PASSWORD_TOO_SHORT);
	CHECK(password_check("abcdefghij\xFF", 11) == PASSWORD_BAD_TEXT);
	char long_pw[300];
	memset(long_pw, 'x', sizeof(long_pw));
	CHECK(password_check(long_pw, 256) == PASSWORD_OK);
	CHECK(password_check(long_pw, 257) == PASSWORD_TOO_LONG);
	char pw[GENERATED_PASSWORD_LEN + 1];
	auth_generate_password(pw);
	CHECK(strlen(pw) == GENERATED_PASSWORD_LEN && password_check(pw, strlen(pw)) == PASSWORD_OK);
}

/* ASVS 5.0 3.3.1: a Secure session cookie carries the __Host- prefix. */
static void test_session_cookie(void)
{
	char h[256];
	CHECK_STR(session_cookie_name(true), "__Host-portal_session");
	CHECK_STR(session_cookie_name(false), "portal_session");
	CHECK(session_cookie_format(h, sizeof(h), true, "abc", false) == 0);
	CHECK_STR(h, "__Host-portal_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure");
	CHECK(session_cookie_format(h, sizeof(h), true, "", true) == 0);
	CHECK_STR(h, "__Host-portal_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
	CHECK(session_cookie_format(h, sizeof(h), false, "abc", false) == 0);
	CHECK_STR(h, "portal_session=abc; Path=/; HttpOnly; SameSite=Lax");
	CHECK(session_cookie_format(h, sizeof(h), false, "", true) == 0);
	CHECK_STR(h, "portal_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	/* A token's cookie fits; a value that does not fit is refused whole, never cut. */
	char token[TOKEN_TEXT_LEN + 1];
	unsigned char hash[32];
	auth_new_token(token, hash);
	size_t need = strlen("__Host-portal_session=; Path=/; HttpOnly; SameSite=Lax; Secure") + TOKEN_TEXT_LEN + 1;
	CHECK(session_cookie_format(h, need, true, token, false) == 0);
	CHECK(session_cookie_format(h, need - 1, true, token, false) == -1);
	/* Under Secure cookies the plain name is not the session (a cookie any http:// answer could set). */
	const char *v = NULL;
	CHECK(cookie_find(&a, "portal_session=abc", session_cookie_name(true), &v) == COOKIE_ABSENT);
	CHECK(cookie_find(&a, "portal_session=x; __Host-portal_session=abc", session_cookie_name(true), &v) == COOKIE_FOUND);
	CHECK_STR(v, "abc");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	arena_init(&a, 0);
	RUN(test_find);
	RUN(test_malformed);
	RUN(test_tokens);
	RUN(test_password_rules);
	RUN(test_session_cookie);
	arena_free(&a);
	return check_summary("test_cookie");
}
