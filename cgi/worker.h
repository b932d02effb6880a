#ifndef PORTAL_WORKER_H
#define PORTAL_WORKER_H

#include "base/config.h"
#include "ops/status.h"

/*
 * Runs one worker process: cfg->threads threads accepting FastCGI requests on
 * listen_fd, each with its own database connection. Returns (for exit) when
 * SIGTERM or SIGINT arrives and the requests in flight are finished.
 * Every answer is counted in status (shared with the master, status.h).
 */
int worker_run(const struct config *cfg, int listen_fd, unsigned worker_no, struct status_worker *status);

#endif
