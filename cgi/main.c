/*
 * portal — the FastCGI application. The master process loads the
 * configuration and the templates, opens the unix socket nginx talks to, and
 * keeps cfg->workers worker processes running: a worker that dies is replaced
 * at once (after a second if it died young, so a crash loop cannot spin).
 * SIGTERM or SIGINT stops the workers gracefully, then the master.
 *
 *   portal -c FILE     run
 *   portal -c FILE -t  check the configuration and templates, then exit
 *
 * Exit status: 0 stopped, 1 failed to start, 2 bad usage, 3 the database's
 * schema version is not the one this code was built for (see schema.h).
 */
#include <errno.h>
#include <fcgiapp.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/mfa.h"
#include "model/auth.h"
#include "base/config.h"
#include "db/heads.h"
#include "base/log.h"
#include "db/schema.h"
#include "ops/status.h"
#include "view/tmpl.h"
#include "worker.h"

#define STOP_GRACE_SECONDS 20

struct slot {
	pid_t pid;
	time_t started;
	time_t restart_at;  /* when a young death delays the replacement */
};

/*
 * Gives the new socket the group socket_group. The installed service is not
 * a member of that group (only nginx's user is: SECURITY.md), so it cannot
 * chown to it; its runtime directory is set-group-ID with that group instead,
 * and the socket is born with it. Only when it is not is chown tried (root,
 * or a member). 0, or -1 with errno set.
 */
static int give_group(const struct config *cfg, gid_t gid)
{
	struct stat st;
	if (gid == (gid_t)-1 || (stat(cfg->listen, &st) == 0 && st.st_gid == gid))
		return 0;
	if (chown(cfg->listen, (uid_t)-1, gid) == 0)
		return 0;
	int e = errno;
	log_msg("cannot give %s the group %s: make its directory set-group-ID with that group (chmod g+s), "
	        "as the service unit does", cfg->listen, cfg->socket_group);
	errno = e;
	return -1;
}

static int open_socket(const struct config *cfg)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = strlen(cfg->listen);
	if (len >= sizeof(addr.sun_path)) {
		log_msg("listen path too long: %s", cfg->listen);
		return -1;
	}
	memcpy(addr.sun_path, cfg->listen, len + 1);
	gid_t gid = (gid_t)-1;
	if (cfg->socket_group[0]) {
		struct group *g = getgrnam(cfg->socket_group);
		if (!g) {
			log_msg("socket_group %s does not exist", cfg->socket_group);
			return -1;
		}
		gid = g->gr_gid;
	}
	struct stat st;
	if (lstat(cfg->listen, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_msg("%s exists and is not a socket", cfg->listen);
			return -1;
		}
		unlink(cfg->listen); /* stale socket of a previous run */
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	/* Created without any access for others, so there is no window before chmod. */
	mode_t old = umask(0177);
	int rc = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	umask(old);
	if (rc != 0 || give_group(cfg, gid) != 0 || chmod(cfg->listen, cfg->socket_mode) != 0 ||
	    listen(fd, 1024) != 0) {
		log_msg("cannot listen on %s: %s", cfg->listen, strerror(errno));
		close(fd);
		if (rc == 0)
			unlink(cfg->listen);   /* bound, but no one may use it */
		return -1;
	}
	/* Workers inherit it across fork; it must not leak into anything they exec. */
	return fd;
}

static int write_pid_file(const char *path)
{
	if (!path[0])
		return 0;
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f);
}

static pid_t spawn(const struct config *cfg, int fd, unsigned no, const sigset_t *mask,
                   struct status_page *status)
{
	pid_t pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, mask, NULL);
		/* exit, not _exit: LeakSanitizer checks the worker when it ends. */
		exit(worker_run(cfg, fd, no, &status->worker[no]));
	}
	if (pid < 0)
		log_msg("fork failed: %s", strerror(errno));
	return pid;
}

static void stop_workers(struct slot *slots, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, SIGTERM);
	time_t deadline = time(NULL) + STOP_GRACE_SECONDS;
	unsigned alive = n;
	while (alive) {
		alive = 0;
		for (unsigned i = 0; i < n; i++) {
			if (slots[i].pid <= 0)
				continue;
			if (waitpid(slots[i].pid, NULL, WNOHANG) == slots[i].pid)
				slots[i].pid = 0;
			else
				alive++;
		}
		if (alive && time(NULL) > deadline) {
			log_msg("workers did not stop in %d s: killing them", STOP_GRACE_SECONDS);
			for (unsigned i = 0; i < n; i++)
				if (slots[i].pid > 0)
					kill(slots[i].pid, SIGKILL);
			deadline = time(NULL) + STOP_GRACE_SECONDS;
		}
		if (alive)
			usleep(20000);
	}
}

/* Reaps dead workers and schedules their replacement. */
static void reap(struct slot *slots, unsigned n, struct status_page *page)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (unsigned i = 0; i < n; i++) {
			if (slots[i].pid != pid)
				continue;
			time_t now = time(NULL);
			if (WIFSIGNALED(status))
				log_msg("worker %u (pid %d) killed by signal %d", i, (int)pid, WTERMSIG(status));
			else
				log_msg("worker %u (pid %d) exited with %d", i, (int)pid, WEXITSTATUS(status));
			slots[i].pid = 0;
			slots[i].restart_at = now - slots[i].started < 1 ? now + 1 : now;
			status_worker_ended(page, i);
		}
	}
}

static int supervise(const struct config *cfg, int fd, struct status_page *status)
{
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &old);

	struct slot *slots = calloc(cfg->workers, sizeof(*slots));
	if (!slots)
		return 1;
	for (;;) {
		time_t now = time(NULL);
		for (unsigned i = 0; i < cfg->workers; i++) {
			if (slots[i].pid == 0 && slots[i].restart_at <= now) {
				slots[i].pid = spawn(cfg, fd, i, &old, status);
				slots[i].started = now;
				if (slots[i].pid < 0) {
					slots[i].pid = 0;
					slots[i].restart_at = now + 1;
				} else {
					status_worker_started(status, i, slots[i].pid);
				}
			}
		}
		struct timespec tick = { .tv_sec = 0, .tv_nsec = 250 * 1000 * 1000 };
		int sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		reap(slots, cfg->workers, status);
	}
	log_msg("stopping");
	stop_workers(slots, cfg->workers);
	free(slots);
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = NULL;
	int check_only = 0, opt;
	while ((opt = getopt(argc, argv, "c:t")) != -1) {
		if (opt == 'c')
			conf = optarg;
		else if (opt == 't')
			check_only = 1;
		else
			conf = NULL, optind = argc + 1;
	}
	if (!conf || optind > argc) {
		fprintf(stderr, "usage: %s -c CONFIG [-t]\n", argv[0]);
		return 2;
	}
	struct config cfg;
	char err[256];
	config_defaults(&cfg);
	if (config_load(&cfg, conf, err, sizeof(err)) != 0 || mfa_policy_check(&cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "portal: %s\n", err);
		return 1;
	}
	struct pwhash_params pw = pwhash_params_of(&cfg);
	if (auth_init(&pw) != 0) {
		fprintf(stderr, "portal: libsodium failed to initialise\n");
		return 1;
	}
	int loaded = tmpl_load_all(cfg.templates);
	if (loaded < 0) {
		fprintf(stderr, "portal: cannot load templates from %s\n", cfg.templates);
		return 1;
	}
	/* Before the workers: they inherit it. Without it, a rewound chain could go unnoticed: refuse. */
	if (cfg.chain_heads_file[0] && heads_open(cfg.chain_heads_file, err, sizeof(err)) != 0) {
		fprintf(stderr, "portal: cannot open the file of chain heads: %s\n", err);
		return 1;
	}
	if (check_only) {
		printf("configuration ok, %d templates\n", loaded);
		return 0;
	}
	/* Before the socket: a refused start must not disturb a running instance. */
	if (schema_check_at_start(&cfg) != 0)
		return 3;
	if (FCGX_Init() != 0) {
		fprintf(stderr, "portal: FCGX_Init failed\n");
		return 1;
	}
	int fd = open_socket(&cfg);
	if (fd < 0)
		return 1;
	if (write_pid_file(cfg.pid_file) != 0) {
		log_msg("cannot write %s: %s", cfg.pid_file, strerror(errno));
		return 1;
	}
	struct status_page *status = status_create(cfg.status_file, cfg.workers);
	if (!status) {
		log_msg("cannot create the status file %s: %s", cfg.status_file, strerror(errno));
		close(fd);
		unlink(cfg.listen);
		return 1;
	}
	log_msg("listening on %s with %u workers x %u threads", cfg.listen, cfg.workers, cfg.threads);
	int rc = supervise(&cfg, fd, status);
	status_destroy(status, cfg.status_file);
	close(fd);
	unlink(cfg.listen);
	if (cfg.pid_file[0])
		unlink(cfg.pid_file);
	log_msg("stopped");
	return rc;
}
