#!/bin/sh
# HAProxy's health check of one Galera node (dist/haproxy-galera.cfg.in,
# option external-check): exits 0 only when the node is Synced
# (wsrep_local_state = 4) and in the Primary component.
#   galera-check.sh OPTION_FILE PROXY_ADDR PROXY_PORT SERVER_ADDR SERVER_PORT
# OPTION_FILE holds the check account (USAGE only: SHOW STATUS needs no rights).
cnf=$1 addr=$4 port=$5
out=$(timeout 5 mariadb --defaults-file="$cnf" --protocol=TCP -h "$addr" -P "$port" --connect-timeout=3 \
	--batch --skip-column-names \
	-e "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state', 'wsrep_cluster_status')" 2>/dev/null) || exit 1
state=$(printf '%s\n' "$out" | awk '$1 == "wsrep_local_state" { print $2 }')
status=$(printf '%s\n' "$out" | awk '$1 == "wsrep_cluster_status" { print $2 }')
[ "$state" = 4 ] && [ "$status" = Primary ]
