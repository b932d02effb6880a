/* What one worker thread owns: its database connection, config and scratch space. */
#ifndef PORTAL_CTX_H
#define PORTAL_CTX_H

#include <semaphore.h>

#include "model/audit_group.h"
#include "model/auth.h"
#include "base/config.h"
#include "db/db.h"

struct status_worker;

/* Shared by the threads of one worker process. */
struct worker_shared {
	sem_t hash_slots;          /* argon2id computations allowed at once (64 MiB each) */
	struct cache *cache;       /* content reads (cache.h), or NULL */
	struct audit_group audit;  /* downloads' audit entries, committed in batches */
	struct status_worker *status;  /* this worker's counters, shared with the master */
};

struct ctx {
	const struct config *cfg;  /* shared, read-only after start-up */
	struct worker_shared *shared;
	struct db db;              /* this thread's connection and statements */
	unsigned worker, thread;   /* for logs */
};

/*
 * Waits up to cfg->hash_wait_ms for a hash slot. Returns 0 (call
 * hash_slot_release afterwards) or 503 when every slot stayed busy.
 */
int hash_slot_acquire(struct ctx *ctx);
void hash_slot_release(struct ctx *ctx);

#endif
