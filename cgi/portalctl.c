/*
 * portalctl — the administrator's command line. It talks to the same database
 * as the application, with the application's configuration file:
 *
 *   portalctl [-c CONFIG] user list
 *   portalctl [-c CONFIG] user add --login L --name N --side EU|KR --role R
 *   portalctl [-c CONFIG] user passwd LOGIN
 *   portalctl [-c CONFIG] user disable LOGIN
 *   portalctl [-c CONFIG] user enable LOGIN
 *   portalctl [-c CONFIG] user role LOGIN ROLE
 *   portalctl [-c CONFIG] verify      (the hash chains, their recorded heads, the live rows)
 *   portalctl [-c CONFIG] verify-export FILE
 *   portalctl [-c CONFIG] backup FILE
 *   portalctl [-c CONFIG] restore FILE [--force]
 *   portalctl [-c CONFIG] verify-backup FILE
 *   portalctl [-c CONFIG] status
 *
 * Passwords are read from standard input (one line; asked twice without echo
 * on a terminal). CONFIG defaults to $PORTAL_CONFIG, then
 * /etc/eukr-portal/portal.conf. Exit status: 0 done, 1 failed, 2 bad usage.
 */
#include <mysql.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "model/mfa.h"
#include "model/accounts.h"
#include "model/audit.h"
#include "base/config.h"
#include "model/content.h"
#include "db/db.h"
#include "db/heads.h"
#include "ops/ops.h"
#include "ops/verify.h"

#define DEFAULT_CONFIG "/etc/eukr-portal/portal.conf"

struct cli {
	struct config cfg;
	struct db db;
	struct actor actor;
	char actor_login[80];
};

static int usage(void)
{
	fputs("usage: portalctl [-c CONFIG] COMMAND\n"
	      "  user list\n"
	      "  user add --login L --name N --side EU|KR --role viewer|editor|cochair|admin\n"
	      "  user passwd LOGIN            (new password on standard input)\n"
	      "  user disable LOGIN | user enable LOGIN\n"
	      "  user role LOGIN ROLE\n"
	      "  user mfa-reset LOGIN         remove LOGIN's second factor (a lost device) and end its sessions\n"
	      "  user totp LOGIN              set up an authenticator app for LOGIN: prints its key (base32)\n"
	      "                               and ten recovery codes, one per line (scripted set-ups, demos)\n"
	      "  verify                       check the hash chains of the audit log and the revisions, the heads\n"
	      "                               recorded outside the database, and the live rows against them\n"
	      "  verify-export FILE           is FILE a register download, unaltered? when and by whom?\n"
	      "  backup FILE                  dump the database into a new file, with a manifest\n"
	      "  restore FILE [--force]       check FILE, then load it into an empty database\n"
	      "                               (--force: replace a database that is not empty)\n"
	      "  verify-backup FILE           is FILE a complete, unaltered backup? what does it hold?\n"
	      "  status                       the running application's workers and counters, the database\n",
	      stderr);
	return 2;
}

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "portalctl: %s: %s\n", what, why);
	return 1;
}

/* Reads one line without its line end; on a terminal without echo. 0 or -1. */
static int read_line(const char *prompt, char *out, size_t size)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(out, (int)size, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return -1;
	size_t n = strlen(out);
	if (n == size - 1 && out[n - 1] != '\n')
		return -1;  /* longer than any password may be */
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

/* Reads and checks a new password, hashing it into hash. 0 or an exit status. */
static int new_password(struct cli *c, char hash[crypto_pwhash_STRBYTES])
{
	char pw[PASSWORD_MAX_BYTES + 3], again[PASSWORD_MAX_BYTES + 3];
	if (read_line("New password: ", pw, sizeof(pw)) != 0)
		return fail("password", "no password on standard input, or longer than 1024 bytes");
	if (isatty(STDIN_FILENO) && (read_line("Again: ", again, sizeof(again)) != 0 || strcmp(pw, again) != 0))
		return fail("password", "the two passwords differ");
	enum account_problem problem = account_password_check(pw);
	if (problem != ACCOUNT_OK)
		return fail("password", account_problem_text(problem));
	struct pwhash_params p = pwhash_params_of(&c->cfg);
	int rc = auth_hash_password(&p, pw, strlen(pw), hash);
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	return rc == 0 ? 0 : fail("password", "hashing failed (out of memory?)");
}

static int find(struct cli *c, const char *login, struct account_row *acc)
{
	char norm[LOGIN_MAX + 1];
	if (account_login_normalize(login, norm) != ACCOUNT_OK)
		return fail(login, account_problem_text(ACCOUNT_BAD_LOGIN));
	enum err e = account_by_login(&c->db, norm, acc);
	return e == E_OK ? 0 : fail(login, account_err_text(e));
}

/* The columns of ST_ACCOUNTS_ALL. */
enum list_col {
	LC_ID, LC_LOGIN, LC_DISPLAY_NAME, LC_SIDE, LC_ROLE, LC_DISABLED,
};

static int list_row(void *ud, const struct db_col *col, unsigned n)
{
	(void)ud, (void)n;
	printf("%-24.*s %-3.*s %-8.*s %-9s %.*s\n", (int)col[LC_LOGIN].len, col[LC_LOGIN].s, (int)col[LC_SIDE].len,
	       col[LC_SIDE].s, (int)col[LC_ROLE].len, col[LC_ROLE].s, col[LC_DISABLED].i ? "disabled" : "active",
	       (int)col[LC_DISPLAY_NAME].len, col[LC_DISPLAY_NAME].s);
	return 0;
}

static int user_list(struct cli *c)
{
	printf("%-24s %-3s %-8s %-9s %s\n", "LOGIN", "SIDE", "ROLE", "STATUS", "NAME");
	enum err r = db_run(&c->db, ST_ACCOUNTS_ALL, NULL, 0, list_row, NULL, NULL);
	return r == E_OK ? 0 : fail("list", c->db.last_error[0] ? c->db.last_error : "database unavailable");
}

static int user_add(struct cli *c, int argc, char **argv)
{
	const char *login = NULL, *name = NULL, *side_text = NULL, *role_text = NULL;
	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--login") == 0) login = argv[i + 1];
		else if (strcmp(argv[i], "--name") == 0) name = argv[i + 1];
		else if (strcmp(argv[i], "--side") == 0) side_text = argv[i + 1];
		else if (strcmp(argv[i], "--role") == 0) role_text = argv[i + 1];
		else return usage();
	}
	enum side side;
	enum role role;
	char norm[LOGIN_MAX + 1];
	if (argc % 2 || !login || !name || !side_text || !role_text)
		return usage();
	if (side_parse(side_text, &side) != 0)
		return fail(side_text, "the side is EU or KR");
	if (role_parse(role_text, &role) != 0)
		return fail(role_text, "the role is viewer, editor, cochair or admin");
	enum account_problem problem = account_login_normalize(login, norm);
	if (problem == ACCOUNT_OK)
		problem = account_name_check(name);
	if (problem != ACCOUNT_OK)
		return fail(login, account_problem_text(problem));
	char hash[crypto_pwhash_STRBYTES];
	int rc = new_password(c, hash);
	if (rc)
		return rc;
	long long id;
	enum err e = account_create(&c->db, c->cfg.chain_key, &c->actor, norm, name, side, role, hash, &id);
	if (e != E_OK)
		return fail(norm, account_err_text(e));
	printf("created %s (%s %s), id %lld\n", norm, side_code(side), role_code(role), id);
	return 0;
}

struct totp_setup {
	struct cli *c;
	long long id;
	const unsigned char *secret;
	char **codes;
};

static enum err totp_setup_tx(struct db *db, void *ud)
{
	struct totp_setup *t = ud;
	return mfa_enrol(db, &t->c->cfg, &t->c->actor, t->id, t->secret, 0, t->codes, false);
}

/* Enrols a new app for the account and prints its key and recovery codes. */
static int user_totp(struct cli *c, const struct account_row *acc)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	unsigned char secret[TOTP_SECRET_BYTES];
	totp_secret_new(secret);
	struct totp_setup t = { c, acc->id, secret, recovery_codes_new(&a) };
	enum err e = t.codes ? db_transaction(&c->db, totp_setup_tx, &t) : E_FAILED;
	if (e == E_OK) {
		char b32[TOTP_BASE32_LEN + 1];
		totp_secret_text(secret, b32);
		printf("%s\n", b32);
		for (int i = 0; i < RECOVERY_CODE_COUNT; i++)
			printf("%s\n", t.codes[i]);
		sodium_memzero(b32, sizeof(b32));
	}
	sodium_memzero(secret, sizeof(secret));
	arena_free(&a);
	return e == E_OK ? 0 : fail(acc->login, account_err_text(e));
}

static int user_command(struct cli *c, int argc, char **argv)
{
	if (argc < 1)
		return usage();
	const char *cmd = argv[0];
	if (strcmp(cmd, "list") == 0 && argc == 1)
		return user_list(c);
	if (strcmp(cmd, "add") == 0)
		return user_add(c, argc - 1, argv + 1);
	struct account_row acc;
	int rc;
	enum err e;
	if (strcmp(cmd, "passwd") == 0 && argc == 2) {
		char hash[crypto_pwhash_STRBYTES];
		if ((rc = find(c, argv[1], &acc)) || (rc = new_password(c, hash)))
			return rc;
		e = account_set_password(&c->db, c->cfg.chain_key, &c->actor, acc.id, hash, true, NULL, "password_reset");
	} else if ((strcmp(cmd, "disable") == 0 || strcmp(cmd, "enable") == 0) && argc == 2) {
		if ((rc = find(c, argv[1], &acc)))
			return rc;
		e = account_set_disabled(&c->db, c->cfg.chain_key, &c->actor, acc.id, cmd[0] == 'd');
	} else if (strcmp(cmd, "mfa-reset") == 0 && argc == 2) {
		if ((rc = find(c, argv[1], &acc)))
			return rc;
		e = mfa_reset(&c->db, &c->cfg, &c->actor, acc.id);
	} else if (strcmp(cmd, "totp") == 0 && argc == 2) {
		return (rc = find(c, argv[1], &acc)) ? rc : user_totp(c, &acc);
	} else if (strcmp(cmd, "role") == 0 && argc == 3) {
		enum role role;
		if (role_parse(argv[2], &role) != 0)
			return fail(argv[2], "the role is viewer, editor, cochair or admin");
		if ((rc = find(c, argv[1], &acc)))
			return rc;
		e = account_set_role(&c->db, c->cfg.chain_key, &c->actor, acc.id, role);
	} else {
		return usage();
	}
	if (e != E_OK)
		return fail(argv[1], account_err_text(e));
	printf("%s: %s done\n", acc.login, cmd);
	return 0;
}

/* The chains, their heads recorded outside the database, the live rows (verify.h). */
static int verify(struct cli *c)
{
	return verify_all(&c->cfg, &c->db);
}

/* The columns of ST_AUDIT_FIND_DOWNLOAD. */
enum download_col {
	DL_SEQ, DL_AT, DL_LOGIN, DL_SIDE, DL_DETAIL,
};

static int download_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(bool *)ud = true;
	printf("valid: an unaltered download of the register\n"
	       "  downloaded %.*s UTC by %.*s (%.*s), audit entry %lld\n  %.*s\n",
	       (int)c[DL_AT].len, c[DL_AT].s, (int)c[DL_LOGIN].len, c[DL_LOGIN].s, (int)c[DL_SIDE].len, c[DL_SIDE].s,
	       c[DL_SEQ].i, (int)c[DL_DETAIL].len, c[DL_DETAIL].s);
	return 0;
}

/* Hashes FILE as the download recorded it, and looks the hash up in the audit log. */
static int verify_export(struct cli *c, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(path, "cannot open the file");
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	unsigned char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		crypto_generichash_update(&st, chunk, n);
	int read_error = ferror(f);
	fclose(f);
	if (read_error)
		return fail(path, "cannot read the file");
	unsigned char hash[32];
	char hex[65];
	crypto_generichash_final(&st, hash, sizeof(hash));
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	long long broken = 0, count = 0;
	if (audit_verify(&c->db, c->cfg.chain_key, &broken, &count, NULL) != E_OK)
		return fail("verify-export", "database unavailable");
	if (broken) {
		printf("cannot tell: the audit log's hash chain is broken at entry %lld\n", broken);
		return 1;
	}
	bool found = false;
	if (DB_RUN(&c->db, ST_AUDIT_FIND_DOWNLOAD, download_row, &found, DB_STR(hex)) != E_OK)
		return fail("verify-export", "database unavailable");
	if (!found) {
		printf("NOT a recorded download: no download of the register has this content (BLAKE2b %s);\n"
		       "  the file was altered, or it did not come from this portal\n", hex);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = getenv("PORTAL_CONFIG");
	int i = 1;
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		conf = argv[2];
		i = 3;
	}
	if (!conf)
		conf = DEFAULT_CONFIG;
	if (i >= argc)
		return usage();

	static struct cli c;
	char err[256];
	config_defaults(&c.cfg);
	if (config_load(&c.cfg, conf, err, sizeof(err)) != 0)
		return fail("configuration", err);
	if (sodium_init() < 0 || mysql_library_init(0, NULL, NULL) != 0)
		return fail("start", "library initialisation failed");
	struct passwd *pw = getpwuid(getuid());
	snprintf(c.actor_login, sizeof(c.actor_login), "portalctl:%.40s", pw ? pw->pw_name : "?");
	c.actor = (struct actor){ 0, c.actor_login, NULL, "local" };
	db_init(&c.db, c.cfg.db_config, c.cfg.db_connect_timeout, c.cfg.db_rw_timeout, c.cfg.db_lock_wait_timeout);

	int rc;
	/* Account changes move the audit chain: their heads are recorded like the application's. */
	if (strcmp(argv[i], "user") == 0 && c.cfg.chain_heads_file[0] &&
	    heads_open(c.cfg.chain_heads_file, err, sizeof(err)) != 0)
		fprintf(stderr, "portalctl: warning: cannot record the chain heads: %s\n", err);
	if (strcmp(argv[i], "user") == 0)
		rc = user_command(&c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "verify") == 0 && argc == i + 1)
		rc = verify(&c);
	else if (strcmp(argv[i], "verify-export") == 0 && argc == i + 2)
		rc = verify_export(&c, argv[i + 1]);
	else if (strcmp(argv[i], "backup") == 0 && argc == i + 2)
		rc = ops_backup(&c.cfg, argv[i + 1]);
	else if (strcmp(argv[i], "restore") == 0 && (argc == i + 2 || (argc == i + 3 && strcmp(argv[i + 2], "--force") == 0)))
		rc = ops_restore(&c.cfg, argv[i + 1], argc == i + 3);
	else if (strcmp(argv[i], "verify-backup") == 0 && argc == i + 2)
		rc = ops_verify_backup(&c.cfg, argv[i + 1]);
	else if (strcmp(argv[i], "status") == 0 && argc == i + 1)
		rc = ops_status(&c.cfg, &c.db);
	else
		rc = usage();
	db_close(&c.db);
	mysql_library_end();
	return rc;
}
