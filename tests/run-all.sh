#!/bin/bash
# `make test`: unit tests and static checks, then a private stack (var/test,
# port $TEST_PORT) running the sanitizer build of the app, the HTTP tests and
# the browser tests against it through nginx, the Galera cluster's failure
# test (tests/cluster, ports $CLUSTER_TEST_PORT .. +22), and finally a check that the
# sanitizers found nothing and that stopping left no process behind. Ends
# with one line "N passed, N failed" over everything.
set -u
cd "$(dirname "$0")/.."
PORT=${TEST_PORT:-18080}
INST=var/test
LOG=$INST/log
total_passed=0 total_failed=0

# Runs a suite, streaming its output, and adds its "N passed, N failed" line.
suite() {
	local out
	out=$(mktemp)
	"$@" 2>&1 | tee "$out"
	local line
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n1)
	rm -f "$out"
	if [ -z "$line" ]; then
		echo "run-all: $1 ended without a summary"
		total_failed=$((total_failed + 1))
		return
	fi
	local p f
	p=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed$/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed$/\2/' <<<"$line")
	total_passed=$((total_passed + p)) total_failed=$((total_failed + f))
}

record() { # name, 0 = pass
	if [ "$2" = 0 ]; then
		total_passed=$((total_passed + 1))
		echo "run-all: ok   $1"
	else
		total_failed=$((total_failed + 1))
		echo "run-all: FAIL $1"
	fi
}

stop_stack() { tools/stack.sh stop "$INST" >/dev/null 2>&1 || true; stop_extra; }
# The operations tests' fresh instances (tests/http/instances.py), should one outlive its test.
stop_extra() { local d; for d in var/test-b var/test-c; do [ -d "$d" ] && tools/stack.sh stop "$d" >/dev/null 2>&1; done; true; }

suite tests/run-unit.sh
suite tests/static/run.sh
# Every fuzz corpus, replayed through its target under ASan+UBSan (no libFuzzer needed).
suite make --no-print-directory fuzz-replay

echo "run-all: starting the test stack in $INST on port $PORT"
stop_stack
rm -rf "$INST"
mkdir -p "$LOG"
trap stop_stack EXIT
# A small quarantine, so the memory test sees what the app holds, not what ASan delays reusing.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:quarantine_size_mb=8:log_path=$PWD/$LOG/sanitizer"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$PWD/$LOG/sanitizer"
# One hash slot per worker and a short wait, so the login-storm test reaches
# the cap; the default is 2 slots and 2 s. Row locks are waited for 1 s (default
# 5), so the lock-wait tests take seconds.
export PORTAL_HASH_SLOTS=1 PORTAL_HASH_WAIT_MS=30 PORTAL_DB_LOCK_WAIT=1
if tools/stack.sh start "$INST" "$PORT" build/san/portal; then
	record "stack starts (MariaDB, app with ASan+UBSan, nginx)" 0
	# make install into a temporary tree; its app and nginx serve on PORT + 3 and + 4.
	suite tests/install/run.sh --port $((PORT + 3)) --instance "$INST"
	suite python3 tests/http/run.py --port "$PORT" --instance "$INST"
	# What a person does, in a real browser (headless chromium), with axe-core.
	suite node tests/browser/run.js --port "$PORT" --instance "$INST"
	stop_stack
	# Nothing of the instance may still be running after a stop.
	if pgrep -f "$PWD/$INST" >/dev/null; then
		pgrep -af "$PWD/$INST"
		record "stop leaves no process behind" 1
	else
		record "stop leaves no process behind" 0
	fi
else
	record "stack starts (MariaDB, app with ASan+UBSan, nginx)" 1
	tail -n 20 "$LOG"/*.log 2>/dev/null
fi
trap - EXIT

# The portal on its own three-node Galera cluster (var/test-cluster), tested by
# killing nodes and an app instance under load (tests/cluster/run.py).
suite python3 tests/cluster/run.py --port "${CLUSTER_TEST_PORT:-18140}"

# Every sanitizer report (leaks at exit included) is a failure.
reports=$(ls "$LOG"/sanitizer.* 2>/dev/null)
if [ -n "$reports" ]; then
	for r in $reports; do echo "---- $r"; head -n 60 "$r"; done
	record "no sanitizer reports from the app" 1
else
	record "no sanitizer reports from the app" 0
fi

echo
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
