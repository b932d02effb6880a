#!/bin/bash
# First-time setup of an installed portal (docs/operations.md), as root, with
# MariaDB running. Safe to run again: it keeps what exists.
#   - the system user eukr-portal, which the service runs as;
#   - the group eukr-portal-web of the application's socket, whose only member
#     is nginx's user www-data (not the service: SECURITY.md);
#   - the hash-chain key (@SYSCONFDIR@/eukr-portal/chain.key), and beside it
#     the backups' MAC key (backup.key, root only) and the second factor's
#     key (mfa.key: seals TOTP secrets);
#   - the file of recorded chain heads (/var/lib/eukr-portal/chain.heads);
#   - the application's MariaDB account portal_app with a generated password
#     (@SYSCONFDIR@/eukr-portal/app-db.cnf), and the restore account
#     portal_restore (restore-db.cnf, root only; sql/grants-restore.sql);
#   - the database and its migrations (migrate.sh, as the service does at
#     every start), and the directory of the nightly backups.
# Files holding secrets are readable by root and the group eukr-portal only.
set -euo pipefail
ETC=@SYSCONFDIR@/eukr-portal
LIB=@PREFIX@/lib/eukr-portal
SQL=@PREFIX@/share/eukr-portal/sql
ADMIN_CNF=$ETC/admin-db.cnf
APP_CNF=$ETC/app-db.cnf
KEY=$ETC/chain.key
BACKUP_KEY=$ETC/backup.key
MFA_KEY=$ETC/mfa.key
RESTORE_CNF=$ETC/restore-db.cnf
STATE=/var/lib/eukr-portal
HEADS=$STATE/chain.heads
USER_NAME=eukr-portal
SOCKET_GROUP=eukr-portal-web
NGINX_USER=www-data
BACKUPS=/var/backups/eukr-portal

say() { echo "setup: $*"; }
die() { echo "setup: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run me as root"
[ -r "$ETC/portal.conf" ] || die "$ETC/portal.conf is missing: run make install first"

if ! id -u "$USER_NAME" >/dev/null 2>&1; then
	adduser --system --group --no-create-home --home /nonexistent --shell /usr/sbin/nologin "$USER_NAME" >/dev/null
	say "created the system user $USER_NAME"
fi

# The socket's group: nginx's user alone may connect. Not www-data, which
# other programs of the web server share, and not the service's own.
if ! getent group "$SOCKET_GROUP" >/dev/null; then
	addgroup --system "$SOCKET_GROUP" >/dev/null
	say "created the group $SOCKET_GROUP (the application's socket)"
fi
if ! id -nG "$NGINX_USER" | tr ' ' '\n' | grep -qx "$SOCKET_GROUP"; then
	adduser "$NGINX_USER" "$SOCKET_GROUP" >/dev/null
	say "added $NGINX_USER to $SOCKET_GROUP: restart nginx (systemctl restart nginx) so that its workers join it"
fi
members=$(getent group "$SOCKET_GROUP" | cut -d: -f4)
[ "$members" = "$NGINX_USER" ] ||
	say "warning: the group $SOCKET_GROUP has the members '$members': only $NGINX_USER should (gpasswd -d USER $SOCKET_GROUP)"

if [ ! -s "$KEY" ]; then
	(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KEY.new" && mv "$KEY.new" "$KEY")
	say "created the hash-chain key $KEY: keep a copy with the backups"
fi
if [ ! -s "$MFA_KEY" ]; then
	(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$MFA_KEY.new" && mv "$MFA_KEY.new" "$MFA_KEY")
	say "created the second factor's key $MFA_KEY: keep a copy with the chain key (without it no TOTP code verifies)"
fi
if [ ! -s "$BACKUP_KEY" ]; then
	(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$BACKUP_KEY.new" && mv "$BACKUP_KEY.new" "$BACKUP_KEY")
	say "created the backup key $BACKUP_KEY: keep a copy off the machine, apart from the backups"
fi
# Appended by the service (and portalctl) after every commit that moves a hash chain.
install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" "$STATE"
[ -e "$HEADS" ] || install -m 0640 -o "$USER_NAME" -g "$USER_NAME" /dev/null "$HEADS"

mariadb --defaults-file="$ADMIN_CNF" -e "SELECT 1" >/dev/null ||
	die "cannot reach MariaDB with $ADMIN_CNF (is it running? systemctl start mariadb)"
if [ ! -s "$APP_CNF" ] || ! mariadb --defaults-file="$APP_CNF" -e "SELECT 1" >/dev/null 2>&1; then
	socket=$(sed -n 's/^socket *= *//p' "$ADMIN_CNF" | tail -n1)
	pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
	# On stdin, not with -e: a command line is readable by every user (ps).
	mariadb --defaults-file="$ADMIN_CNF" <<SQL
CREATE USER IF NOT EXISTS 'portal_app'@'localhost';
ALTER USER 'portal_app'@'localhost' IDENTIFIED BY '$pw';
SQL
	(umask 077; cat > "$APP_CNF.new" <<CNF
# The application's MariaDB account (written by setup.sh). Its rights: sql/grants.sql.
[client]
socket=$socket
user=portal_app
password=$pw
database=portal
default-character-set=utf8mb4
CNF
	mv "$APP_CNF.new" "$APP_CNF")
	say "created the database account portal_app ($APP_CNF)"
fi

if [ ! -s "$RESTORE_CNF" ] || ! mariadb --defaults-file="$RESTORE_CNF" -e "SELECT 1" >/dev/null 2>&1; then
	socket=$(sed -n 's/^socket *= *//p' "$ADMIN_CNF" | tail -n1)
	pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
	# On standard input: the password never appears on a command line.
	printf "CREATE USER IF NOT EXISTS 'portal_restore'@'localhost';
		ALTER USER 'portal_restore'@'localhost' IDENTIFIED BY '%s';\n" "$pw" |
		mariadb --defaults-file="$ADMIN_CNF"
	(umask 077; cat > "$RESTORE_CNF.new" <<CNF
# The account portalctl restore loads dumps with (written by setup.sh). Its rights: sql/grants-restore.sql.
[client]
socket=$socket
user=portal_restore
password=$pw
default-character-set=utf8mb4
CNF
	mv "$RESTORE_CNF.new" "$RESTORE_CNF")
	say "created the database account portal_restore ($RESTORE_CNF)"
fi
mariadb --defaults-file="$ADMIN_CNF" < "$SQL/grants-restore.sql"

chown root:"$USER_NAME" "$ETC" "$ETC/portal.conf" "$KEY" "$MFA_KEY" "$APP_CNF"
chmod 0750 "$ETC"
chmod 0640 "$ETC/portal.conf" "$KEY" "$MFA_KEY" "$APP_CNF"
chown root:root "$ADMIN_CNF" "$BACKUP_KEY" "$RESTORE_CNF"
chmod 0600 "$ADMIN_CNF" "$BACKUP_KEY" "$RESTORE_CNF"
install -d -m 0700 "$BACKUPS"

"$LIB/migrate.sh" "$ADMIN_CNF" portal "$SQL"
say "done. Next: systemctl enable --now eukr-portal eukr-portal-backup.timer, then an administrator:"
say "  portalctl user add --login NAME --name \"FULL NAME\" --side EU|KR --role admin"
