/*
 * The unit tests' whole framework: TEST functions made of CHECKs, run by RUN()
 * from main, which ends with check_summary(). A test passes when all its
 * CHECKs hold and it ran at least one: a test that checked nothing fails.
 * Output: one line per failure, then "<file>: N passed, N failed".
 */
#ifndef PORTAL_CHECK_H
#define PORTAL_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_tests_passed, check_tests_failed, check_current_failed, check_current_count;

#define CHECK(cond)                                                                     \
	do {                                                                            \
		check_current_count++;                                                  \
		if (!(cond)) {                                                          \
			check_current_failed++;                                         \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
		}                                                                       \
	} while (0)

#define CHECK_STR(a, b)                                                                 \
	do {                                                                            \
		const char *check_a_ = (a), *check_b_ = (b);                            \
		check_current_count++;                                                  \
		if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {       \
			check_current_failed++;                                         \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
			        #a, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
		}                                                                       \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                                     \
	do {                                                                            \
		const char *check_h_ = (hay), *check_n_ = (needle);                     \
		check_current_count++;                                                  \
		if (!check_h_ || !strstr(check_h_, check_n_)) {                         \
			check_current_failed++;                                         \
			fprintf(stderr, "%s:%d: %s does not contain \"%s\"\n", __FILE__, __LINE__, \
			        #hay, check_n_);                                        \
		}                                                                       \
	} while (0)

#define CHECK_NOT_CONTAINS(hay, needle)                                                 \
	do {                                                                            \
		const char *check_h_ = (hay), *check_n_ = (needle);                     \
		check_current_count++;                                                  \
		if (!check_h_ || strstr(check_h_, check_n_)) {                          \
			check_current_failed++;                                         \
			fprintf(stderr, "%s:%d: %s contains \"%s\"\n", __FILE__, __LINE__, \
			        #hay, check_n_);                                        \
		}                                                                       \
	} while (0)

#define RUN(test)                                                                       \
	do {                                                                            \
		check_current_failed = 0;                                               \
		check_current_count = 0;                                                \
		test();                                                                 \
		if (check_current_count == 0) {                                         \
			check_tests_failed++;                                           \
			fprintf(stderr, "FAIL %s: it ran no CHECK\n", #test);           \
		} else if (check_current_failed) {                                      \
			check_tests_failed++;                                           \
			fprintf(stderr, "FAIL %s\n", #test);                            \
		} else {                                                                \
			check_tests_passed++;                                           \
		}                                                                       \
	} while (0)

static inline int check_summary(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_tests_passed, check_tests_failed);
	return check_tests_failed ? 1 : 0;
}

#endif
