/*
 * The application's configuration file: "key = value" lines, '#' comments.
 * Parsed once at start-up by the master; workers inherit the result.
 */
#ifndef PORTAL_CONFIG_H
#define PORTAL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_PATH_MAX 512

struct config {
	char listen[108];                  /* unix socket path (sun_path size) */
	char socket_group[64];             /* group that may connect: nginx's user only */
	unsigned socket_mode;              /* octal, 0660 or stricter */
	char pid_file[CONFIG_PATH_MAX];
	char templates[CONFIG_PATH_MAX];   /* localized templates: <dir>/<lang>/<name>.tpl */
	char db_config[CONFIG_PATH_MAX];   /* Connector/C option file: socket, user, password, database */
	unsigned workers;                  /* processes */
	unsigned threads;                  /* per process, each with its own connection */
	unsigned max_body;                 /* bytes of request body the app accepts */
	unsigned db_connect_timeout;       /* seconds */
	unsigned db_rw_timeout;            /* seconds, per read or write on the connection */
	unsigned db_lock_wait_timeout;     /* seconds a statement waits for a row lock (then retried) */
	unsigned cache_mib;                /* content cache per worker (cache.h); 0: none */

	/* Sessions (README, "Logins and sessions") */
	char origins[512];                 /* space-separated origins a POST may come from */
	unsigned secure_cookies;           /* 1: the session cookie is Secure (HTTPS only) */
	unsigned session_idle;             /* seconds without a request before a session ends */
	unsigned session_lifetime;         /* seconds after login when a session ends anyway */

	/* Password hashing: argon2id costs, and how many hashes a worker computes at once */
	unsigned pwhash_ops;
	unsigned pwhash_mem_mib;
	unsigned hash_slots;
	unsigned hash_wait_ms;             /* a login waits this long for a slot, then 503 */

	/* Failed logins */
	unsigned login_account_threshold;  /* failures per login name per hour before locks */
	unsigned login_addr_threshold;     /* failures per client address per hour before locks */
	unsigned login_lock_base;          /* seconds of the first lock; doubles with each failure */
	unsigned login_lock_max;           /* seconds, the longest lock */

	char tmp_dir[CONFIG_PATH_MAX];     /* where XLSX downloads are assembled */

	/* Operations (docs/operations.md) */
	char status_file[CONFIG_PATH_MAX];     /* counters for portalctl status; "" = none */
	char admin_db_config[CONFIG_PATH_MAX]; /* option file of an account that may dump and
	                                          create the database: portalctl backup, restore */
	char restore_db_config[CONFIG_PATH_MAX]; /* option file of the account restores load the
	                                            dump with: rights on the portal's tables only */
	char restore_definers[256];        /* "user@host ...": accounts a dump's triggers may name */
	char backup_key_file[CONFIG_PATH_MAX]; /* key of the backups' MAC (64 hex digits); read by
	                                          portalctl only, never by the application */
	char chain_heads_file[CONFIG_PATH_MAX]; /* the chains' heads, appended after each commit
	                                           that moves one (heads.h); "" = none */

	/* The second factor (docs/totp.md): the roles that must have one ("viewer editor cochair
	 * admin" by default; "none": no role), and the key that seals TOTP secrets and keys the
	 * recovery codes' hashes (64 hex digits in a file, beside the chain key; required) */
	char mfa_required[64];
	char mfa_key_file[CONFIG_PATH_MAX];
	unsigned char mfa_key[32];

	/* Key of the audit and revision hash chains (64 hex digits in a file) */
	char chain_key_file[CONFIG_PATH_MAX];
	unsigned char chain_key[32];
};

void config_defaults(struct config *c);
/*
 * Parses text[0..len) over the current values. Returns 0, or -1 with a message
 * naming the line in err.
 */
int config_parse(struct config *c, const char *text, size_t len, char *err, size_t errlen);
/* Reads and parses a file. Same contract as config_parse. */
int config_load(struct config *c, const char *path, char *err, size_t errlen);
/*
 * Reads a key file (64 hexadecimal digits, white space after them allowed)
 * into key. 0, or -1 with a message naming the file in err.
 */
int config_read_key(const char *path, unsigned char key[32], char *err, size_t errlen);

#endif
