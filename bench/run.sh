#!/bin/bash
# `make bench`: the real stack (release build) on its own port and datadir
# (var/bench, port $BENCH_PORT), wrk against it, a table on the terminal and
# in bench/results.md. Every figure is the median of $BENCH_RUNS runs (3).
#
#   1  a static file the size of the area page, served by nginx: the reference
#   2-4  the area page, the dashboard, the register page (logged in)
#   5  register.csv / .xlsx: the seed's 16 commitments, then 10,016
#   6  the login POST, against the bare argon2id verify time
#   7  a mixed workload for 30 s: 90 % page views, 9 % downloads, 1 % saves
# then the scale set (bench/scale.sql) and the pages again, and the workers'
# memory before and after 200,000 requests and around a large download.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18100}
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
INST=var/bench
BASE=http://127.0.0.1:$PORT
OUT=bench/results.md
WORK=$INST/bench
REF=static/bench-reference.html    # ignored by git; removed at the end

stop_stack() { tools/stack.sh stop "$INST" >/dev/null 2>&1 || true; rm -f "$REF"; }
trap stop_stack EXIT
stop_stack
rm -rf "$INST"
tools/stack.sh start "$INST" "$PORT" build/portal
mkdir -p "$WORK"
ADMIN_CNF=$INST/mariadb/admin.cnf
sql() { mariadb --defaults-file="$ADMIN_CNF" --batch --skip-column-names portal -e "$1"; }

# A session for wrk: log in once (password, then the app's code), keep the cookie.
cookie=$(bench/login.py "$BASE" "$INST" eu-editor) && [ -n "$cookie" ] || { echo "bench: cannot log in" >&2; exit 1; }
HDR=(-H "Cookie: $cookie")

# The reference: a static file exactly as large as the area page.
curl -s "${HDR[@]}" "$BASE/areas/hpc" > "$REF"
area_bytes=$(stat -c %s "$REF")

# ---- measuring ----------------------------------------------------------------
# wrk's output to: req/s p50(ms) p99(ms) errors
parse_wrk() {
	awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/Non-2xx or 3xx responses:/ { err += $NF }
	/Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) err += $i }
	END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, err }'
}

# The median of each column over the runs (errors: summed).
median_of_runs() {
	python3 -c '
import statistics, sys
runs = [line.split() for line in sys.stdin if line.strip()]
cols = list(zip(*runs))
med = [statistics.median(float(v) for v in c) for c in cols[:3]]
print("%.0f %.2f %.2f %d" % (med[0], med[1], med[2], sum(int(v) for v in cols[3])))'
}

# measure NAME CONNECTIONS THREADS URL [wrk args...]: prints "rps p50 p99 errors"
measure() {
	local name=$1 conns=$2 threads=$3 url=$4
	shift 4
	for _ in $(seq "$RUNS"); do
		wrk -t"$threads" -c"$conns" -d"${SECONDS_PER_RUN}s" --latency --timeout 10s "$@" "$url" > "$WORK/$name.wrk"
		parse_wrk < "$WORK/$name.wrk"
	done | median_of_runs
}

declare -A RESULT=()
run() { # name conns threads url [args]: records and prints
	local name=$1
	RESULT[$name]=$(measure "$@")
	printf '  %-34s %s\n' "$name" "${RESULT[$name]}"
}

worker_pids() { ps -o pid= --ppid "$(cat "$INST/portal.pid")" | tr -s ' \n' ' '; }
rss_kib() { local t=0 p; for p in $(worker_pids); do t=$((t + $(awk '/VmRSS/ { print $2 }' /proc/$p/status))); done; echo $t; }
hwm_kib() { local t=0 p; for p in $(worker_pids); do t=$((t + $(awk '/VmHWM/ { print $2 }' /proc/$p/status))); done; echo $t; }
# New workers (the master replaces those that end), so that their peak memory
# (VmHWM) starts from what pages take, not from earlier logins' argon2id.
fresh_workers() {
	local old p
	old=$(worker_pids)
	kill -TERM $old
	for _ in $(seq 100); do
		sleep 0.1
		for p in $old; do [ -d "/proc/$p" ] && continue 2; done
		[ "$(wc -w <<<"$(worker_pids)")" -eq 2 ] && break
	done
	for _ in 1 2 3 4; do curl -s -o /dev/null "${HDR[@]}" "$BASE/areas/hpc"; done
}
# download_peak URL...: how much the workers' peak memory (KiB) grows from
# fresh workers over 10 downloads of each URL, then over 30: once every thread
# has served one, it must grow no more.
download_peak() {
	local before url i after10
	fresh_workers
	before=$(hwm_kib)
	for i in $(seq 30); do
		for url in "$@"; do curl -s -o /dev/null "${HDR[@]}" "$url"; done
		[ "$i" -eq 10 ] && after10=$(($(hwm_kib) - before))
	done
	echo "$after10 $(($(hwm_kib) - before))"
}

echo "bench: $RUNS runs of ${SECONDS_PER_RUN}s each (wrk -t2 -c64 unless noted); req/s p50 p99 errors"
echo "bench: the seed (8 areas, 16 commitments)"
# A fresh instance is still settling (InnoDB purging what the migrations and
# the seed left, pages not yet in memory): warm up before the first figure,
# as the scale set does below.
sql "SET GLOBAL innodb_max_purge_lag_wait = 0" >/dev/null
for path in / /areas/hpc /register; do wrk -t2 -c64 -d3s "${HDR[@]}" "$BASE$path" >/dev/null; done
run static 64 2 "$BASE/static/bench-reference.html"
run area 64 2 "$BASE/areas/hpc" "${HDR[@]}"
run dashboard 64 2 "$BASE/" "${HDR[@]}"
run register 64 2 "$BASE/register" "${HDR[@]}"
run csv16 64 2 "$BASE/register.csv" "${HDR[@]}"
run xlsx16 64 2 "$BASE/register.xlsx" "${HDR[@]}"
read -r peak16_10 peak16_30 < <(download_peak "$BASE/register.csv" "$BASE/register.xlsx")
echo "  workers' peak memory growth over 10 / 30 16-commitment downloads: $peak16_10 / $peak16_30 KiB"

# Login: one connection, one login after the other (argon2id-bound), against
# the bare verify at the configured costs.
export BENCH_LOGIN=eu-viewer BENCH_PASSWORD=$(awk '$1 == "eu-viewer" { print $2 }' "$INST/demo-accounts.txt")
export BENCH_ORIGIN=$BASE
run login 1 1 "$BASE/login" -s bench/login.lua
ops=$(awk -F' = ' '$1 == "pwhash_ops" { print $2 }' "$INST/portal.conf")
mib=$(awk -F' = ' '$1 == "pwhash_mem_mib" { print $2 }' "$INST/portal.conf")
bare=$(build/bench/hashtime "${ops:-2}" "${mib:-64}" 21)
echo "  bare argon2id verify                 $bare ms"
# A whole login as a browser makes it: the password, then the app's code.
read -r login_whole login_second < <(bench/login.py "$BASE" "$INST" eu-viewer --time 21)
echo "  whole login (password + code)        $login_whole ms, of which the second step $login_second ms"

# The mixed workload: 30 s, 90 % page views, 9 % downloads, 1 % saves.
export BENCH_COOKIE=$cookie
export BENCH_NOTE=$(sql "SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 1")
export BENCH_VIEW=$(sql "SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 2")
SECONDS_PER_RUN=30 run mixed 64 2 "$BASE/" -s bench/mixed.lua
grep -h "failed answers" "$WORK/mixed.wrk" || true
saves=$(sql "SELECT COUNT(*) FROM revisions WHERE summary = 'bench'")

# Memory: the workers before and after 200,000 requests.
rss_before=$(rss_kib)
served=0
while [ "$served" -lt 200000 ]; do
	wrk -t2 -c64 -d10s "${HDR[@]}" "$BASE/areas/hpc" > "$WORK/rss.wrk"
	served=$((served + $(awk '/requests in/ { print $1 }' "$WORK/rss.wrk")))
done
rss_after=$(rss_kib)
echo "  workers' RSS before/after $served requests: $rss_before / $rss_after KiB"

echo "bench: the scale set (+1,000 accounts, +10,000 commitments, +100,000 revisions)"
sql "source bench/scale.sql"
# Let the load settle before measuring: InnoDB purges the history the bulk
# insert left, the statistics are renewed, the pages are warm again.
sql "SET GLOBAL innodb_max_purge_lag_wait = 0; ANALYZE TABLE accounts, commitments, commitment_notes, revisions" >/dev/null
wrk -t2 -c64 -d5s "${HDR[@]}" "$BASE/areas/hpc" >/dev/null
commitments=$(sql "SELECT COUNT(*) FROM commitments")
run area_scale 64 2 "$BASE/areas/hpc" "${HDR[@]}"
run dashboard_scale 64 2 "$BASE/" "${HDR[@]}"
run register_area_scale 64 2 "$BASE/register?area=hpc" "${HDR[@]}"
run csv10k 1 1 "$BASE/register.csv" "${HDR[@]}"
run xlsx10k 1 1 "$BASE/register.xlsx" "${HDR[@]}"
csv_bytes=$(curl -s "${HDR[@]}" "$BASE/register.csv" | wc -c)
xlsx_bytes=$(curl -s "${HDR[@]}" "$BASE/register.xlsx" | wc -c)
# Memory around large downloads: the workers' peak grows by what one
# download holds at once, not by the file's size.
read -r peak10k_10 peak10k_30 < <(download_peak "$BASE/register.csv" "$BASE/register.xlsx")
echo "  workers' peak memory growth over 10 / 30 10,016-commitment downloads: $peak10k_10 / $peak10k_30 KiB"

# ---- the results file -----------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
col() { cut -d' ' -f"$2" <<<"${RESULT[$1]}"; }
static_rps=$(col static 1)
row() { # label name
	printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(col "$2" 1)" "$(col "$2" 2)" "$(col "$2" 3)" "$(col "$2" 4)" \
		"$(ratio "$(col "$2" 1)" "$static_rps")"
}
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores"
	echo "($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr);"
	echo "nginx $(nginx -v 2>&1 | sed 's|.*/||'), $(mariadbd --version | awk '{ print $3 }'), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')."
	echo "wrk, nginx, the app (2 workers × 4 threads, release build) and MariaDB share the cores."
	echo "Each figure is the median of $RUNS runs of ${SECONDS_PER_RUN} s; errors are summed over the runs"
	echo "(non-2xx/3xx answers and socket errors). Ratio: req/s over the static reference of the same run."
	echo
	echo "| what | req/s | p50 ms | p99 ms | errors | ratio to static |"
	echo "|---|---|---|---|---|---|"
	row "1. static file, $area_bytes bytes (nginx)" static
	row "2. area page (logged in)" area
	row "3. dashboard" dashboard
	row "4. register page (16 commitments)" register
	row "5. register.csv, 16 commitments" csv16
	row "5. register.xlsx, 16 commitments" xlsx16
	row "6. login POST (1 connection)" login
	row "7. mixed: 90 % pages, 9 % downloads, 1 % saves (30 s)" mixed
	echo
	echo "With the scale set: $commitments commitments, 1,000 more accounts, 100,000 more revisions:"
	echo
	echo "| what | req/s | p50 ms | p99 ms | errors | ratio to static |"
	echo "|---|---|---|---|---|---|"
	row "2. area page" area_scale
	row "3. dashboard" dashboard_scale
	row "4. register page, one area" register_area_scale
	row "5. register.csv, $commitments commitments (1 connection), $csv_bytes bytes" csv10k
	row "5. register.xlsx, $commitments commitments (1 connection), $xlsx_bytes bytes" xlsx10k
	echo
	echo "- Login: median $(col login 2) ms per login; the bare argon2id verify at the same costs"
	echo "  (ops $ops, $mib MiB) takes $bare ms: $(ratio "$(col login 2)" "$bare") × ."
	echo "- A whole login with its second step (password POST, code page, code POST; median of 21):"
	echo "  $login_whole ms, of which the second step $login_second ms."
	echo "- Area page with the scale set: $(ratio "$(col area_scale 1)" "$(col area 1)") × the seed's throughput."
	echo "- Saves in the mixed workload: $saves."
	echo "- Workers' memory (RSS, both workers): $rss_before KiB before and $rss_after KiB after $served requests."
	echo "- Workers' peak memory (VmHWM, both workers together, started afresh) over CSV + XLSX downloads:"
	echo "  16 commitments: +$peak16_10 KiB after 10 of each, +$peak16_30 KiB after 30;"
	echo "  10,016 commitments ($csv_bytes and $xlsx_bytes bytes): +$peak10k_10 KiB after 10 of each,"
	echo "  +$peak10k_30 KiB after 30. Each of the 8 threads keeps the buffers one large download"
	echo "  needed (the content cache gives up on a result past 1 MiB), never the whole file."
} > "$OUT"
echo
cat "$OUT"
