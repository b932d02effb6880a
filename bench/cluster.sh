#!/bin/bash
# The cluster run of `make bench` (also `make bench-cluster`): the same
# release build on a single server (tools/stack.sh, var/bench) and on the
# three-node Galera cluster (tools/cluster.sh, var/bench-cluster: HAProxy, two
# app instances, one nginx), measured in the same run with wrk: page views,
# downloads and the mixed workload's saves per second, and their ratios
# (cluster / single). Appends its table to bench/results.md. Short runs
# (BENCH_SECONDS, default 10) to stay cheap on a 2-core machine; both set-ups
# share the machine, so the cluster pays for three mariadbd on the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18100}
CPORT=${BENCH_CLUSTER_PORT:-18170}
SECS=${BENCH_SECONDS:-10}
OUT=bench/results.md
SINGLE=var/bench
CLUSTER=var/bench-cluster

stop_all() { tools/stack.sh stop "$SINGLE" >/dev/null 2>&1 || true; tools/cluster.sh stop "$CLUSTER" >/dev/null 2>&1 || true; }
trap stop_all EXIT
stop_all
rm -rf "$SINGLE" "$CLUSTER"
tools/stack.sh start "$SINGLE" "$PORT" build/portal >/dev/null
t0=$(date +%s)
tools/cluster.sh start "$CLUSTER" "$CPORT" build/portal >/dev/null
cluster_start=$(( $(date +%s) - t0 ))

login() { # base demo-file: prints the session cookie (password, then the app's code)
	bench/login.py "$1" "$(dirname "$2")" eu-editor
}
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }

declare -A R=()
measure() { # label base cookie admin-cnf
	local label=$1 base=$2 cookie=$3 cnf=$4 before after
	for path in / /areas/hpc; do wrk -t2 -c32 -d2s -H "Cookie: $cookie" "$base$path" >/dev/null; done
	R[$label.area]=$(wrk -t2 -c64 -d"${SECS}s" -H "Cookie: $cookie" "$base/areas/hpc" | rps)
	R[$label.csv]=$(wrk -t2 -c64 -d"${SECS}s" -H "Cookie: $cookie" "$base/register.csv" | rps)
	before=$(mariadb --defaults-file="$cnf" -N -B portal -e "SELECT COUNT(*) FROM revisions WHERE summary = 'bench'")
	R[$label.mixed]=$(BENCH_COOKIE=$cookie BENCH_ORIGIN=$base \
		BENCH_NOTE=$(mariadb --defaults-file="$cnf" -N -B portal -e "SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 1") \
		BENCH_VIEW=$(mariadb --defaults-file="$cnf" -N -B portal -e "SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 2") \
		wrk -t2 -c64 -d"${SECS}s" -s bench/mixed.lua "$base/" | rps)
	after=$(mariadb --defaults-file="$cnf" -N -B portal -e "SELECT COUNT(*) FROM revisions WHERE summary = 'bench'")
	R[$label.saves]=$(awk -v n=$((after - before)) -v s="$SECS" 'BEGIN { printf "%.1f", n / s }')
	echo "bench-cluster: $label: area ${R[$label.area]}/s, register.csv ${R[$label.csv]}/s, mixed ${R[$label.mixed]}/s with ${R[$label.saves]} saves/s"
}

measure single "http://127.0.0.1:$PORT" "$(login "http://127.0.0.1:$PORT" "$SINGLE/demo-accounts.txt")" "$SINGLE/mariadb/admin.cnf"
# The single server's processes stop before the cluster is measured: each set-up has the cores to itself.
tools/stack.sh stop "$SINGLE" >/dev/null
measure cluster "http://127.0.0.1:$CPORT" "$(login "http://127.0.0.1:$CPORT" "$CLUSTER/demo-accounts.txt")" "$CLUSTER/admin.cnf"

# Failover time: requests to the area page every 50 ms while the writer is killed.
base=http://127.0.0.1:$CPORT
cookie=$(login "$base" "$CLUSTER/demo-accounts.txt")
writer=$(tools/cluster.sh status "$CLUSTER" | sed -n 's/^writer  node\([0-9]\).*/\1/p')
start=$(date +%s.%N) first_bad="" last_bad="" killed=0
while :; do
	now=$(date +%s.%N)
	if [ "$killed" = 0 ] && awk -v a="$now" -v b="$start" 'BEGIN { exit !(a - b > 3) }'; then
		tools/cluster.sh stop-node "$CLUSTER" "$writer" >/dev/null; killed=1
	fi
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" --max-time 10 "$base/areas/hpc" || true)
	if [ "$code" != 200 ]; then
		[ -n "$first_bad" ] || first_bad=$now
		last_bad=$(date +%s.%N)
	fi
	awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { exit !(a - b > 15) }' && break
	sleep 0.05
done
gap=$( [ -n "$first_bad" ] && awk -v a="$last_bad" -v b="$first_bad" 'BEGIN { printf "%.2f", a - b }' || echo 0)
echo "bench-cluster: writer node$writer killed: failed page views for $gap s"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
{
	echo
	echo "## The Galera cluster vs the single server ($(date -u +%Y-%m-%d), make bench-cluster)"
	echo
	echo "Release build, wrk -t2 -c64, ${SECS} s each, on the same machine in the same run (the"
	echo "cluster's three mariadbd, HAProxy and two app instances share its cores). \`make cluster\`"
	echo "equivalent start: ${cluster_start} s."
	echo
	echo "| | single server | cluster | cluster / single |"
	echo "|---|---|---|---|"
	echo "| area page views/s | ${R[single.area]} | ${R[cluster.area]} | $(ratio "${R[cluster.area]}" "${R[single.area]}") |"
	echo "| register.csv downloads/s | ${R[single.csv]} | ${R[cluster.csv]} | $(ratio "${R[cluster.csv]}" "${R[single.csv]}") |"
	echo "| mixed workload requests/s | ${R[single.mixed]} | ${R[cluster.mixed]} | $(ratio "${R[cluster.mixed]}" "${R[single.mixed]}") |"
	echo "| saves/s within it | ${R[single.saves]} | ${R[cluster.saves]} | $(ratio "${R[cluster.saves]}" "${R[single.saves]}") |"
	echo
	echo "Writer node killed (SIGKILL) under a page view every 50 ms: failed page views for ${gap} s."
} | tee -a "$OUT"
