/*
 * backup_header_parse (cgi/ops/backup.c), the manifest at the start of a backup:
 *  - the answer is -1 with a NUL-terminated message, or the length the
 *    checksum covers, inside the header;
 *  - the header is canonical: what parses, formatted again from the parsed
 *    manifest, is the same 1024 bytes, with the same covered length (so no
 *    two headers mean the same manifest, and nothing in them goes unread).
 */
#include "fuzz.h"

#include "ops/backup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so ASan sees any read past the end. */
	char *block = calloc(size ? size : 1, 1);
	if (!block)
		abort();
	if (size)
		memcpy(block, data, size);
	struct backup_manifest m;
	char err[128];
	memset(err, 0x55, sizeof(err));
	int hashed = backup_header_parse(block, size, &m, err, sizeof(err));
	if (hashed < 0) {
		FUZZ_CHECK(hashed == -1);
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL && err[0] != '\0');
	} else {
		FUZZ_CHECK(size >= BACKUP_HEADER_BYTES && hashed > 0 && hashed < BACKUP_HEADER_BYTES);
		char again[BACKUP_HEADER_BYTES];
		FUZZ_CHECK(backup_header_format(&m, again) == hashed);
		FUZZ_CHECK(memcmp(again, block, BACKUP_HEADER_BYTES) == 0);
	}
	free(block);
	return 0;
}
