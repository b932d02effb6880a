/*
 * Replays a corpus through one fuzz target without libFuzzer, so the seeds run
 * under gcc's ASan/UBSan in `make test` (make fuzz-replay). Linked with one
 * fuzz/fuzz_<name>.c at a time; the target's name is the program's name.
 *
 *   build/fuzz-replay/<name> PATH...
 *
 * Each PATH is a file, or a directory whose files (and the files of its
 * subdirectories, one level down) are replayed in name order. Each input is
 * passed once to LLVMFuzzerTestOneInput in a buffer of exactly its size. A
 * failed property aborts; a path that cannot be read, or no input at all, is
 * an error (exit 1). Prints "<name>: N inputs replayed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static const char *prog = "replay";
static unsigned long replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, n = 0;
	unsigned char *data = malloc(cap);
	while (data) {
		if (n == cap) {
			unsigned char *more = realloc(data, cap *= 2);
			if (!more) {
				free(data);
				data = NULL;
				break;
			}
			data = more;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (!data || err) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, data ? "read error" : "out of memory");
		free(data);
		return -1;
	}
	/* An exact-size copy, as libFuzzer passes it: reading past the end is caught. */
	unsigned char *exact = malloc(n ? n : 1);
	if (!exact) {
		free(data);
		return -1;
	}
	if (n)
		memcpy(exact, data, n);
	free(data);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	replayed++;
	return 0;
}

static int skip(const char *name)
{
	return name[0] == '.';  /* ".", "..", and hidden files such as .gitkeep */
}

/* depth 0: a directory given on the command line; 1: one of its subdirectories. */
static int replay_dir(const char *dir, int depth)
{
	struct dirent **names;
	int count = scandir(dir, &names, NULL, alphasort);
	if (count < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < count; i++) {
		const char *name = names[i]->d_name;
		if (!skip(name) && rc == 0) {
			size_t len = strlen(dir) + strlen(name) + 2;
			char *path = malloc(len);
			struct stat st;
			if (!path) {
				rc = -1;
			} else {
				snprintf(path, len, "%s/%s", dir, name);
				if (stat(path, &st) != 0) {
					fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
					rc = -1;
				} else if (S_ISDIR(st.st_mode)) {
					if (depth == 0)
						rc = replay_dir(path, 1);
				} else if (S_ISREG(st.st_mode)) {
					rc = replay_file(path);
				}
				free(path);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0][0]) {
		const char *slash = strrchr(argv[0], '/');
		prog = slash ? slash + 1 : argv[0];
	}
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", prog);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, argv[i], strerror(errno));
			return 1;
		}
		if ((S_ISDIR(st.st_mode) ? replay_dir(argv[i], 0) : replay_file(argv[i])) != 0)
			return 1;
	}
	printf("%s: %lu inputs replayed\n", prog, replayed);
	fflush(stdout);
	if (replayed == 0) {
		fprintf(stderr, "%s: no inputs\n", prog);
		return 1;
	}
	return 0;
}
