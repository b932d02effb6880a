/*
 * Group commit for audit entries that stand alone, like downloads: while one
 * thread of a worker writes, the others' entries gather, and the next writer
 * appends them all in one transaction (one lock on the chain's head, one
 * flush of the log) instead of one each. Every caller still returns only once
 * its own entry is committed, or with the error that kept it out.
 */
#ifndef PORTAL_AUDIT_GROUP_H
#define PORTAL_AUDIT_GROUP_H

#include <pthread.h>
#include <stdbool.h>

#include "model/audit.h"

struct audit_waiter;

struct audit_group {
	pthread_mutex_t lock;
	pthread_cond_t written;
	struct audit_waiter *queue;   /* waiting for the next batch, newest first */
	bool writing;
};

void audit_group_init(struct audit_group *g);
void audit_group_destroy(struct audit_group *g);

/* audit_record, batched with the entries other threads record meanwhile (db: this thread's). */
enum err audit_group_record(struct audit_group *g, struct db *db, const unsigned char *key,
                                  const struct audit_entry *e);

#endif
