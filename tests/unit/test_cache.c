/* The content cache (cgi/db/cache.c): what goes in comes back, for its generation only. */
#include "db/cache.h"
#include "check.h"

/* Three columns: text, integer, NULL text. */
static void row(struct cache_recorder *r, const char *text, long long n)
{
	struct db_col cols[3] = {
		{ .s = text, .len = strlen(text) },
		{ .i = n },
		{ .s = "", .len = 0, .null = true },
	};
	cache_record_row(r, cols, 3);
}

struct seen {
	char text[3][32];
	long long n[3];
	int rows;
	bool nulls_ok;
};

static int collect(void *ud, const struct db_col *c, unsigned ncols)
{
	struct seen *s = ud;
	if (ncols != 3 || s->rows >= 3)
		return 1;
	snprintf(s->text[s->rows], sizeof(s->text[0]), "%.*s", (int)c[0].len, c[0].s);
	s->n[s->rows] = c[1].i;
	s->nulls_ok = s->nulls_ok && c[1].s == NULL && !c[1].null && c[2].null && c[0].s[c[0].len] == '\0';
	s->rows++;
	return 0;
}

static struct cache_key key_of(const char *slug)
{
	struct cache_key k;
	struct db_arg args[] = { DB_STR(slug), DB_INT(7) };
	CHECK(cache_key_make(&k, ST_AREA_BY_SLUG, args, 2));
	return k;
}

static void store(struct cache *c, long long generation, const char *slug, int rows)
{
	struct cache_recorder *r = cache_record_begin(CACHE_RESULT_MAX);
	for (int i = 0; i < rows; i++)
		row(r, i ? "zweite Zeile" : "반도체 협력", 40 + i);
	struct cache_key k = key_of(slug);
	cache_record_end(c, r, generation, &k);
}

static void test_round_trip(void)
{
	struct cache *c = cache_new(1 << 20);
	store(c, 5, "hpc", 2);
	struct cache_key k = key_of("hpc");
	struct cache_entry *e = cache_find(c, 5, &k);
	CHECK(e != NULL);
	struct seen s = { .nulls_ok = true };
	if (e) {
		cache_replay(e, collect, &s);
		cache_release(c, e);
	}
	CHECK(s.rows == 2 && s.nulls_ok);
	CHECK_STR(s.text[0], "반도체 협력");
	CHECK_STR(s.text[1], "zweite Zeile");
	CHECK(s.n[0] == 40 && s.n[1] == 41);
	struct cache_key other = key_of("6g");
	CHECK(cache_find(c, 5, &other) == NULL);
	cache_free(c);
}

static void test_only_for_its_generation(void)
{
	struct cache *c = cache_new(1 << 20);
	store(c, 5, "hpc", 1);
	struct cache_key k = key_of("hpc");
	CHECK(cache_find(c, 6, &k) == NULL);   /* content changed since */
	CHECK(cache_find(c, 5, &k) == NULL);   /* and what was kept is gone */
	store(c, 4, "hpc", 1);                 /* an older read, stored late */
	struct cache_entry *e = cache_find(c, 6, &k);
	CHECK(e == NULL);
	store(c, 6, "hpc", 1);
	e = cache_find(c, 6, &k);
	CHECK(e != NULL);
	if (e)
		cache_release(c, e);
	cache_free(c);
}

static void test_empty_result_is_kept(void)
{
	struct cache *c = cache_new(1 << 20);
	store(c, 1, "none", 0);
	struct cache_key k = key_of("none");
	struct cache_entry *e = cache_find(c, 1, &k);
	CHECK(e != NULL);
	struct seen s = { .nulls_ok = true };
	if (e) {
		cache_replay(e, collect, &s);
		cache_release(c, e);
	}
	CHECK(s.rows == 0);
	cache_free(c);
}

static void test_limits(void)
{
	/* A result over its limit is given up; a full cache starts again. */
	struct cache *c = cache_new(4096);
	struct cache_recorder *r = cache_record_begin(100);
	row(r, "a text longer than a hundred bytes once the columns' headers are counted in", 1);
	row(r, "and a second row", 2);
	struct cache_key k = key_of("big");
	cache_record_end(c, r, 1, &k);
	CHECK(cache_find(c, 1, &k) == NULL);
	store(c, 1, "a", 3);
	struct cache_key a = key_of("a");
	struct cache_entry *held = cache_find(c, 1, &a);
	CHECK(held != NULL);
	for (int i = 0; i < 40; i++) {   /* far more than 4 KiB: the table is flushed on the way */
		char slug[16];
		snprintf(slug, sizeof(slug), "s%d", i);
		store(c, 1, slug, 3);
	}
	/* An entry held by a reader outlives the flush (ASan would see a use after free). */
	struct seen s = { .nulls_ok = true };
	if (held) {
		cache_replay(held, collect, &s);
		cache_release(c, held);
	}
	CHECK(s.rows == 3);
	struct cache_key last = key_of("s39");
	struct cache_entry *e = cache_find(c, 1, &last);
	CHECK(e != NULL);
	if (e)
		cache_release(c, e);
	cache_free(c);
}

static void test_keys(void)
{
	struct cache_key a, b;
	struct db_arg x[] = { DB_STR("ab"), DB_STR("c") }, y[] = { DB_STR("a"), DB_STR("bc") };
	CHECK(cache_key_make(&a, ST_AREAS, x, 2) && cache_key_make(&b, ST_AREAS, y, 2));
	CHECK(a.len != b.len || memcmp(a.bytes, b.bytes, a.len) != 0);   /* lengths are part of the key */
	char huge[600];
	memset(huge, 'x', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	struct db_arg z[] = { DB_STR(huge) };
	CHECK(!cache_key_make(&a, ST_AREAS, z, 1));
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_only_for_its_generation);
	RUN(test_empty_result_is_kept);
	RUN(test_limits);
	RUN(test_keys);
	return check_summary("test_cache");
}
