/*
 * form_parse / form_decode / params_get (cgi/http/form.c) and utf8_valid /
 * utf8_length (cgi/base/utf8.c), against a small independent model:
 *  - UTF-8 validity agrees with the well-formed byte sequences of Unicode
 *    Table 3-7 (NUL excluded), and utf8_length counts code points;
 *  - form_decode succeeds exactly when the model does, with the same bytes,
 *    and its output is always valid UTF-8; percent-encoding the output with
 *    http_url_encode and decoding again gives it back;
 *  - form_parse succeeds exactly when no pair has a bad escape, bad UTF-8,
 *    an empty name or a forbidden control character (and there are at most
 *    FORM_MAX_PARAMS pairs); on success the pairs are the model's, in order;
 *    on failure the output is empty and the reported error is one the input
 *    really has; FORM_BODY accepts everything FORM_QUERY does, identically;
 *  - with an arena limit, the result is the unlimited one or FORM_NO_MEMORY;
 *  - params_get reports FOUND for names given once, DUPLICATE for names given
 *    more than once, MISSING otherwise.
 */
#include "fuzz.h"
#include "ref.h"

#include "base/arena.h"
#include "http/form.h"
#include "http/http.h"
#include "base/utf8.h"

/* ---- model (and ref.h) --------------------------------------------------- */

struct ref_pair {
	char *name, *value;
	size_t name_len, value_len;
};

#define BIT(st) (1u << (st))

/*
 * The model of form_parse: the set of errors the input has (as bits of
 * enum form_status) and, when there are none, the pairs.
 */
static unsigned ref_parse(const char *s, size_t len, enum form_mode mode,
                          struct ref_pair *pairs, size_t *npairs, char *scratch)
{
	unsigned errs = 0;
	size_t total = 1, n = 0;
	for (size_t i = 0; i < len; i++)
		total += s[i] == '&';
	if (len && total > FORM_MAX_PARAMS)
		errs |= BIT(FORM_TOO_MANY);
	size_t start = 0;
	while (start < len) {
		size_t end = start;
		while (end < len && s[end] != '&')
			end++;
		if (end > start) {
			const char *p = s + start;
			size_t plen = end - start, nlen = 0;
			while (nlen < plen && p[nlen] != '=')
				nlen++;
			int has_eq = nlen < plen;
			char *name = scratch, *value = scratch + nlen;
			scratch += plen;
			long dn = ref_decode(p, nlen, 1, name);
			long dv = has_eq ? ref_decode(p + nlen + 1, plen - nlen - 1, 1, value) : 0;
			if (dn < 0 || dv < 0)
				errs |= BIT(FORM_BAD_ESCAPE);
			if ((dn >= 0 && !ref_utf8(name, (size_t)dn, NULL)) ||
			    (dv >= 0 && !ref_utf8(value, (size_t)dv, NULL)))
				errs |= BIT(FORM_BAD_UTF8);
			if (nlen == 0)
				errs |= BIT(FORM_BAD_NAME);
			if ((dn >= 0 && ref_has_control(name, (size_t)dn, 0)) ||
			    (dv >= 0 && ref_has_control(value, (size_t)dv, mode == FORM_BODY)))
				errs |= BIT(FORM_BAD_CONTROL);
			if (n < FORM_MAX_PARAMS && dn >= 0 && dv >= 0) {
				pairs[n] = (struct ref_pair){ name, value, (size_t)dn, (size_t)dv };
				n++;
			}
		}
		start = end + 1;
	}
	*npairs = n;
	return errs;
}

/* ---- checks ---------------------------------------------------------------- */

static void check_params(const struct params *p, enum form_mode mode,
                         const struct ref_pair *ref, size_t nref)
{
	FUZZ_CHECK(p->n == nref);
	FUZZ_CHECK(p->n <= FORM_MAX_PARAMS);
	FUZZ_CHECK(p->n == 0 || p->v != NULL);
	for (size_t i = 0; i < p->n; i++) {
		const struct param *q = &p->v[i];
		size_t nl = strlen(q->name);
		FUZZ_CHECK(nl > 0 && utf8_valid(q->name, nl) && ref_utf8(q->name, nl, NULL));
		FUZZ_CHECK(!ref_has_control(q->name, nl, 0));
		FUZZ_CHECK(strlen(q->value) == q->value_len);
		FUZZ_CHECK(ref_utf8(q->value, q->value_len, NULL));
		FUZZ_CHECK(!ref_has_control(q->value, q->value_len, mode == FORM_BODY));
		FUZZ_CHECK(nl == ref[i].name_len && memcmp(q->name, ref[i].name, nl) == 0);
		FUZZ_CHECK(q->value_len == ref[i].value_len &&
		           memcmp(q->value, ref[i].value, q->value_len) == 0);
	}
	/* params_get against a count; only the first few names, to stay linear. */
	for (size_t i = 0; i < p->n && i < 8; i++) {
		size_t count = 0, first = 0;
		for (size_t k = 0; k < p->n; k++) {
			if (strcmp(p->v[k].name, p->v[i].name) == 0 && count++ == 0)
				first = k;
		}
		const char *v = NULL;
		size_t vlen = 0;
		enum param_lookup r = params_get(p, p->v[i].name, &v, &vlen);
		if (count == 1) {
			FUZZ_CHECK(r == PARAM_FOUND && v == p->v[first].value && vlen == p->v[first].value_len);
		} else {
			FUZZ_CHECK(r == PARAM_DUPLICATE);
		}
		FUZZ_CHECK(params_get(p, p->v[i].name, NULL, NULL) == r);
	}
	/* A control character is never a name. */
	FUZZ_CHECK(params_get(p, "\x01", NULL, NULL) == PARAM_MISSING);
}

static void check_decode(struct arena *a, const char *s, size_t n, int plus, char *scratch)
{
	char *out = NULL;
	size_t out_len = 0;
	enum form_status st = form_decode(a, s, n, plus, &out, &out_len);
	long ref = ref_decode(s, n, plus, scratch);
	if (st == FORM_OK) {
		FUZZ_CHECK(out != NULL && out[out_len] == '\0');
		FUZZ_CHECK(utf8_valid(out, out_len) && ref_utf8(out, out_len, NULL));
		FUZZ_CHECK(ref >= 0 && (size_t)ref == out_len && memcmp(out, scratch, out_len) == 0);
		/* Round trip through the encoder the pages use for links. */
		char *enc = http_url_encode(a, out);
		FUZZ_CHECK(enc != NULL && ref_is_encoding_of(enc, out));
		char *back = NULL;
		size_t back_len = 0;
		FUZZ_CHECK(form_decode(a, enc, strlen(enc), plus, &back, &back_len) == FORM_OK);
		FUZZ_CHECK(back_len == out_len && memcmp(back, out, out_len) == 0);
	} else {
		FUZZ_CHECK(st == FORM_BAD_ESCAPE || st == FORM_BAD_UTF8);
		if (st == FORM_BAD_ESCAPE)
			FUZZ_CHECK(ref < 0);
		else
			FUZZ_CHECK(ref >= 0 && !ref_utf8(scratch, (size_t)ref, NULL));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct arena a;
	arena_init(&a, 0);
	char *scratch = malloc(size + 1);
	struct ref_pair *ref = malloc(FORM_MAX_PARAMS * sizeof(*ref));
	if (!scratch || !ref)
		abort();

	/* UTF-8 */
	size_t cps = 0;
	int valid = ref_utf8(s, size, &cps);
	FUZZ_CHECK(utf8_valid(s, size) == (valid != 0));
	if (valid)
		FUZZ_CHECK(utf8_length(s, size) == cps);

	/* form_decode, both ways of reading '+' */
	check_decode(&a, s, size, 1, scratch);
	check_decode(&a, s, size, 0, scratch);
	arena_reset(&a);

	/* form_parse in both modes */
	struct params by_mode[2];
	enum form_status st_mode[2];
	for (int m = 0; m < 2; m++) {
		enum form_mode mode = m ? FORM_BODY : FORM_QUERY;
		struct params *p = &by_mode[m];
		p->v = (struct param *)&a;  /* garbage: form_parse must set it */
		p->n = 12345;
		enum form_status st = form_parse(&a, s, size, mode, p);
		st_mode[m] = st;
		size_t nref = 0;
		unsigned errs = ref_parse(s, size, mode, ref, &nref, scratch);
		if (st == FORM_OK) {
			FUZZ_CHECK(errs == 0);
			check_params(p, mode, ref, nref);
		} else {
			FUZZ_CHECK(p->n == 0 && p->v == NULL);
			FUZZ_CHECK(st != FORM_NO_MEMORY);
			FUZZ_CHECK(st >= FORM_BAD_ESCAPE && st <= FORM_BAD_NAME);
			FUZZ_CHECK(errs & BIT(st));
		}
	}
	/* Bodies allow more than queries, never less, and parse the same. */
	if (st_mode[0] == FORM_OK) {
		FUZZ_CHECK(st_mode[1] == FORM_OK && by_mode[0].n == by_mode[1].n);
		for (size_t i = 0; i < by_mode[0].n; i++)
			FUZZ_CHECK(strcmp(by_mode[0].v[i].name, by_mode[1].v[i].name) == 0 &&
			           strcmp(by_mode[0].v[i].value, by_mode[1].v[i].value) == 0);
	}
	arena_free(&a);

	/* Under an arena limit: the same answer, or out of memory. */
	size_t limit = 1;
	for (size_t i = 0; i < size; i++)
		limit = limit * 31 + (unsigned char)s[i];
	limit = 1 + limit % (4 * size + 64);
	arena_init(&a, limit);
	for (int m = 0; m < 2; m++) {
		struct params p;
		enum form_status st = form_parse(&a, s, size, m ? FORM_BODY : FORM_QUERY, &p);
		FUZZ_CHECK(st == st_mode[m] || st == FORM_NO_MEMORY);
		if (st != FORM_OK)
			FUZZ_CHECK(p.n == 0 && p.v == NULL);
		else
			FUZZ_CHECK(p.n == by_mode[m].n);
		arena_reset(&a);
	}
	arena_free(&a);

	free(scratch);
	free(ref);
	return 0;
}
