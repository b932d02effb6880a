#!/bin/bash
# The portal on a three-node MariaDB Galera cluster, on one machine, on
# loopback only, everything under DIR (make cluster: var/cluster):
#   DIR/node1..3   MariaDB + galera-4 nodes (own datadir, socket, ports; as the mysql user)
#   DIR/haproxy    HAProxy: one writer (node1, then node2, then node3) chosen by a
#                  health check on wsrep_local_state = 4 (tools/galera-check.sh)
#   DIR/app1, app2 two FastCGI application instances (tools/stack.sh app-start)
#   DIR/web        one nginx with both instances in its upstream, on PORT
# Ports, from PORT: nginx PORT, HAProxy PORT+1; node k: SQL PORT+10+k,
# Galera replication PORT+13+k, IST PORT+16+k, SST PORT+19+k.
#
#   tools/cluster.sh start DIR PORT APP_BINARY   (re)start all; keeps the databases. After a
#                                                full stop it bootstraps from the node that
#                                                is safe to bootstrap (or has the highest seqno)
#   tools/cluster.sh stop DIR                    stop everything of DIR (nodes shut down cleanly)
#   tools/cluster.sh stop-node DIR K             SIGKILL node K
#   tools/cluster.sh start-node DIR K            start node K, wait until it is Synced again
#   tools/cluster.sh app-stop DIR K | app-start DIR K APP_BINARY
#   tools/cluster.sh status DIR                  each node's state, cluster size, the writer
#   tools/cluster.sh node-config DIR K           prints the path of a portal.conf that talks to
#                                                node K directly (portalctl verify per node)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: cluster.sh start|stop|stop-node|start-node|status|app-start|app-stop|node-config DIR ...}
DIR=$(realpath -m "${2:?cluster directory}")
NODES="1 2 3"
HA_DIR=$DIR/haproxy
WEB=$DIR/web
ADMIN_CNF=$DIR/admin.cnf          # root on node 1's socket: schema and users
CHECK_CNF=$HA_DIR/check.cnf
STACK=$ROOT/tools/stack.sh

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

port_of() { cat "$DIR/port"; }
sql_port() { echo $(($(port_of) + 10 + $1)); }
gcomm_port() { echo $(($(port_of) + 13 + $1)); }
ist_port() { echo $(($(port_of) + 16 + $1)); }
sst_port() { echo $(($(port_of) + 19 + $1)); }
ha_port() { echo $(($(port_of) + 1)); }
node_dir() { echo "$DIR/node$1"; }
node_cnf() { echo "$DIR/node$1/my.cnf"; }

wait_for() {
	local tenths=$1
	shift
	while ! "$@" >/dev/null 2>&1; do
		tenths=$((tenths - 1))
		[ "$tenths" -gt 0 ] || return 1
		sleep 0.1
	done
}

alive_pid() {
	local file=$1 name=$2 pid
	[ -s "$file" ] || return 1
	pid=$(head -n1 "$file")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	[ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$name" || return 1
	echo "$pid"
}

db_user() { [ "$(id -u)" = 0 ] && echo mysql || id -un; }

write_node_config() {
	local k=$1 nd peers="" j
	nd=$(node_dir "$k")
	for j in $NODES; do peers="$peers${peers:+,}127.0.0.1:$(gcomm_port "$j")"; done
	mkdir -p "$nd/data" "$nd/tmp"
	local user_line="# runs as the caller"
	[ "$(id -u)" = 0 ] && user_line="user=mysql"
	sed -e "s|@USER_LINE@|$user_line|" -e "s|@NODE_DIR@|$nd|g" -e "s|@SQL_PORT@|$(sql_port "$k")|" \
		-e "s|@BUFFER_POOL@|${CLUSTER_BUFFER_POOL:-128M}|" -e "s|@CLUSTER_NAME@|eukr-portal-$(port_of)|" \
		-e "s|@GCOMM_PEERS@|$peers|" -e "s|@NODE_NAME@|node$k|" -e "s|@GCOMM_PORT@|$(gcomm_port "$k")|g" \
		-e "s|@IST_PORT@|$(ist_port "$k")|" -e "s|@SST_PORT@|$(sst_port "$k")|" \
		"$ROOT/dist/galera.cnf.in" > "$nd/my.cnf.new"
	mv "$nd/my.cnf.new" "$nd/my.cnf"
	chmod 644 "$nd/my.cnf"
	chown -R "$(db_user)" "$nd"
	chmod 750 "$nd"
	[ "$(id -u)" = 0 ] && chgrp root "$nd"
	true
}

node_pid() { alive_pid "$(node_dir "$1")/mariadbd.pid" mariadbd; }

node_sql() { # k, query: as root on the node's socket
	mariadb --defaults-file="$(node_cnf "$1")" --batch --skip-column-names -e "$2"
}

node_state() { # prints "local_state cluster_status cluster_size" or fails
	local out
	out=$(timeout 5 mariadb --defaults-file="$(node_cnf "$1")" --batch --skip-column-names --connect-timeout=2 \
		-e "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state','wsrep_cluster_status','wsrep_cluster_size')" 2>/dev/null) || return 1
	awk '{ v[$1] = $2 } END { print v["wsrep_local_state"], v["wsrep_cluster_status"], v["wsrep_cluster_size"] }' <<<"$out"
}

node_synced() { local s; s=$(node_state "$1") || return 1; [[ $s == "4 Primary "* ]]; }
cluster_size_is() { local s; s=$(node_state "$1") || return 1; [ "$(awk '{ print $3 }' <<<"$s")" = "$2" ]; }

# The position a stopped node's InnoDB holds (uuid:seqno), as galera_recovery finds it.
recover_position() {
	local k=$1 nd log
	nd=$(node_dir "$k")
	log=$nd/recover.log
	: > "$log"
	chown "$(db_user)" "$log"
	mariadbd --defaults-file="$(node_cnf "$k")" --wsrep-recover --log-error="$log" >/dev/null 2>&1 || true
	sed -n 's/.*WSREP: Recovered position: \([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' "$log" | tail -n1
}

grastate() { # k, field
	sed -n "s/^$2:[[:space:]]*//p" "$(node_dir "$1")/data/grastate.dat" 2>/dev/null | head -n1
}

# Starts node k's mariadbd. mode: bootstrap (new Primary component) or join.
launch_node() {
	local k=$1 mode=$2 nd args=()
	nd=$(node_dir "$k")
	write_node_config "$k"
	if [ ! -d "$nd/data/mysql" ] && [ "$mode" = bootstrap ]; then
		say "creating the database of node$k"
		mariadb-install-db --defaults-file="$(node_cnf "$k")" --user="$(db_user)" \
			--auth-root-authentication-method=socket --skip-test-db >"$nd/install.log" 2>&1 ||
			die "mariadb-install-db failed: see $nd/install.log"
	fi
	if [ -f "$nd/data/grastate.dat" ] && [ "$(grastate "$k" seqno)" = -1 ]; then
		# Killed: its position is in InnoDB only. Given to Galera, it allows IST.
		local pos
		pos=$(recover_position "$k")
		[ -n "$pos" ] && args+=("--wsrep-start-position=$pos")
	fi
	[ "$mode" = bootstrap ] && args+=(--wsrep-new-cluster)
	setsid mariadbd --defaults-file="$(node_cnf "$k")" "${args[@]}" </dev/null >>"$nd/mariadb.log" 2>&1 &
}

wait_synced() { # k, tenths
	wait_for "$2" node_synced "$1" || die "node$1 did not reach Synced: see $(node_dir "$1")/mariadb.log"
}

start_node() {
	local k=$1
	node_pid "$k" >/dev/null && { wait_synced "$k" 1200; return 0; }
	local t0=$SECONDS log before how=IST
	log=$(node_dir "$k")/mariadb.log
	before=$({ wc -l < "$log"; } 2>/dev/null || echo 0)
	launch_node "$k" join
	wait_synced "$k" 3000
	tail -n +$((before + 1)) "$log" | grep -q "rsync SST completed" && how="full copy, rsync SST"
	say "node$k is Synced ($how) after $((SECONDS - t0)) s"
}

stop_node_kill() {
	local k=$1 pid
	pid=$(node_pid "$k") || { say "node$k is not running"; return 0; }
	kill -KILL "$pid"
	wait_for 100 sh -c "! kill -0 $pid" || true
	say "node$k (pid $pid) killed"
}

shutdown_node() {
	local k=$1 pid i
	pid=$(node_pid "$k") || return 0
	mariadb-admin --defaults-file="$(node_cnf "$k")" shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		say "node$k (pid $pid) did not stop in 60 s: killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
}

# The node to bootstrap from when no node runs: the one Galera marked
# safe_to_bootstrap (the last to leave a cleanly stopped cluster), else the one
# whose InnoDB holds the highest seqno (all were killed); it is then marked.
bootstrap_node() {
	local k best="" best_seq=-2 seq
	for k in $NODES; do
		[ -f "$(node_dir "$k")/data/grastate.dat" ] || continue
		if [ "$(grastate "$k" safe_to_bootstrap)" = 1 ]; then echo "$k"; return; fi
	done
	for k in $NODES; do
		[ -f "$(node_dir "$k")/data/grastate.dat" ] || continue
		seq=$(grastate "$k" seqno)
		[ "$seq" = -1 ] && seq=$(recover_position "$k" | sed 's/.*://')
		[ -n "$seq" ] || continue
		echo "cluster: node$k: seqno $seq" >&2
		if [ "$seq" -gt "$best_seq" ]; then best=$k best_seq=$seq; fi
	done
	[ -n "$best" ] || { echo 1; return; }
	sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_dir "$best")/data/grastate.dat"
	echo "$best"
}

start_nodes() {
	local running="" k
	for k in $NODES; do node_pid "$k" >/dev/null && running="$running $k"; done
	if [ -z "$running" ]; then
		local b
		b=$(bootstrap_node)
		say "bootstrapping the cluster from node$b"
		launch_node "$b" bootstrap
		wait_synced "$b" 1200
		for k in $NODES; do [ "$k" = "$b" ] || start_node "$k"; done
	else
		for k in $NODES; do start_node "$k"; done
	fi
	local first
	first=$(echo $NODES | awk '{ print $1 }')
	wait_for 600 cluster_size_is "$first" 3 || die "the cluster did not reach size 3"
	say "cluster Primary, size 3"
}

key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
random_pw() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Accounts (replicated to every node): the app's and the restore account, on
# 127.0.0.1 (through HAProxy) and localhost (a node's socket); HAProxy's check account.
setup_database() {
	cat > "$ADMIN_CNF" <<CNF
# root on node 1 (written by tools/cluster.sh): schema, accounts, backups.
[client]
socket=$(node_dir 1)/mysqld.sock
default-character-set=utf8mb4
CNF
	local pw rpw cpw
	if [ ! -s "$DIR/app-password" ]; then (umask 077; random_pw > "$DIR/app-password"; random_pw > "$DIR/restore-password"; random_pw > "$DIR/check-password"); fi
	pw=$(cat "$DIR/app-password") rpw=$(cat "$DIR/restore-password") cpw=$(cat "$DIR/check-password")
	mariadb --defaults-file="$ADMIN_CNF" <<SQL
CREATE USER IF NOT EXISTS 'portal_app'@'localhost';
ALTER USER 'portal_app'@'localhost' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'portal_app'@'127.0.0.1';
ALTER USER 'portal_app'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'portal_restore'@'localhost';
ALTER USER 'portal_restore'@'localhost' IDENTIFIED BY '$rpw';
CREATE USER IF NOT EXISTS 'portal_check'@'127.0.0.1';
ALTER USER 'portal_check'@'127.0.0.1' IDENTIFIED BY '$cpw';
SQL
	mkdir -p "$DIR/log"
	"$ROOT/tools/migrate.sh" "$ADMIN_CNF" portal "$ROOT/sql" >>"$DIR/log/migrate.log" 2>&1 ||
		{ tail -n 5 "$DIR/log/migrate.log" >&2; die "migration failed: see $DIR/log/migrate.log"; }
	sed "s/'localhost'/'127.0.0.1'/" "$ROOT/sql/grants.sql" | mariadb --defaults-file="$ADMIN_CNF"
	mariadb --defaults-file="$ADMIN_CNF" < "$ROOT/sql/grants-restore.sql"
	mkdir -p "$HA_DIR"
	(umask 077; cat > "$CHECK_CNF" <<CNF
[client]
user=portal_check
password=$cpw
CNF
	)
}

haproxy_start() {
	haproxy_stop
	mkdir -p "$HA_DIR"
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$ROOT/tools/galera-check.sh" "$CHECK_CNF" > "$HA_DIR/check.sh"
	chmod 755 "$HA_DIR/check.sh"
	sed -e "s|@HA_DIR@|$HA_DIR|g" -e "s|@HA_PORT@|$(ha_port)|" -e "s|@SQL_PORT1@|$(sql_port 1)|" \
		-e "s|@SQL_PORT2@|$(sql_port 2)|" -e "s|@SQL_PORT3@|$(sql_port 3)|" \
		"$ROOT/dist/haproxy-galera.cfg.in" > "$HA_DIR/haproxy.cfg"
	haproxy -q -c -f "$HA_DIR/haproxy.cfg" || die "haproxy refuses $HA_DIR/haproxy.cfg"
	haproxy -D -f "$HA_DIR/haproxy.cfg" || die "haproxy did not start"
	wait_for 100 test -s "$HA_DIR/haproxy.pid" || die "haproxy did not start"
	wait_for 200 ha_writer_up || die "HAProxy sees no Synced node"
}

haproxy_stop() {
	local pid
	pid=$(alive_pid "$HA_DIR/haproxy.pid" haproxy) || { rm -f "$HA_DIR/haproxy.pid"; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	wait_for 100 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
	rm -f "$HA_DIR/haproxy.pid"
}

ha_stat() { echo "show stat" | timeout 5 socat - "UNIX-CONNECT:$HA_DIR/admin.sock" 2>/dev/null; }

# The server HAProxy sends writes to: the first of node1..3 that is UP (backups in order).
ha_writer() {
	ha_stat | awk -F, '$1 == "galera-writer" && $2 ~ /^node/ && $18 == "UP" { print $2; exit }'
}
ha_writer_up() { [ -n "$(ha_writer)" ]; }

app_dir() { echo "$DIR/app$1"; }

# The files tools/stack.sh expects in an instance directory, shared by both instances.
prepare_app() {
	local k=$1 ad pw rpw
	ad=$(app_dir "$k")
	mkdir -p "$ad/mariadb"
	echo "$(port_of)" > "$ad/port"
	pw=$(cat "$DIR/app-password") rpw=$(cat "$DIR/restore-password")
	[ -s "$DIR/chain.key" ] || (umask 077; key > "$DIR/chain.key"; key > "$DIR/backup.key")
	# Both app instances seal and open the accounts' TOTP secrets with one key.
	[ -s "$DIR/mfa.key" ] || (umask 077; key > "$DIR/mfa.key")
	(umask 077
	cp "$DIR/chain.key" "$ad/chain.key"
	cp "$DIR/backup.key" "$ad/backup.key"
	cp "$DIR/mfa.key" "$ad/mfa.key"
	cat > "$ad/app-db.cnf" <<CNF
[client]
host=127.0.0.1
port=$(ha_port)
user=portal_app
password=$pw
database=portal
default-character-set=utf8mb4
CNF
	cat > "$ad/restore-db.cnf" <<CNF
[client]
socket=$(node_dir 1)/mysqld.sock
user=portal_restore
password=$rpw
default-character-set=utf8mb4
CNF
	cp "$ADMIN_CNF" "$ad/mariadb/admin.cnf")
}

app_start() {
	prepare_app "$1"
	"$STACK" app-start "$(app_dir "$1")" "$2"
}

web_start() {
	local port=$1 user_line="# workers run as the caller"
	mkdir -p "$WEB/nginx" "$WEB/log"
	web_stop
	# As tools/stack.sh: www-data when it can reach the files, else the caller.
	if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1 &&
		runuser -u www-data -- test -r "$ROOT/static/portal.css" 2>/dev/null; then
		user_line="user www-data;"
	fi
	# stack.sh's nginx.conf, with an upstream of both instances instead of one socket.
	sed -e "s|@USER_LINE@|$user_line|" -e "s|@PORT@|$port|g" -e "s|@ROOT@|$ROOT|g" -e "s|@DIR@|$WEB|g" \
		-e "s|fastcgi_pass unix:$WEB/run/app.sock;|fastcgi_pass portal_apps;|" \
		-e "s|^http {|http {\n    upstream portal_apps {\n        server unix:$(app_dir 1)/run/app.sock max_fails=1 fail_timeout=5s;\n        server unix:$(app_dir 2)/run/app.sock max_fails=1 fail_timeout=5s;\n    }|" \
		"$ROOT/nginx.conf" > "$WEB/nginx/nginx.conf"
	nginx -q -t -p "$WEB/nginx/" -c "$WEB/nginx/nginx.conf" -e "$WEB/log/nginx-error.log" ||
		die "nginx refuses $WEB/nginx/nginx.conf"
	nginx -p "$WEB/nginx/" -c "$WEB/nginx/nginx.conf" -e "$WEB/log/nginx-error.log" ||
		die "nginx did not start (is port $port free?)"
	wait_for 100 test -s "$WEB/nginx/nginx.pid" || die "nginx did not start"
}

web_stop() {
	local pid
	pid=$(alive_pid "$WEB/nginx/nginx.pid" nginx) || { rm -f "$WEB/nginx/nginx.pid"; return 0; }
	kill -QUIT "$pid" 2>/dev/null || true
	wait_for 300 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
	rm -f "$WEB/nginx/nginx.pid"
}

# A portal.conf for portalctl that talks to node k directly (its socket).
node_config() {
	local k=$1 ad nd
	ad=$(app_dir 1) nd=$(node_dir "$k")
	(umask 077
	sed -e "s|^host=.*|socket=$nd/mysqld.sock|" -e "/^port=/d" "$ad/app-db.cnf" > "$DIR/node$k-app-db.cnf"
	sed -e "s|^db_config = .*|db_config = $DIR/node$k-app-db.cnf|" -e "/^chain_heads_file/d" \
		"$ad/portal.conf" > "$DIR/node$k-portal.conf")
	echo "$DIR/node$k-portal.conf"
}

status() {
	local k s writer
	for k in $NODES; do
		if ! node_pid "$k" >/dev/null; then
			printf 'node%s  SQL port %s  down\n' "$k" "$(sql_port "$k")"
		elif s=$(node_state "$k"); then
			read -r ls cs sz <<<"$s"
			local name=$ls
			case $ls in 1) name="Joining";; 2) name="Donor/Desynced";; 3) name="Joined";; 4) name="Synced";; 0) name="Initialized";; esac
			printf 'node%s  SQL port %s  %s (wsrep_local_state %s), component %s, cluster size %s\n' \
				"$k" "$(sql_port "$k")" "$name" "$ls" "$cs" "$sz"
		else
			printf 'node%s  SQL port %s  running, not answering\n' "$k" "$(sql_port "$k")"
		fi
	done
	local stat
	stat=$(ha_stat || true)
	writer=$(awk -F, '$1 == "galera-writer" && $2 ~ /^node/ && $18 == "UP" { print $2; exit }' <<<"$stat")
	printf 'writer  %s (HAProxy on 127.0.0.1:%s; its checks: %s)\n' "${writer:-none}" "$(ha_port)" \
		"$(awk -F, '$1 == "galera-writer" && $2 ~ /^node/ { printf "%s%s %s", sep, $2, $18; sep = ", " }' <<<"$stat")"
	for k in 1 2; do
		if alive_pid "$(app_dir "$k")/portal.pid" portal >/dev/null 2>&1; then
			printf 'app%s    running\n' "$k"
		else
			printf 'app%s    down\n' "$k"
		fi
	done
}

stop_all() {
	web_stop
	local k
	for k in 1 2; do [ -d "$(app_dir "$k")" ] && "$STACK" app-stop "$(app_dir "$k")"; done
	haproxy_stop
	# One after the other, node1 last: it is then the one safe to bootstrap from.
	for k in 3 2 1; do shutdown_node "$k"; done
}

case $cmd in
start)
	port=${3:?port}
	bin=$(realpath "${4:?application binary}")
	mkdir -p "$DIR"
	chmod 755 "$DIR"
	echo "$port" > "$DIR/port"
	command -v haproxy >/dev/null || die "haproxy is not installed (make deps)"
	[ -f /usr/lib/galera/libgalera_smm.so ] || die "galera-4 is not installed (make deps)"
	start_nodes
	setup_database
	haproxy_start
	for k in 1 2; do prepare_app "$k"; done
	"$STACK" accounts "$(app_dir 1)" "$bin" >/dev/null
	[ -s "$(app_dir 1)/demo-accounts.txt" ] && cp "$(app_dir 1)/demo-accounts.txt" "$DIR/demo-accounts.txt"
	for k in 1 2; do app_start "$k" "$bin"; done
	web_start "$port"
	;;
stop) stop_all ;;
stop-node) stop_node_kill "${3:?node number}" ;;
start-node)
	k=${3:?node number}
	running=""
	for j in $NODES; do node_pid "$j" >/dev/null && running=1; done
	[ -n "$running" ] || die "no node runs: start the whole cluster (make cluster) to bootstrap it"
	start_node "$k"
	;;
app-stop) "$STACK" app-stop "$(app_dir "${3:?instance number}")" ;;
app-start) app_start "${3:?instance number}" "$(realpath "${4:?application binary}")" ;;
status) status ;;
node-config) node_config "${3:?node number}" ;;
*) die "unknown command $cmd" ;;
esac
