/*
 * What the running application tells `portalctl status`: one small page of
 * shared memory, mapped by the master before it forks its workers and
 * backed by the file status_file (in the run directory) so portalctl can
 * read it. The master records its workers' pids; the threads of each worker
 * count the requests they answer with atomic adds. Nothing is locked, and
 * nothing is written on the request path but three counters.
 */
#ifndef PORTAL_STATUS_H
#define PORTAL_STATUS_H

#include <stdatomic.h>
#include <stddef.h>
#include <sys/types.h>

#define STATUS_MAX_WORKERS 64   /* config: workers <= 64 */
#define STATUS_MAGIC "eukr-status-1"

struct status_worker {
	atomic_llong pid;            /* 0: not running */
	atomic_llong started;        /* unix time */
	atomic_llong exits;          /* how often this slot's worker ended (crashes, kills) */
	atomic_llong requests;       /* answered, every status */
	atomic_llong client_errors;  /* 4xx */
	atomic_llong server_errors;  /* 5xx */
};

struct status_page {
	char magic[16];
	atomic_llong master_pid;
	atomic_llong started;
	atomic_llong workers;        /* configured */
	atomic_llong code_schema;    /* the schema version the running code expects */
	struct status_worker worker[STATUS_MAX_WORKERS];
};

/*
 * The master: maps a zeroed page, shared with the children it forks later,
 * backed by a new file at path (mode 0640; an old one is replaced) or
 * anonymous when path is "". Returns NULL on failure (errno set). Free with
 * status_destroy.
 */
struct status_page *status_create(const char *path, unsigned workers);
/* Unmaps the page and removes its file. */
void status_destroy(struct status_page *p, const char *path);

void status_worker_started(struct status_page *p, unsigned slot, pid_t pid);
void status_worker_ended(struct status_page *p, unsigned slot);

/* A worker thread: one request answered with this HTTP status. */
void status_count(struct status_worker *w, int http_status);

/* A plain copy of the page, as portalctl reads it. */
struct status_worker_snapshot {
	long long pid, started, exits, requests, client_errors, server_errors;
};
struct status_snapshot {
	long long master_pid, started, workers, code_schema;
	struct status_worker_snapshot worker[STATUS_MAX_WORKERS];
};

/*
 * Reads the page of a running application from path. Returns 0, or -1 with
 * a sentence in err (no such file, not a status file).
 */
int status_read(const char *path, struct status_snapshot *out, char *err, size_t errlen);

#endif
