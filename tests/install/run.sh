#!/bin/bash
# `make install` into a temporary DESTDIR, then: the tree, the systemd units
# (systemd-analyze verify), the nginx site file (nginx -t, and the same
# locations and headers as nginx.conf), and the installed pieces working
# together: the installed application (the sanitizer build) and nginx with
# the installed site file over TLS, on the test instance's database.
#   tests/install/run.sh --port PORT --instance DIR   (uses PORT and PORT + 1)
# Ends with "install tests: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
PORT= INST=
while [ $# -gt 0 ]; do
	case $1 in
	--port) PORT=$2; shift 2 ;;
	--instance) INST=$(realpath "$2"); shift 2 ;;
	*) echo "usage: $0 --port PORT --instance DIR" >&2; exit 2 ;;
	esac
done
[ -n "$PORT" ] && [ -n "$INST" ] || { echo "usage: $0 --port PORT --instance DIR" >&2; exit 2; }

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "install: ok   $1"; }
ko() { failed=$((failed + 1)); echo "install: FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }
check() { # name command...: passes when the command succeeds
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$name"; else ko "$name" "$out"; fi
}

tmp=$(mktemp -d /tmp/eukr-install.XXXXXX)
D=$tmp/root
P=/usr/local
cleanup() {
	[ -s "$tmp/nginx.pid" ] && kill -QUIT "$(cat "$tmp/nginx.pid")" 2>/dev/null
	if [ -s "$tmp/portal.pid" ]; then
		local pid i
		pid=$(cat "$tmp/portal.pid")
		kill -TERM "$pid" 2>/dev/null
		for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- the tree ------------------------------------------------------------------
if out=$(make --no-print-directory install DESTDIR="$D" INSTALL_BIN=build/san SERVER_NAME=portal.test 2>&1); then
	ok "make install DESTDIR=... succeeds"
else
	ko "make install DESTDIR=... succeeds" "$out"
	echo "install tests: $passed passed, $failed failed"
	exit 1
fi

tree_ok() {
	local want=(
		"0755 $P/sbin/eukr-portal" "0755 $P/sbin/portalctl" "0755 $P/lib/eukr-portal/migrate.sh"
		"0755 $P/lib/eukr-portal/setup.sh" "0644 $P/share/eukr-portal/templates/en/dashboard.tpl"
		"0644 $P/share/eukr-portal/templates/ko/dashboard.tpl" "0644 $P/share/eukr-portal/static/portal.css"
		"0644 $P/share/eukr-portal/static/errors/unavailable.html" "0644 $P/share/eukr-portal/sql/001_schema.sql"
		"0644 $P/share/eukr-portal/sql/grants.sql" "0644 $P/lib/systemd/system/eukr-portal.service"
		"0644 $P/lib/systemd/system/eukr-portal-backup.service" "0644 $P/lib/systemd/system/eukr-portal-backup.timer"
		"0644 $P/share/doc/eukr-portal/operations.md" "0750 /etc/eukr-portal" "0640 /etc/eukr-portal/portal.conf"
		"0600 /etc/eukr-portal/admin-db.cnf" "0644 /etc/nginx/sites-available/eukr-portal")
	local w mode path bad=0
	for w in "${want[@]}"; do
		mode=${w%% *} path=${w#* }
		if [ ! -e "$D$path" ]; then echo "missing: $path"; bad=1
		elif [ "$(stat -c %04a "$D$path")" != "$mode" ]; then echo "$path: mode $(stat -c %04a "$D$path"), not $mode"; bad=1
		fi
	done
	[ "$(ls "$D$P/share/eukr-portal/templates/en" | wc -l)" = "$(ls templates/*.tpl | wc -l)" ] ||
		{ echo "not every template is installed"; bad=1; }
	# Every @VALUE@ of the dist/ templates is filled in.
	grep -rlE '@(PREFIX|SYSCONFDIR|HOSTNAME)@' "$D" && bad=1
	grep -q '^templates = /usr/local/share/eukr-portal/templates$' "$D/etc/eukr-portal/portal.conf" || bad=1
	grep -q '^origins = https://portal.test$' "$D/etc/eukr-portal/portal.conf" || bad=1
	grep -q '^secure_cookies = 1$' "$D/etc/eukr-portal/portal.conf" || bad=1
	grep -q '^socket_group = eukr-portal-web$' "$D/etc/eukr-portal/portal.conf" || bad=1
	return $bad
}
check "the tree: programs, templates, static files, SQL, units, configuration, site file" tree_ok

# A reinstall keeps the operator's configuration and puts the new one beside it.
reinstall_keeps_config() {
	echo "workers = 7" >> "$D/etc/eukr-portal/portal.conf"
	make --no-print-directory install DESTDIR="$D" INSTALL_BIN=build/san SERVER_NAME=portal.test >/dev/null &&
		grep -q '^workers = 7$' "$D/etc/eukr-portal/portal.conf" &&
		! grep -q '^workers = 7$' "$D/etc/eukr-portal/portal.conf.dist" &&
		sed -i '/^workers = 7$/d' "$D/etc/eukr-portal/portal.conf"
}
check "a reinstall keeps the configuration (the new one as portal.conf.dist)" reinstall_keeps_config

# The installed configuration, with its paths moved into the temporary tree
# and the test instance's database, key and a port of our own.
mkdir -p "$tmp/run" "$tmp/log"
HTTPS=$PORT HTTP=$((PORT + 1))
sed -e "s|^listen = .*|listen = $tmp/run/app.sock|" -e "s|^pid_file = .*|pid_file = $tmp/portal.pid|" \
	-e "s|^status_file = .*|status_file = $tmp/run/status|" -e "s|^templates = |templates = $D|" \
	-e "s|^tmp_dir = .*|tmp_dir = $tmp|" -e "s|^db_config = .*|db_config = $INST/app-db.cnf|" \
	-e "s|^admin_db_config = .*|admin_db_config = $INST/mariadb/admin.cnf|" \
	-e "s|^chain_key_file = .*|chain_key_file = $INST/chain.key|" \
	-e "s|^chain_heads_file = .*|chain_heads_file = $tmp/chain.heads|" \
	-e "s|^backup_key_file = .*|backup_key_file = $INST/backup.key|" \
	-e "s|^mfa_key_file = .*|mfa_key_file = $INST/mfa.key|" \
	-e "s|^restore_db_config = .*|restore_db_config = $INST/restore-db.cnf|" \
	-e "s|^origins = .*|origins = https://portal.test:$HTTPS|" \
	"$D/etc/eukr-portal/portal.conf" > "$tmp/portal.conf"
check "the installed application accepts the installed configuration and templates (-t)" \
	"$D$P/sbin/eukr-portal" -c "$tmp/portal.conf" -t

# ---- systemd units -------------------------------------------------------------
# verify needs the programs at the paths the units name: copies pointing into the tree.
units_verify() {
	mkdir -p "$tmp/units"
	local u out
	for u in "$D$P"/lib/systemd/system/*; do
		sed -e "s|$P/|$D$P/|g" -e "s|/etc/eukr-portal|$D/etc/eukr-portal|g" "$u" > "$tmp/units/$(basename "$u")"
	done
	# It reports unknown keys and missing programs without failing: any output fails.
	out=$(cd "$tmp/units" && systemd-analyze verify ./*.service ./*.timer 2>&1) && [ -z "$out" ] || { echo "$out"; return 1; }
	grep -q '^User=eukr-portal$' "$tmp/units/eukr-portal.service" &&
		grep -q '^ProtectSystem=strict$' "$tmp/units/eukr-portal.service" &&
		grep -q '^NoNewPrivileges=yes$' "$tmp/units/eukr-portal.service" &&
		grep -q '^PrivateTmp=yes$' "$tmp/units/eukr-portal.service" &&
		grep -q '^Restart=on-failure$' "$tmp/units/eukr-portal.service"
}
check "systemd-analyze verify: eukr-portal.service, the backup service and timer (hardened, restarted)" units_verify

# The socket's group holds nginx's user only (SECURITY.md, libfcgi): the
# service is not in it, neither as its group nor as a supplementary one; its
# runtime directory is set-group-ID with it; setup.sh makes nginx's user its
# only member.
socket_group_is_nginx_only() { # unit conf setup.sh
	local unit=$1 conf=$2 setup=$3 group service_groups
	group=$(sed -n 's/^socket_group = //p' "$conf")
	[ -n "$group" ] && [ "$group" != www-data ] || { echo "socket_group '$group'"; return 1; }
	service_groups=$(sed -n 's/^\(Group\|SupplementaryGroups\)=//p' "$unit" | tr ' ' '\n')
	! grep -qx -e "$group" -e www-data <<<"$service_groups" || { echo "the service is in $group or www-data"; return 1; }
	grep -q '^RuntimeDirectoryMode=2750$' "$unit" &&
		grep -qx "ExecStartPre=+/bin/chgrp $group /run/eukr-portal" "$unit" &&
		grep -qx "ExecStartPre=+/bin/chmod 2750 /run/eukr-portal" "$unit" || { echo "runtime directory"; return 1; }
	grep -q "^SOCKET_GROUP=$group\$" "$setup" && grep -q '^NGINX_USER=www-data$' "$setup" &&
		grep -q 'addgroup --system "$SOCKET_GROUP"' "$setup" && grep -q 'adduser "$NGINX_USER" "$SOCKET_GROUP"' "$setup" ||
		{ echo "setup.sh does not make nginx's user the group's member"; return 1; }
}
check "the socket's group is nginx's alone: not the service's, set-group-ID runtime directory, made by setup.sh" \
	socket_group_is_nginx_only "$tmp/units/eukr-portal.service" "$D/etc/eukr-portal/portal.conf" "$D$P/lib/eukr-portal/setup.sh"
socket_group_negative() {
	sed 's/^Group=eukr-portal$/Group=eukr-portal\nSupplementaryGroups=www-data/' "$tmp/units/eukr-portal.service" \
		> "$tmp/units/bad.service.txt"
	sed 's/^socket_group = .*/socket_group = www-data/' "$D/etc/eukr-portal/portal.conf" > "$tmp/bad.conf"
	! socket_group_is_nginx_only "$tmp/units/bad.service.txt" "$D/etc/eukr-portal/portal.conf" \
		"$D$P/lib/eukr-portal/setup.sh" >/dev/null &&
		! socket_group_is_nginx_only "$tmp/units/eukr-portal.service" "$tmp/bad.conf" "$D$P/lib/eukr-portal/setup.sh" >/dev/null
}
check "the socket-group check finds the service in www-data, and www-data as the socket's group (negative control)" \
	socket_group_negative
# The check can fail: a misspelt key is reported.
units_negative() {
	sed 's/^ProtectSystem=strict$/ProtectSystm=strict/' "$tmp/units/eukr-portal.service" > "$tmp/units/bad.service"
	local out
	out=$(cd "$tmp/units" && systemd-analyze verify ./bad.service 2>&1)
	rm -f "$tmp/units/bad.service"
	grep -q "Unknown key 'ProtectSystm'" <<<"$out"
}
check "systemd-analyze verify reports a misspelt key (negative control)" units_negative

# ---- nginx ---------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
	-subj /CN=portal.test >/dev/null 2>&1
# The site file with placeholder certificates, ports, socket and paths of the temporary tree.
sed -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$tmp/cert.pem|" -e "s|/etc/ssl/private/ssl-cert-snakeoil.key|$tmp/key.pem|" \
	-e "s|/var/log/nginx|$tmp/log|" -e "s|unix:/run/eukr-portal/|unix:$tmp/run/|" -e "s|root $P/|root $D$P/|" \
	-e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS ssl http2;|" -e "s|listen 80;|listen 127.0.0.1:$HTTP;|" \
	-e '/listen \[::\]/d' "$D/etc/nginx/sites-available/eukr-portal" > "$tmp/site.conf"
# Debian's nginx.conf includes sites in its http block: so does this wrapper.
cat > "$tmp/nginx.conf" <<CONF
user root;
pid $tmp/nginx.pid;
error_log $tmp/log/nginx-error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $tmp/client_body;
    fastcgi_temp_path $tmp/fastcgi;
    proxy_temp_path $tmp/proxy;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/site.conf;
}
CONF
check "nginx -t accepts the site file (with placeholder certificates)" \
	nginx -t -q -p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/log/nginx-error.log"

# The same locations, error pages and security headers as nginx.conf.
same_as_nginx_conf() {
	python3 - "$ROOT/nginx.conf" "$1" <<'PY'
import re, sys

def parts(path):
    text = open(path).read().replace("unix:@DIR@/run/app.sock", "unix:/run/eukr-portal/app.sock")
    lines = [l.strip() for l in text.splitlines()]
    lines = [l for l in lines if l and not l.startswith("#")]
    names = ("add_header", "error_page", "limit_req_zone", "limit_req_status", "client_header_timeout",
             "client_body_timeout", "send_timeout", "keepalive_timeout", "client_max_body_size",
             "client_body_buffer_size", "large_client_header_buffers", "server_tokens", "charset", "charset_types")
    singles = {l for l in lines if l.split()[0] in names}
    # The locations of the server that serves the portal (the site's HTTPS one).
    if any(l.startswith("listen 443") for l in lines):
        lines = lines[next(i for i, l in enumerate(lines) if l.startswith("listen 443")):]
    blocks, i = {}, 0
    while i < len(lines):
        if lines[i].startswith("location "):
            j = i + 1
            while lines[j] != "}":
                j += 1
            blocks[lines[i]] = lines[i + 1:j]
            i = j
        i += 1
    return blocks, singles

dev, site = parts(sys.argv[1]), parts(sys.argv[2])
bad = False
if dev[0] != site[0]:
    print("locations differ:", sorted(set(dev[0].items()) ^ set(site[0].items()), key=str)[:4])
    bad = True
missing = dev[1] - site[1]
if missing:
    print("missing from the site file:", sorted(missing))
    bad = True
if not any(l.startswith("add_header Strict-Transport-Security") for l in site[1]):
    print("no HSTS header")
    bad = True
sys.exit(1 if bad else 0)
PY
}
check "the site file has nginx.conf's locations, error pages, limits and headers (and HSTS)" \
	same_as_nginx_conf "$D/etc/nginx/sites-available/eukr-portal"
comparison_negative() {
	sed '/X-Frame-Options/d' "$D/etc/nginx/sites-available/eukr-portal" > "$tmp/site-no-header.conf"
	sed 's/fastcgi_read_timeout 60s;/fastcgi_read_timeout 600s;/' "$D/etc/nginx/sites-available/eukr-portal" \
		> "$tmp/site-other-timeout.conf"
	! same_as_nginx_conf "$tmp/site-no-header.conf" >/dev/null && ! same_as_nginx_conf "$tmp/site-other-timeout.conf" >/dev/null
}
check "the comparison finds a missing header and a changed location (negative control)" comparison_negative

# ---- the installed pieces serving together -------------------------------------
# As the service runs: without the right to give a file to a group it is not in
# (no CAP_CHOWN), in a set-group-ID directory of the socket's group. The group
# is the machine's (tools/stack.sh creates it as root too).
SOCKET_GROUP=$(sed -n 's/^socket_group = //p' "$tmp/portal.conf")
getent group "$SOCKET_GROUP" >/dev/null || groupadd --system "$SOCKET_GROUP" 2>/dev/null || true
chgrp "$SOCKET_GROUP" "$tmp/run" && chmod 2750 "$tmp/run"
AS_SERVICE=(setpriv --bounding-set=-chown --inh-caps=-chown --clear-groups --)
# Without the set-group-ID directory it cannot give the socket its group, and says how.
no_setgid_refused() {
	mkdir -p "$tmp/plain"
	sed "s|^listen = .*|listen = $tmp/plain/app.sock|; s|^pid_file = .*|pid_file = $tmp/plain/pid|" \
		"$tmp/portal.conf" > "$tmp/plain.conf"
	local out
	out=$(timeout 20 "${AS_SERVICE[@]}" "$D$P/sbin/eukr-portal" -c "$tmp/plain.conf" </dev/null 2>&1) &&
		{ echo "it started"; return 1; }
	grep -q "make its directory set-group-ID" <<<"$out" && [ ! -e "$tmp/plain/app.sock" ] || { echo "$out"; return 1; }
}
check "the application cannot give its socket a group it is not in, and says why (negative control)" no_setgid_refused
setsid "${AS_SERVICE[@]}" "$D$P/sbin/eukr-portal" -c "$tmp/portal.conf" </dev/null >>"$tmp/log/app.log" 2>&1 &
for _ in $(seq 300); do [ -S "$tmp/run/app.sock" ] && break; sleep 0.1; done
nginx -p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/log/nginx-error.log" 2>&1
for _ in $(seq 100); do [ -s "$tmp/nginx.pid" ] && break; sleep 0.1; done
url="https://portal.test:$HTTPS"
c() { curl -sS --resolve "portal.test:$HTTPS:127.0.0.1" --cacert "$tmp/cert.pem" -b "$tmp/jar" -c "$tmp/jar" "$@"; }

healthz_ok() {
	local want got
	want=$(printf 'ok\nschema %d' "$(sed -n 's/^#define SCHEMA_VERSION_CODE //p' build/gen/schema_version.h)")
	got=$(c "$url/healthz") && [ "$got" = "$want" ] || { echo "got: $got"; return 1; }
}
check "over TLS: /healthz answers ok with the schema version" healthz_ok
socket_born_with_group() {
	[ "$(stat -c %G "$tmp/run/app.sock")" = "$SOCKET_GROUP" ] && [ "$(stat -c %a "$tmp/run/app.sock")" = 660 ] ||
		{ stat -c '%n %U:%G %a' "$tmp/run/app.sock"; return 1; }
	local caps
	caps=$(awk '$1 == "CapEff:" { print $2 }' "/proc/$(cat "$tmp/portal.pid")/status")
	(( (0x$caps & 1) == 0 )) || { echo "the application could chown (CapEff $caps)"; return 1; }
}
check "the application, unable to chown, has its socket born with the group of its directory" socket_born_with_group
headers_ok() {
	local h
	h=$(c -D - -o /dev/null "$url/login") || return 1
	grep -q '^HTTP/2 200' <<<"$h" && grep -qi '^strict-transport-security: max-age=63072000' <<<"$h" &&
		grep -qi "^content-security-policy: default-src 'none'" <<<"$h" && grep -qi '^x-frame-options: DENY' <<<"$h" ||
		{ echo "$h"; return 1; }
	h=$(c -D - -o /dev/null "$url/static/portal.css") || return 1
	grep -q '^HTTP/2 200' <<<"$h" && grep -qi '^content-type: text/css' <<<"$h" || { echo "$h"; return 1; }
	h=$(curl -sS -D - -o /dev/null "http://127.0.0.1:$HTTP/login?lang=ko" -H "Host: portal.test") || return 1
	grep -q '^HTTP/1.1 301' <<<"$h" && grep -qi "^location: https://portal.test/login?lang=ko" <<<"$h" || { echo "$h"; return 1; }
}
check "over TLS: pages, static files and security headers; plain HTTP redirects to HTTPS" headers_ok
login_ok() {
	local pw h
	pw=$(awk '$1 == "eu-viewer" { print $2 }' "$INST/demo-accounts.txt")
	h=$(c -D - -o /dev/null -H "Origin: $url" --data-urlencode login=eu-viewer --data-urlencode "password=$pw" "$url/login" |
		tr -d '\r') || return 1
	# Secure cookies carry the __Host- prefix (ASVS 5.0 3.3.1): only this host, over HTTPS, with Path=/ and
	# no Domain, can set it, so a sibling subdomain or a plain-HTTP answer cannot plant a session.
	grep -q '^HTTP/2 303' <<<"$h" && grep -qi '^location: /login/code' <<<"$h" &&
		grep -Eqi '^set-cookie: __Host-portal_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure$' <<<"$h" ||
		{ echo "$h"; return 1; }
	# The second step: the authenticator app's code (the demo account's key; the last step used is forgotten).
	local csrf code
	mariadb --defaults-file="$INST/mariadb/admin.cnf" portal -e \
		"UPDATE accounts SET totp_last_counter = NULL WHERE login = 'eu-viewer'" || return 1
	csrf=$(c "$url/login/code" | sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -n1)
	code=$(python3 -c 'import sys; sys.path.insert(0, "tests/http"); from harness import totp_code; print(totp_code(sys.argv[1]))' \
		"$(awk '$1 == "eu-viewer" { print $3 }' "$INST/demo-accounts.txt")")
	h=$(c -D - -o /dev/null -H "Origin: $url" --data-urlencode "csrf=$csrf" --data-urlencode "code=$code" \
		"$url/login/code" | tr -d '\r') || return 1
	grep -q '^HTTP/2 303' <<<"$h" &&
		grep -Eqi '^set-cookie: __Host-portal_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure$' <<<"$h" ||
		{ echo "$h"; return 1; }
	c "$url/register" | grep -q 'eu-viewer\|EU viewer' || { echo "the session cookie is not accepted"; return 1; }
	# The same token under the plain name is no session here.
	local token
	token=$(awk '$6 == "__Host-portal_session" { print $7 }' "$tmp/jar")
	[ -n "$token" ] || { echo "no __Host-portal_session in the cookie jar"; return 1; }
	h=$(curl -sS --resolve "portal.test:$HTTPS:127.0.0.1" --cacert "$tmp/cert.pem" -D - -o /dev/null \
		-H "Cookie: portal_session=$token" "$url/register") || return 1
	grep -q '^HTTP/2 303' <<<"$h" && grep -qi '^location: /login' <<<"$h" || { echo "$h"; return 1; }
}
check "over TLS: a login (password, then the app's code) gets a Secure __Host- session cookie and the register" login_ok
status_ok() {
	local out
	out=$("$D$P/sbin/portalctl" -c "$tmp/portal.conf" status) || { echo "$out"; return 1; }
	grep -q '^application: running' <<<"$out" && grep -q '^workers: 2 of 2 running$' <<<"$out" &&
		grep -Eq '^requests: ([4-9]|[1-9][0-9]+) answered' <<<"$out" && grep -q '^database: reachable, schema' <<<"$out" ||
		{ echo "$out"; return 1; }
}
check "the installed portalctl status sees the installed application" status_ok

echo "install tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
