/* What one worker thread owns: its database connection, config and scratch space. */
#ifndef PORTAL_CTX_H
#define PORTAL_CTX_H

#include "config.h"
#include "db.h"

struct ctx {
	const struct config *cfg;  /* shared, read-only after start-up */
	struct db db;              /* this thread's connection and statements */
	unsigned worker, thread;   /* for logs */
};

#endif
