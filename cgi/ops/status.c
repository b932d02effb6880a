#include "ops/status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/schema.h"

/* Counters are updated from several processes: they must be real atomics. */
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free to be shared between processes");

struct status_page *status_create(const char *path, unsigned workers)
{
	void *p;
	if (!path[0]) {
		p = mmap(NULL, sizeof(struct status_page), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	} else {
		/*
		 * A new file, never the old one truncated: a process that still maps
		 * the old one (a master that was not stopped) must not fault.
		 */
		if (unlink(path) != 0 && errno != ENOENT)
			return NULL;
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
		if (fd < 0)
			return NULL;
		p = MAP_FAILED;
		if (ftruncate(fd, sizeof(struct status_page)) == 0)
			p = mmap(NULL, sizeof(struct status_page), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		int saved = errno;
		close(fd);
		errno = saved;
	}
	if (p == MAP_FAILED)
		return NULL;
	struct status_page *s = p;   /* zero-filled by mmap and ftruncate */
	atomic_store(&s->master_pid, (long long)getpid());
	atomic_store(&s->started, (long long)time(NULL));
	atomic_store(&s->workers, (long long)workers);
	atomic_store(&s->code_schema, schema_code_version());
	memcpy(s->magic, STATUS_MAGIC, sizeof(STATUS_MAGIC));
	return s;
}

void status_destroy(struct status_page *p, const char *path)
{
	if (!p)
		return;
	munmap(p, sizeof(*p));
	if (path[0])
		unlink(path);
}

void status_worker_started(struct status_page *p, unsigned slot, pid_t pid)
{
	atomic_store(&p->worker[slot].started, (long long)time(NULL));
	atomic_store(&p->worker[slot].pid, (long long)pid);
}

void status_worker_ended(struct status_page *p, unsigned slot)
{
	atomic_store(&p->worker[slot].pid, 0);
	atomic_fetch_add(&p->worker[slot].exits, 1);
}

void status_count(struct status_worker *w, int http_status)
{
	atomic_fetch_add_explicit(&w->requests, 1, memory_order_relaxed);
	if (http_status >= 500)
		atomic_fetch_add_explicit(&w->server_errors, 1, memory_order_relaxed);
	else if (http_status >= 400)
		atomic_fetch_add_explicit(&w->client_errors, 1, memory_order_relaxed);
}

int status_read(const char *path, struct status_snapshot *out, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	void *p = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size == (off_t)sizeof(struct status_page))
		p = mmap(NULL, sizeof(struct status_page), PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "%s: not a status file of this portal", path);
		return -1;
	}
	/* Read-only: atomic_load of a const object is fine for lock-free types. */
	const struct status_page *s = p;
	int rc = memcmp(s->magic, STATUS_MAGIC, sizeof(STATUS_MAGIC)) == 0 ? 0 : -1;
	if (rc != 0)
		snprintf(err, errlen, "%s: not a status file of this portal", path);
	memset(out, 0, sizeof(*out));
	out->master_pid = atomic_load(&s->master_pid);
	out->started = atomic_load(&s->started);
	out->workers = atomic_load(&s->workers);
	out->code_schema = atomic_load(&s->code_schema);
	for (unsigned i = 0; rc == 0 && i < STATUS_MAX_WORKERS; i++) {
		const struct status_worker *w = &s->worker[i];
		out->worker[i].pid = atomic_load(&w->pid);
		out->worker[i].started = atomic_load(&w->started);
		out->worker[i].exits = atomic_load(&w->exits);
		out->worker[i].requests = atomic_load(&w->requests);
		out->worker[i].client_errors = atomic_load(&w->client_errors);
		out->worker[i].server_errors = atomic_load(&w->server_errors);
	}
	munmap(p, sizeof(struct status_page));
	return rc;
}
