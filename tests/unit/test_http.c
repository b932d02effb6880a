/* Request target splitting, content types, Accept-Language, configuration parsing. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "base/config.h"
#include "http/http.h"
#include "view/i18n.h"

#include <stdio.h>

static struct arena a;

static int split(const char *target, const char **path, const char **q)
{
	size_t qlen;
	return http_split_target(&a, target, path, q, &qlen);
}

static void test_split_target(void)
{
	const char *path, *q;
	CHECK(split("/areas/6g?lang=ko&x=1", &path, &q) == 0);
	CHECK_STR(path, "/areas/6g");
	CHECK_STR(q, "lang=ko&x=1");
	CHECK(split("/a%20b", &path, &q) == 0);
	CHECK_STR(path, "/a b");
	CHECK_STR(q, "");
	CHECK(split("/%ED%95%9C", &path, &q) == 0);
	CHECK_STR(path, "/\xED\x95\x9C");
}

static void test_split_target_rejects(void)
{
	const char *path, *q;
	CHECK(split("", &path, &q) == 400);
	CHECK(split("areas", &path, &q) == 400);
	CHECK(split("http://evil.example/", &path, &q) == 400);
	CHECK(split("/a%00b", &path, &q) == 400);
	CHECK(split("/a%0d%0aSet-Cookie:x", &path, &q) == 400);
	CHECK(split("/a%ZZ", &path, &q) == 400);
	CHECK(split("/%C0%AE%C0%AE/", &path, &q) == 400);
	char longpath[HTTP_MAX_TARGET + 10];
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK(split(longpath, &path, &q) == 400);
}

static void test_urlencoded_type(void)
{
	CHECK(http_is_urlencoded("application/x-www-form-urlencoded"));
	CHECK(http_is_urlencoded("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
	CHECK(!http_is_urlencoded("application/x-www-form-urlencoded; charset=latin1"));
	CHECK(!http_is_urlencoded("multipart/form-data; boundary=x"));
	CHECK(!http_is_urlencoded("application/json"));
	CHECK(!http_is_urlencoded(NULL));
	CHECK(!http_is_urlencoded("application/x-www-form-urlencodedX"));
}

static void test_accept_language(void)
{
	CHECK(lang_from_accept(NULL) == LANG_EN);
	CHECK(lang_from_accept("") == LANG_EN);
	CHECK(lang_from_accept("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7") == LANG_KO);
	CHECK(lang_from_accept("en-GB,en;q=0.9,ko;q=0.8") == LANG_EN);
	CHECK(lang_from_accept("fr-FR, ko;q=0.5") == LANG_KO);
	CHECK(lang_from_accept("ko;q=0, en;q=0.1") == LANG_EN);
	CHECK(lang_from_accept("kok, kor") == LANG_EN);  /* other languages starting with "ko" */
	CHECK(lang_from_accept("de") == LANG_EN);
	CHECK(lang_from_accept(";;;,,,q=") == LANG_EN);
	/* Found by fuzzing: blanks before ';' made the parameter length one too long. */
	CHECK(lang_from_accept("en   ;q=0") == LANG_EN);
	CHECK(lang_from_accept("KO-KR                      ;Q=0") == LANG_EN);
	CHECK(lang_from_accept("ko;q=0x9, en;q=0.1") == LANG_EN);   /* malformed q: ignored */
	CHECK(lang_from_accept("ko  ;q=0,9 en") == LANG_EN);
	CHECK(lang_from_accept("en;q=0.5, ko;q=0.51") == LANG_KO);
	CHECK(lang_from_accept("ko;q=1.000, en") == LANG_EN);
	CHECK(lang_from_accept("ko;q=1.5") == LANG_EN);
	enum lang l;
	CHECK(lang_parse("ko", &l) == 0 && l == LANG_KO);
	CHECK(lang_parse("KO", &l) != 0);
	CHECK(lang_parse("", &l) != 0);
}

static void test_config(void)
{
	struct config c;
	char err[200];
	config_defaults(&c);
	const char *text = "# comment\nlisten = /tmp/x.sock\n  workers=3 \nthreads = 8\nsocket_mode = 0640\n";
	CHECK(config_parse(&c, text, strlen(text), err, sizeof(err)) == 0);
	CHECK_STR(c.listen, "/tmp/x.sock");
	CHECK(c.workers == 3 && c.threads == 8 && c.socket_mode == 0640);
	const char *bad[] = { "workers = 0\n", "workers = 65\n", "workers = -1\n", "workers = 2x\n",
	                      "nokey = 1\n", "listen\n", "socket_mode = 0666\n", "threads = \n" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		config_defaults(&c);
		CHECK(config_parse(&c, bad[i], strlen(bad[i]), err, sizeof(err)) != 0);
	}
}

/* A string setting fills its field to the last byte before the NUL, and not one byte more. */
static void test_config_string_at_its_size(void)
{
	struct config c;
	char err[200], text[300];
	size_t size = sizeof(c.listen);
	for (size_t n = size - 2; n <= size; n++) {
		config_defaults(&c);
		int len = snprintf(text, sizeof(text), "listen = /%0*d\n", (int)n - 1, 0);
		int rc = config_parse(&c, text, (size_t)len, err, sizeof(err));
		CHECK(n < size ? rc == 0 && strlen(c.listen) == n : rc != 0);
	}
}

/* Writes a configuration file of exactly size bytes (comments fill it up); 0 or -1. */
static int write_config(const char *path, const char *key_file, size_t size)
{
	char head[600];
	int n = snprintf(head, sizeof(head), "listen = /tmp/x.sock\ntemplates = /tmp\ndb_config = /tmp/db.cnf\n"
	                 "chain_key_file = %s\nmfa_key_file = %s\n", key_file, key_file);
	FILE *f = fopen(path, "w");
	if (!f || n < 0 || (size_t)n + 2 > size)
		return f ? fclose(f), -1 : -1;
	fputs(head, f);
	fputc('#', f);
	for (size_t i = (size_t)n + 2; i < size; i++)
		fputc('-', f);
	fputc('\n', f);
	return fclose(f) == 0 ? 0 : -1;
}

/* config_load reads a file of up to 16384 bytes: the last byte counts, one more is too large. */
static void test_config_file_at_its_size_limit(void)
{
	char dir[] = "/tmp/portal-config-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char key[64], conf[64];
	snprintf(key, sizeof(key), "%s/chain.key", dir);
	snprintf(conf, sizeof(conf), "%s/portal.conf", dir);
	FILE *k = fopen(key, "w");
	CHECK(k != NULL);
	if (k) {
		fputs("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", k);
		fclose(k);
	}
	static const size_t sizes[] = { 16383, 16384, 16385 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct config c;
		char err[200] = "";
		config_defaults(&c);
		CHECK(write_config(conf, key, sizes[i]) == 0);
		int rc = config_load(&c, conf, err, sizeof(err));
		if (sizes[i] <= 16384)
			CHECK(rc == 0 && strcmp(c.listen, "/tmp/x.sock") == 0 && c.chain_key[31] == 0x1f);
		else
			CHECK(rc != 0 && strstr(err, "too large") != NULL);
	}
	unlink(conf);
	unlink(key);
	rmdir(dir);
}

/* The second factor's key is required while mfa_required names a role, and read when given. */
static void test_config_second_factor_key(void)
{
	char dir[] = "/tmp/portal-config-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char key[64], conf[64];
	snprintf(key, sizeof(key), "%s/mfa.key", dir);
	snprintf(conf, sizeof(conf), "%s/portal.conf", dir);
	FILE *k = fopen(key, "w");
	if (k) {
		fputs("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", k);
		fclose(k);
	}
	static const char *const tails[] = { "", "mfa_required = none\n", "mfa_key_file = KEY\n",
		                             "mfa_key_file = /nonexistent\n" };
	static const int ok[] = { 0, 0, 1, 0 };
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		FILE *f = fopen(conf, "w");
		CHECK(f != NULL);
		if (!f)
			continue;
		fprintf(f, "listen = /tmp/x.sock\ntemplates = /tmp\ndb_config = /tmp/db.cnf\nchain_key_file = %s\n", key);
		if (strcmp(tails[i], "mfa_key_file = KEY\n") == 0)
			fprintf(f, "mfa_key_file = %s\n", key);
		else
			fputs(tails[i], f);
		fclose(f);
		struct config c;
		char err[200] = "";
		config_defaults(&c);
		int rc = config_load(&c, conf, err, sizeof(err));
		if ((rc == 0) != ok[i])
			fprintf(stderr, "case %zu: %s\n", i, err);
		CHECK((rc == 0) == ok[i]);
		if (i == 0)
			CHECK_CONTAINS(err, "mfa_key_file is required");
		if (i == 2)
			CHECK(c.mfa_key[0] == 0xff && c.mfa_key[31] == 0x1f);
	}
	unlink(conf);
	unlink(key);
	rmdir(dir);
}

static void test_local_path(void)
{
	CHECK(strcmp(http_local_path("/areas/6g?lang=ko"), "/areas/6g?lang=ko") == 0);
	CHECK(strcmp(http_local_path("/"), "/") == 0);
	static const char *const refused[] = { NULL, "", "areas", "//evil.example/", "/\\evil.example/",
	                                       "https://evil.example/", "/a\r\nSet-Cookie: x=1", "/a\tb", "/a\x7f" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK(strcmp(http_local_path(refused[i]), "/") == 0);
	char longer[1100];
	memset(longer, 'a', sizeof(longer) - 1);
	longer[0] = '/';
	longer[sizeof(longer) - 1] = '\0';
	CHECK(strcmp(http_local_path(longer), "/") == 0);
}

/* This page's address with lang=code, for a request target as sent. */
static const char *self_url(const char *target, const char *code)
{
	struct request req = { .arena = &a };
	const char *query;
	size_t qlen;
	if (http_split_target(&a, target, &req.path, &query, &qlen) != 0 ||
	    form_parse(&a, query, qlen, FORM_QUERY, &req.query) != FORM_OK)
		return NULL;
	return http_self_url(&req, code);
}

static void test_self_url(void)
{
	CHECK_STR(self_url("/areas/6g", "ko"), "/areas/6g?lang=ko");
	CHECK_STR(self_url("/areas/6g?lang=en&area=6g", "ko"), "/areas/6g?area=6g&lang=ko");
	CHECK_STR(self_url("/register?q=a%20b%26c", NULL), "/register?q=a%20b%26c");
	/* The decoded path is encoded again: it can neither leave the site nor change meaning. */
	CHECK_STR(self_url("/%2F%2Fevil.example?lang=x", "en"), "/%2F/evil.example?lang=en");
	CHECK_STR(self_url("//evil.example", "en"), "/%2Fevil.example?lang=en");
	CHECK_STR(self_url("/%5Cevil.example", NULL), "/%5Cevil.example");
	CHECK_STR(self_url("/%2F%5Cevil.example", NULL), "/%2F%5Cevil.example");
	CHECK_STR(self_url("/a%3Fb%23c", "ko"), "/a%3Fb%23c?lang=ko");
	CHECK_STR(self_url("/areas//6g/", NULL), "/areas//6g/");
	CHECK_STR(self_url("/%ED%95%9C%20x%25+y", NULL), "/%ED%95%9C%20x%25%2By");
	CHECK_STR(self_url("/", "en"), "/?lang=en");
	/* Whatever comes, the address is local: "/" then never "/" or "\\". */
	static const char *const targets[] = { "/%2F", "/%2F%2F", "/%5C", "/%5C%5C", "/%2F%2F%2F", "/%09x", "/%E3%80%80" };
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		const char *u = self_url(targets[i], "en");
		CHECK(!u || (u[0] == '/' && u[1] != '/' && u[1] != '\\' && !strchr(u, '\\')));
	}
}

static void test_parse_page(void)
{
	CHECK(http_parse_page(NULL) == 1);
	CHECK(http_parse_page("1") == 1);
	CHECK(http_parse_page("2") == 2);
	char text[32];
	snprintf(text, sizeof(text), "%d", HTTP_PAGE_MAX);
	CHECK(http_parse_page(text) == HTTP_PAGE_MAX);
	snprintf(text, sizeof(text), "%d", HTTP_PAGE_MAX + 1);
	CHECK(http_parse_page(text) == 0);
	static const char *const refused[] = { "", "0", "-1", "+1", "01", " 1", "1 ", "1e3", "1.0", "0x10",
	                                       "999999999999999999", "9223372036854775807", "92233720368547758070" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK(http_parse_page(refused[i]) == 0);
	/* The offset of the last page accepted fits, for any page size up to 10000. */
	CHECK((long long)(HTTP_PAGE_MAX - 1) * 10000 < (1LL << 40));
}

int main(void)
{
	arena_init(&a, 0);
	RUN(test_self_url);
	RUN(test_parse_page);
	RUN(test_split_target);
	RUN(test_split_target_rejects);
	RUN(test_urlencoded_type);
	RUN(test_accept_language);
	RUN(test_config);
	RUN(test_config_string_at_its_size);
	RUN(test_config_file_at_its_size_limit);
	RUN(test_config_second_factor_key);
	RUN(test_local_path);
	arena_free(&a);
	return check_summary("test_http");
}
