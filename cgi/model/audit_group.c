#include "model/audit_group.h"

struct audit_waiter {
	const struct audit_entry *e;
	struct audit_waiter *next;
	bool done;
	enum err result;
};

struct batch {
	const unsigned char *key;
	struct audit_waiter *oldest_first;
};

void audit_group_init(struct audit_group *g)
{
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->written, NULL);
	g->queue = NULL;
	g->writing = false;
}

void audit_group_destroy(struct audit_group *g)
{
	pthread_cond_destroy(&g->written);
	pthread_mutex_destroy(&g->lock);
}

static enum err batch_tx(struct db *db, void *ud)
{
	struct batch *b = ud;
	enum err r = E_OK;
	for (struct audit_waiter *w = b->oldest_first; w && r == E_OK; w = w->next)
		r = audit_append(db, b->key, w->e);
	return r;
}

/* The queue turned around, so entries are written in the order they came. */
static struct audit_waiter *oldest_first(struct audit_waiter *newest_first)
{
	struct audit_waiter *oldest = NULL;
	while (newest_first) {
		struct audit_waiter *next = newest_first->next;
		newest_first->next = oldest;
		oldest = newest_first;
		newest_first = next;
	}
	return oldest;
}

enum err audit_group_record(struct audit_group *g, struct db *db, const unsigned char *key,
                                  const struct audit_entry *e)
{
	struct audit_waiter me = { e, NULL, false, E_FAILED };
	pthread_mutex_lock(&g->lock);
	me.next = g->queue;
	g->queue = &me;
	while (!me.done) {
		if (g->writing) {
			pthread_cond_wait(&g->written, &g->lock);
			continue;
		}
		/* Nobody is writing: this thread writes everything queued, its own entry included. */
		struct batch b = { key, oldest_first(g->queue) };
		g->queue = NULL;
		g->writing = true;
		pthread_mutex_unlock(&g->lock);
		enum err r = db_transaction(db, batch_tx, &b);
		pthread_mutex_lock(&g->lock);
		for (struct audit_waiter *w = b.oldest_first; w; w = w->next) {
			w->result = r;
			w->done = true;
		}
		g->writing = false;
		pthread_cond_broadcast(&g->written);
	}
	pthread_mutex_unlock(&g->lock);
	return me.result;
}
