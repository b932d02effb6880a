#!/bin/bash
# Starts and stops one private instance of the portal, everything under DIR:
# MariaDB (own datadir and socket, no TCP), the FastCGI application (own unix
# socket), and nginx on 127.0.0.1:PORT. `make run` uses var/run and port 8080,
# `make test` var/test and port 18080, so both can run at once.
#
#   tools/stack.sh start DIR PORT APP_BINARY   (re)start all; keeps the database
#   tools/stack.sh stop DIR                    stop all of DIR's processes
#   tools/stack.sh db-stop DIR | db-start DIR  only MariaDB (used by fault tests)
#   tools/stack.sh app-stop DIR | app-start DIR APP_BINARY
#   tools/stack.sh accounts DIR APP_BINARY     the demo accounts on an empty database
#                                              (tools/cluster.sh: DIR's database is a cluster)
#
# On a fresh database, start also creates one demo account per side and role
# with generated passwords, each enrolled with an authenticator app, listed
# in DIR/demo-accounts.txt (mode 0600): login, password, TOTP key (base32).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: stack.sh start|stop|db-start|db-stop|app-start|app-stop DIR ...}
DIR=$(realpath -m "${2:?instance directory}")

DB_DIR=$DIR/mariadb
RUN_DIR=$DIR/run          # the app's socket: only nginx's user (its group) may enter
LOG_DIR=$DIR/log
NGX_DIR=$DIR/nginx
ADMIN_CNF=$DB_DIR/admin.cnf
APP_CNF=$DIR/app-db.cnf
RESTORE_CNF=$DIR/restore-db.cnf
CONF=$DIR/portal.conf
CHAIN_KEY=$DIR/chain.key
BACKUP_KEY=$DIR/backup.key
MFA_KEY=$DIR/mfa.key
CHAIN_HEADS=$DIR/chain.heads
DEMO=$DIR/demo-accounts.txt
DB_SOCK=$DB_DIR/mysqld.sock
APP_SOCK=$RUN_DIR/app.sock

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }

# Prints the pid in a pid file if that process is alive and runs the expected program.
alive_pid() {
	local file=$1 name=$2 pid
	[ -s "$file" ] || return 1
	pid=$(head -n1 "$file")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	[ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$name" || return 1
	echo "$pid"
}

# Waits until a command succeeds, up to $1 tenths of a second.
wait_for() {
	local tenths=$1
	shift
	while ! "$@" >/dev/null 2>&1; do
		tenths=$((tenths - 1))
		[ "$tenths" -gt 0 ] || return 1
		sleep 0.1
	done
}

stop_pid() {
	local file=$1 name=$2 sig=$3 pid
	pid=$(alive_pid "$file" "$name") || { rm -f "$file"; return 0; }
	kill "-$sig" "$pid" 2>/dev/null || true
	local i
	for i in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		say "$name (pid $pid) did not stop in 30 s: killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}

check_paths() {
	# sun_path holds 107 bytes: a clone in a very deep folder cannot host sockets.
	[ ${#APP_SOCK} -lt 100 ] && [ ${#DB_SOCK} -lt 100 ] ||
		die "the path $DIR is too long for unix sockets; clone the repository into a shorter path"
}

# nginx's workers run as www-data when that user can reach the static files
# and the app's socket; otherwise (e.g. a clone under /root) as the caller.
nginx_user() {
	if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1 &&
		runuser -u www-data -- test -r "$ROOT/static/portal.css" 2>/dev/null &&
		runuser -u www-data -- test -x "$DIR" 2>/dev/null; then
		echo www-data
	else
		id -un
	fi
}

# The group of the app's socket: a group of its own whose only member is
# nginx's worker user, so that nothing else running as www-data or in its
# group (nor the app itself) holds it: SECURITY.md, libfcgi. As root it is
# created once for the machine; without root nginx and the app both run as
# the caller, and the caller's group is the only one there is.
SOCKET_GROUP=eukr-portal-web

# Runs a command that edits /etc/group until it succeeds: another instance
# starting at the same moment may hold the file's lock.
retry_group_edit() {
	local i
	for i in $(seq 50); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

in_group() { id -nG "$1" | tr ' ' '\n' | grep -qx "$2"; }

socket_group() {
	local user=$1
	if [ "$(id -u)" != 0 ] || [ "$user" = "$(id -un)" ]; then
		id -gn "$user"
		return
	fi
	getent group "$SOCKET_GROUP" >/dev/null ||
		retry_group_edit sh -c "getent group $SOCKET_GROUP || groupadd --system $SOCKET_GROUP" ||
		die "cannot create the group $SOCKET_GROUP"
	in_group "$user" "$SOCKET_GROUP" ||
		retry_group_edit sh -c "id -nG $user | tr ' ' '\n' | grep -qx $SOCKET_GROUP || gpasswd -a $user $SOCKET_GROUP" ||
		die "cannot add $user to the group $SOCKET_GROUP"
	echo "$SOCKET_GROUP"
}

write_db_config() {
	mkdir -p "$DB_DIR/data" "$DB_DIR/tmp" "$LOG_DIR"
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user=root"
	cat > "$ADMIN_CNF" <<CNF
# Private MariaDB of this portal instance (written by tools/stack.sh).
[mariadbd]
$user_line
datadir=$DB_DIR/data
socket=$DB_SOCK
pid-file=$DB_DIR/mariadbd.pid
log-error=$LOG_DIR/mariadb.log
# Its own temporary directory: a MariaDB that starts deletes every #sql* file
# in its tmpdir, and in a shared /tmp those would be another instance's
# temporary tables in use (its queries fail with "Error on delete of ...").
tmpdir=$DB_DIR/tmp
skip-networking
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_520_ci
innodb_flush_log_at_trx_commit=1
innodb_buffer_pool_size=256M
innodb_lock_wait_timeout=10
max_connections=300

[client]
socket=$DB_SOCK
default-character-set=utf8mb4
CNF
}

db_start() {
	check_paths
	write_db_config
	if alive_pid "$DB_DIR/mariadbd.pid" mariadbd >/dev/null; then
		return 0
	fi
	if [ ! -d "$DB_DIR/data/mysql" ]; then
		say "creating the database in $DB_DIR/data"
		mariadb-install-db --defaults-file="$ADMIN_CNF" --user="$(id -un)" \
			--auth-root-authentication-method=socket --skip-test-db >"$LOG_DIR/mariadb-install.log" 2>&1 ||
			die "mariadb-install-db failed: see $LOG_DIR/mariadb-install.log"
	fi
	setsid mariadbd --defaults-file="$ADMIN_CNF" </dev/null >>"$LOG_DIR/mariadb.log" 2>&1 &
	wait_for 300 mariadb-admin --defaults-file="$ADMIN_CNF" ping ||
		die "MariaDB did not start: see $LOG_DIR/mariadb.log"
}

db_stop() {
	if alive_pid "$DB_DIR/mariadbd.pid" mariadbd >/dev/null; then
		mariadb-admin --defaults-file="$ADMIN_CNF" shutdown 2>/dev/null || true
	fi
	stop_pid "$DB_DIR/mariadbd.pid" mariadbd TERM
}

# The restore account (portalctl restore loads dumps with it): the portal's
# tables only (sql/grants-restore.sql). Its password is kept in RESTORE_CNF
# (0600) and reaches mariadb on standard input, never on a command line.
restore_account() {
	if [ ! -s "$RESTORE_CNF" ] || ! mariadb --defaults-file="$RESTORE_CNF" -e "SELECT 1" >/dev/null 2>&1; then
		local pw
		pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
		printf "CREATE USER IF NOT EXISTS 'portal_restore'@'localhost';
			ALTER USER 'portal_restore'@'localhost' IDENTIFIED BY '%s';\n" "$pw" |
			mariadb --defaults-file="$ADMIN_CNF"
		(umask 077; cat > "$RESTORE_CNF" <<CNF
[client]
socket=$DB_SOCK
user=portal_restore
password=$pw
default-character-set=utf8mb4
CNF
		)
	fi
	mariadb --defaults-file="$ADMIN_CNF" < "$ROOT/sql/grants-restore.sql"
}

# The app's own database account, with a random password kept in APP_CNF (0600).
db_setup() {
	if [ ! -s "$APP_CNF" ] || ! mariadb --defaults-file="$APP_CNF" -e "SELECT 1" >/dev/null 2>&1; then
		local pw
		pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
		# On stdin, not with -e: a command line is readable by every user (ps).
		mariadb --defaults-file="$ADMIN_CNF" <<SQL
CREATE USER IF NOT EXISTS 'portal_app'@'localhost';
ALTER USER 'portal_app'@'localhost' IDENTIFIED BY '$pw';
SQL
		(umask 077; cat > "$APP_CNF" <<CNF
[client]
socket=$DB_SOCK
user=portal_app
password=$pw
database=portal
default-character-set=utf8mb4
CNF
		)
	fi
	"$ROOT/tools/migrate.sh" "$ADMIN_CNF" portal "$ROOT/sql" >>"$LOG_DIR/migrate.log" 2>&1 ||
		{ tail -n 5 "$LOG_DIR/migrate.log" >&2; die "migration failed: see $LOG_DIR/migrate.log"; }
}

# The application's configuration (also read by portalctl). Plain HTTP on
# loopback here, so the session cookie cannot be Secure.
write_app_config() {
	local port user group
	port=$(cat "$DIR/port")
	user=$(nginx_user)
	group=$(socket_group "$user")
	mkdir -p "$RUN_DIR" "$LOG_DIR"
	# Set-group-ID, as the installed service's runtime directory: the socket is born with the group.
	chgrp "$group" "$RUN_DIR"
	chmod 2750 "$RUN_DIR"
	if [ ! -s "$CHAIN_KEY" ]; then
		(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$CHAIN_KEY")
	fi
	# The second factor's key: seals TOTP secrets, keys recovery code hashes.
	if [ ! -s "$MFA_KEY" ]; then
		(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$MFA_KEY")
	fi
	# The backups' MAC key, beside the chain key; read by portalctl only.
	if [ ! -s "$BACKUP_KEY" ]; then
		(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$BACKUP_KEY")
	fi
	cat > "$CONF" <<CONF
# Configuration of this instance's FastCGI application (written by tools/stack.sh).
listen = $APP_SOCK
socket_group = $group
socket_mode = 0660
pid_file = $DIR/portal.pid
templates = $ROOT/build/templates
db_config = $APP_CNF
chain_key_file = $CHAIN_KEY
workers = ${PORTAL_WORKERS:-2}
threads = ${PORTAL_THREADS:-4}
origins = http://127.0.0.1:$port http://localhost:$port
secure_cookies = 0
session_idle = ${PORTAL_SESSION_IDLE:-1800}
session_lifetime = ${PORTAL_SESSION_LIFETIME:-43200}
hash_slots = ${PORTAL_HASH_SLOTS:-2}
hash_wait_ms = ${PORTAL_HASH_WAIT_MS:-2000}
db_lock_wait_timeout = ${PORTAL_DB_LOCK_WAIT:-5}
pwhash_ops = ${PORTAL_PWHASH_OPS:-2}
pwhash_mem_mib = ${PORTAL_PWHASH_MEM_MIB:-64}
status_file = $RUN_DIR/status
admin_db_config = $ADMIN_CNF
restore_db_config = $RESTORE_CNF
backup_key_file = $BACKUP_KEY
chain_heads_file = $CHAIN_HEADS
mfa_key_file = $MFA_KEY
mfa_required = ${PORTAL_MFA_REQUIRED-viewer editor cochair admin}
CONF
}

# One account per side and role, on a database that has no accounts yet.
demo_accounts() {
	local ctl=$1 count side role login name pw secret
	count=$(mariadb --defaults-file="$ADMIN_CNF" --batch --skip-column-names portal -e "SELECT COUNT(*) FROM accounts")
	[ "$count" = 0 ] || return 0
	declare -A names=([EU-viewer]="EU viewer (demo)" [EU-editor]="EU editor (demo)"
		[EU-cochair]="EU co-chair (demo)" [EU-admin]="EU administrator (demo)"
		[KR-viewer]="한국 열람자 (데모)" [KR-editor]="한국 편집자 (데모)"
		[KR-cochair]="한국 공동의장 (데모)" [KR-admin]="한국 관리자 (데모)")
	(umask 077; : > "$DEMO.new")
	for side in EU KR; do
		for role in viewer editor cochair admin; do
			login="${side,,}-$role"
			pw=$(head -c 1024 /dev/urandom | tr -dc 'a-km-zA-HJ-NP-Z2-9' | head -c 16)
			printf '%s\n' "$pw" | "$ctl" -c "$CONF" user add --login "$login" --name "${names[$side-$role]}" \
				--side "$side" --role "$role" >/dev/null || die "cannot create the demo account $login"
			# Enrolled with an authenticator app: its key (base32) goes beside the password.
			secret=$("$ctl" -c "$CONF" user totp "$login" | head -n1) && [ -n "$secret" ] ||
				die "cannot set up the demo account's authenticator app ($login)"
			printf '%-12s %-16s %s\n' "$login" "$pw" "$secret" >> "$DEMO.new"
		done
	done
	mv "$DEMO.new" "$DEMO"
}

app_start() {
	local bin=$1
	check_paths
	app_stop
	write_app_config
	"$bin" -c "$CONF" -t >/dev/null || die "the application refuses its configuration $CONF"
	# PORTAL_WRAPPER runs the app under a tool, e.g. valgrind (make valgrind).
	setsid ${PORTAL_WRAPPER:-} "$bin" -c "$CONF" </dev/null >>"$LOG_DIR/app.log" 2>&1 &
	wait_for 600 test -S "$APP_SOCK" || die "the application did not start: see $LOG_DIR/app.log"
}

app_stop() {
	stop_pid "$DIR/portal.pid" portal TERM
}

nginx_start() {
	local port=$1 user
	nginx_stop
	user=$(nginx_user)
	mkdir -p "$NGX_DIR" "$LOG_DIR"
	local user_line="# workers run as the caller"
	[ "$(id -u)" = 0 ] && user_line="user $user;"
	sed -e "s|@USER_LINE@|$user_line|" -e "s|@PORT@|$port|g" -e "s|@ROOT@|$ROOT|g" \
		-e "s|@DIR@|$DIR|g" "$ROOT/nginx.conf" > "$NGX_DIR/nginx.conf"
	nginx -q -t -p "$NGX_DIR/" -c "$NGX_DIR/nginx.conf" -e "$LOG_DIR/nginx-error.log" ||
		die "nginx refuses $NGX_DIR/nginx.conf"
	nginx -p "$NGX_DIR/" -c "$NGX_DIR/nginx.conf" -e "$LOG_DIR/nginx-error.log" ||
		die "nginx did not start (is port $port free?): see $LOG_DIR/nginx-error.log"
	wait_for 100 test -s "$NGX_DIR/nginx.pid" || die "nginx did not start: see $LOG_DIR/nginx-error.log"
}

nginx_stop() {
	stop_pid "$NGX_DIR/nginx.pid" nginx QUIT
}

case $cmd in
start)
	port=${3:?port}
	bin=$(realpath "${4:?application binary}")
	mkdir -p "$DIR"
	echo "$port" > "$DIR/port"
	db_start
	restore_account
	db_setup
	write_app_config
	demo_accounts "$(dirname "$bin")/portalctl"
	app_start "$bin"
	nginx_start "$port"
	;;
stop)
	nginx_stop
	app_stop
	db_stop
	;;
db-start) db_start; restore_account ;;
db-stop) db_stop ;;
app-start) app_start "$(realpath "${3:?application binary}")" ;;
app-stop) app_stop ;;
accounts)
	bin=$(realpath "${3:?application binary}")
	write_app_config
	demo_accounts "$(dirname "$bin")/portalctl"
	;;
*) die "unknown command $cmd" ;;
esac
