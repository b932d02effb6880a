#!/bin/bash
# `make install`: the built portal into its usual places under DESTDIR.
#   tools/install.sh DESTDIR PREFIX SYSCONFDIR BIN_DIR SERVER_NAME
#
#   PREFIX/sbin/eukr-portal, PREFIX/sbin/portalctl     the application, the admin command
#   PREFIX/share/eukr-portal/{templates,static,sql}    what they read; nginx's root
#   PREFIX/lib/eukr-portal/{migrate.sh,setup.sh}       run by the service / once by the operator
#   PREFIX/lib/systemd/system/eukr-portal*.{service,timer}
#   PREFIX/share/doc/eukr-portal/operations.md
#   SYSCONFDIR/eukr-portal/{portal.conf,admin-db.cnf}  only when missing (they are the operator's)
#   SYSCONFDIR/nginx/sites-available/eukr-portal        only when missing
# A file of the operator's that exists is kept, and the new one put beside it
# as NAME.dist. Ownership and secrets (the system user, the database
# account, the hash-chain key) are setup.sh's, on the machine itself.
set -euo pipefail
DESTDIR=$1 PREFIX=$2 SYSCONFDIR=$3 BIN=$4 SERVER_NAME=$5
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

share=$DESTDIR$PREFIX/share/eukr-portal
lib=$DESTDIR$PREFIX/lib/eukr-portal
etc=$DESTDIR$SYSCONFDIR/eukr-portal
units=$DESTDIR$PREFIX/lib/systemd/system

# Fills the @...@ values of a dist/ template into a file.
fill() {
	sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@SYSCONFDIR@|$SYSCONFDIR|g" -e "s|@HOSTNAME@|$SERVER_NAME|g" "$1"
}

# Installs the text on stdin as a file of the operator's: kept if it exists.
operator_file() {
	local dest=$1 mode=$2 tmp
	tmp=$(mktemp)
	cat > "$tmp"
	if [ -e "$dest" ]; then
		install -m "$mode" "$tmp" "$dest.dist"
		echo "install: kept $dest (the new version is $dest.dist)"
	else
		install -D -m "$mode" "$tmp" "$dest"
	fi
	rm -f "$tmp"
}

install -D -m 0755 "$BIN/portal" "$DESTDIR$PREFIX/sbin/eukr-portal"
install -D -m 0755 "$BIN/portalctl" "$DESTDIR$PREFIX/sbin/portalctl"

# Every file of a tree, readable by all (nginx serves static/ itself).
tree() {
	local from=$1 to=$2 f
	(cd "$from" && find . -type f ! -name '*.tmp' | sort) | while read -r f; do
		install -D -m 0644 "$from/$f" "$to/$f"
	done
}
tree build/templates "$share/templates"
tree static "$share/static"
install -d -m 0755 "$share/sql"
install -m 0644 sql/*.sql "$share/sql/"

install -D -m 0755 tools/migrate.sh "$lib/migrate.sh"
fill tools/setup.sh > "$lib/setup.sh.tmp"
install -m 0755 "$lib/setup.sh.tmp" "$lib/setup.sh"
rm -f "$lib/setup.sh.tmp"

install -d -m 0755 "$units"
for unit in eukr-portal.service eukr-portal-backup.service; do
	fill "dist/$unit.in" > "$units/$unit"
	chmod 0644 "$units/$unit"
done
install -m 0644 dist/eukr-portal-backup.timer "$units/"

install -D -m 0644 docs/operations.md "$DESTDIR$PREFIX/share/doc/eukr-portal/operations.md"

install -d -m 0750 "$etc"
fill dist/portal.conf.in | operator_file "$etc/portal.conf" 0640
operator_file "$etc/admin-db.cnf" 0600 < dist/admin-db.cnf
fill dist/nginx-site.conf.in | operator_file "$DESTDIR$SYSCONFDIR/nginx/sites-available/eukr-portal" 0644

echo "install: installed under ${DESTDIR:-/} (PREFIX=$PREFIX); next: $PREFIX/lib/eukr-portal/setup.sh (docs/operations.md)"
