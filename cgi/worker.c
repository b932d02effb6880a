#include "worker.h"

#include <fcgiapp.h>
#include <mysql.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "db/cache.h"
#include "model/ctx.h"
#include "http/gate.h"
#include "http/http.h"
#include "base/log.h"
#include "pages/pages.h"
#include "view/render.h"
#include "http/reply.h"
#include "http/session.h"

/* Arena limit per request: the body, its decoded copy, and room for rows. */
#define ARENA_SLACK (8u << 20)

struct thread_arg {
	const struct config *cfg;
	struct worker_shared *shared;
	int listen_fd;
	unsigned worker, thread;
	pthread_t tid;
	bool started;
	atomic_bool in_accept;   /* waiting for a connection: safe to interrupt */
};

static atomic_bool stopping;

/* SIGUSR2 only interrupts a thread's accept(): installed without SA_RESTART. */
static void wake_up(int sig)
{
	(void)sig;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void log_request(const struct ctx *ctx, const struct request *req, const struct reply *rep, double ms)
{
	struct buf line;
	buf_init(&line);
	buf_puts(&line, "access method=\"");
	log_escape(&line, req->method, strlen(req->method), 16);
	buf_puts(&line, "\" target=\"");
	log_escape(&line, req->target, strlen(req->target), 300);
	buf_printf(&line, "\" status=%d bytes=%zu ms=%.2f addr=", rep->status, rep->body.len, ms);
	log_escape(&line, req->remote_addr, strlen(req->remote_addr), 64);
	buf_printf(&line, " w=%u.%u", ctx->worker, ctx->thread);
	const char *s = buf_cstr(&line);
	if (s)
		log_msg("%s", s);
	buf_free(&line);
}

/* Handles one request from reading it to sending the answer. */
static void handle(struct ctx *ctx, FCGX_Request *fr, struct arena *arena, struct reply *rep)
{
	double t0 = now_ms();
	ctx->db.generation = -1;   /* until the session lookup reads it */
	ctx->db.commit_sent = false;
	struct request req;
	int status = http_read_request(&req, fr, arena, ctx->cfg->max_body);
	const struct route *rt = NULL;
	if (status == 0)
		rt = route_match(routes, routes_count, req.method, req.path, arena, req.args, &status);
	if (rt || status == 404 || status == 405) {
		int st = session_load(ctx, &req, rep);
		if (st)
			status = st;
		else if (rt)
			status = gate(ctx, &req, rt, rep);
		else if (!req.who && status == 404)
			status = gate_unknown_path(&req, rep);
	}
	if (rt && status == 0)
		status = rt->handler(ctx, &req, rep);
	/* Counted before the answer leaves, so a client that has it sees it counted. */
	status_count(ctx->shared->status, rep->sent ? rep->status : status);
	if (!rep->sent) {
		/* Every answer is about someone's session or live data: never cached. */
		reply_header(rep, "Cache-Control", "no-store");
		rep->status = status;
		/* An error without a body of its own gets the error page. */
		if (status >= 400 && rep->body.len == 0)
			render_error(&req, rep, status, ctx->db.commit_sent);
		reply_send(rep, fr->out, req.head_only);
	}
	log_request(ctx, &req, rep, now_ms() - t0);
}

static void *thread_main(void *p)
{
	struct thread_arg *t = p;
	struct ctx ctx = { .cfg = t->cfg, .shared = t->shared, .worker = t->worker, .thread = t->thread };
	FCGX_Request fr;
	struct arena arena;
	struct reply rep;

	mysql_thread_init();
	db_init(&ctx.db, t->cfg->db_config, t->cfg->db_connect_timeout, t->cfg->db_rw_timeout,
	        t->cfg->db_lock_wait_timeout);
	ctx.db.cache = t->shared->cache;
	arena_init(&arena, (size_t)t->cfg->max_body * 2 + ARENA_SLACK);
	reply_init(&rep);
	FCGX_InitRequest(&fr, t->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);

	while (!atomic_load(&stopping)) {
		atomic_store(&t->in_accept, true);
		int accepted = FCGX_Accept_r(&fr);
		atomic_store(&t->in_accept, false);
		if (accepted < 0)
			break;
		handle(&ctx, &fr, &arena, &rep);
		FCGX_Finish_r(&fr);
		arena_reset(&arena);
		reply_reset(&rep);
	}
	FCGX_Free(&fr, 1);
	reply_free(&rep);
	arena_free(&arena);
	db_close(&ctx.db);
	mysql_thread_end();
	return NULL;
}

/*
 * Ends a thread once its request, if any, is answered. One blocked in accept()
 * is woken by a signal (libfcgi then gives up, as the shutdown is pending);
 * the listening socket is shared with the other workers and the master, so it
 * must stay open. The signal is repeated: one sent just before the thread
 * entered accept() is lost.
 */
static void stop_thread(struct thread_arg *t)
{
	for (;;) {
		if (atomic_load(&t->in_accept))
			pthread_kill(t->tid, SIGUSR2);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000 * 1000 * 1000) {
			until.tv_sec++;
			until.tv_nsec -= 1000 * 1000 * 1000;
		}
		if (pthread_timedjoin_np(t->tid, NULL, &until) == 0)
			return;
	}
}

int worker_run(const struct config *cfg, int listen_fd, unsigned worker_no, struct status_worker *status)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	/* Threads inherit this mask: only sigwait below ever sees these signals. */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct sigaction wake = { .sa_handler = wake_up };   /* sa_flags 0: no SA_RESTART */
	sigemptyset(&wake.sa_mask);
	sigaction(SIGUSR2, &wake, NULL);

	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_msg("worker %u: mysql_library_init failed", worker_no);
		return 1;
	}
	struct worker_shared shared = { .cache = NULL, .status = status };
	if (sem_init(&shared.hash_slots, 0, cfg->hash_slots) != 0)
		return 1;
	audit_group_init(&shared.audit);
	if (cfg->cache_mib && !(shared.cache = cache_new((size_t)cfg->cache_mib << 20)))
		log_msg("worker %u: no memory for the content cache: every read goes to the database", worker_no);
	struct thread_arg *threads = calloc(cfg->threads, sizeof(*threads));
	if (!threads)
		return 1;
	int rc = 0;
	for (unsigned i = 0; i < cfg->threads; i++) {
		threads[i] = (struct thread_arg){ .cfg = cfg, .shared = &shared, .listen_fd = listen_fd,
		                                  .worker = worker_no, .thread = i };
		if (pthread_create(&threads[i].tid, NULL, thread_main, &threads[i]) != 0) {
			log_msg("worker %u: cannot start thread %u", worker_no, i);
			rc = 1;
			break;
		}
		threads[i].started = true;
	}
	log_msg("worker %u: serving with %u threads", worker_no, cfg->threads);

	int sig = 0;
	sigdelset(&set, SIGCHLD);
	while (rc == 0 && sigwait(&set, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		;
	atomic_store(&stopping, true);
	FCGX_ShutdownPending();
	for (unsigned i = 0; i < cfg->threads; i++)
		if (threads[i].started)
			stop_thread(&threads[i]);
	free(threads);
	sem_destroy(&shared.hash_slots);
	audit_group_destroy(&shared.audit);
	cache_free(shared.cache);
	mysql_library_end();
	log_msg("worker %u: stopped", worker_no);
	return rc;
}
