#!/bin/bash
# Applies the numbered migrations sql/NNN_name.sql that the database has not
# had yet, in order, each recorded in schema_migrations with its SHA-256.
# Refuses a database whose schema is newer than this code, and a migration
# file that was changed after it was applied. Finally re-applies sql/grants.sql.
#   tools/migrate.sh ADMIN_OPTION_FILE DATABASE SQL_DIR
set -euo pipefail
cnf=$1 db=$2 dir=$3
sql() { mariadb --defaults-file="$cnf" --batch --skip-column-names "$@"; }

sql -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
sql "$db" -e "CREATE TABLE IF NOT EXISTS schema_migrations (
  version INT UNSIGNED NOT NULL PRIMARY KEY,
  name VARCHAR(200) CHARACTER SET ascii NOT NULL,
  checksum CHAR(64) CHARACTER SET ascii NOT NULL,
  applied_at DATETIME(6) NOT NULL
) ENGINE=InnoDB"

declare -A recorded=()
while read -r version checksum; do
	[ -n "$version" ] && recorded[$version]=$checksum
done < <(sql "$db" -e "SELECT version, checksum FROM schema_migrations ORDER BY version")

code_version=0
for f in "$dir"/[0-9][0-9][0-9]_*.sql; do
	base=$(basename "$f" .sql)
	[[ $base =~ ^([0-9]{3})_([a-z0-9_]+)$ ]] || { echo "migrate: bad file name $f" >&2; exit 1; }
	code_version=$((10#${BASH_REMATCH[1]}))
done
db_version=$(sql "$db" -e "SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
if [ "$db_version" -gt "$code_version" ]; then
	echo "migrate: the database has schema version $db_version, newer than this code ($code_version); refusing to touch it" >&2
	exit 3
fi

applied=0
for f in "$dir"/[0-9][0-9][0-9]_*.sql; do
	base=$(basename "$f" .sql)
	version=$((10#${base%%_*}))
	name=${base#*_}
	sum=$(sha256sum "$f" | cut -c1-64)
	if [ -n "${recorded[$version]:-}" ]; then
		if [ "${recorded[$version]}" != "$sum" ]; then
			echo "migrate: $f changed after it was applied (recorded ${recorded[$version]}); migrations are forward-only: add a new one" >&2
			exit 4
		fi
		continue
	fi
	# One transaction per migration: data changes and the record commit together
	# (MariaDB commits DDL statements implicitly, so DDL cannot be rolled back).
	{
		echo "SET NAMES utf8mb4; START TRANSACTION;"
		cat "$f"
		echo
		echo "INSERT INTO schema_migrations VALUES ($version, '$name', '$sum', UTC_TIMESTAMP(6)); COMMIT;"
	} | sql "$db"
	echo "migrate: applied $base"
	applied=$((applied + 1))
done
sql "$db" < "$dir/grants.sql"
echo "migrate: schema version $code_version ($applied applied now)"
