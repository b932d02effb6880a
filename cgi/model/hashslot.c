/*
 * The cap on concurrent password hashes. Each argon2id computation takes
 * 64 MiB (INTERACTIVE); a login storm must queue briefly and then be told to
 * come back (503), not exhaust memory. The cap is per worker process, so the
 * whole application computes at most workers x hash_slots hashes at once.
 */
#include <errno.h>
#include <time.h>

#include "model/ctx.h"

int hash_slot_acquire(struct ctx *ctx)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	long long ns = until.tv_nsec + (long long)ctx->cfg->hash_wait_ms * 1000000;
	until.tv_sec += ns / 1000000000;
	until.tv_nsec = ns % 1000000000;
	while (sem_timedwait(&ctx->shared->hash_slots, &until) != 0) {
		if (errno != EINTR)
			return 503;
	}
	return 0;
}

void hash_slot_release(struct ctx *ctx)
{
	sem_post(&ctx->shared->hash_slots);
}
