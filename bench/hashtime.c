/*
 * The bare cost of a login's password check, for `make bench`: times
 * crypto_pwhash_str_verify (argon2id) at the costs a portal.conf gives
 * (pwhash_ops, pwhash_mem_mib) and prints the median of N runs in ms.
 *   build/bench/hashtime OPS MEM_MIB N
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc != 4 || sodium_init() < 0) {
		fprintf(stderr, "usage: hashtime OPS MEM_MIB N\n");
		return 2;
	}
	unsigned long long ops = strtoull(argv[1], NULL, 10);
	size_t mem = (size_t)strtoull(argv[2], NULL, 10) << 20;
	int n = atoi(argv[3]);
	if (n < 1 || n > 1000)
		return 2;
	const char *pw = "a benchmark password of ordinary length";
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, pw, strlen(pw), ops, mem) != 0)
		return 1;
	double *t = calloc((size_t)n, sizeof(*t));
	if (!t)
		return 1;
	for (int i = 0; i < n; i++) {
		double start = now_ms();
		if (crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
			return 1;
		t[i] = now_ms() - start;
	}
	qsort(t, (size_t)n, sizeof(*t), by_value);
	printf("%.2f\n", t[n / 2]);
	free(t);
	return 0;
}
