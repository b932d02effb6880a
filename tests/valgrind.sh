#!/bin/bash
# `make valgrind`: the release build of the app under valgrind's memcheck
# (every process: the master and its workers) on a private stack (var/valgrind,
# port $VALGRIND_PORT), the whole HTTP suite against it, then every valgrind
# report must say 0 errors and nothing definitely or indirectly lost. Ends
# with "N passed, N failed" like make test.
set -u
cd "$(dirname "$0")/.."
PORT=${VALGRIND_PORT:-18090}
INST=var/valgrind
LOG=$INST/log
VG_LOGS=$PWD/$INST/valgrind

stop_stack() { tools/stack.sh stop "$INST" >/dev/null 2>&1 || true; }
stop_stack
rm -rf "$INST"
mkdir -p "$LOG" "$VG_LOGS"
trap stop_stack EXIT

# Valgrind makes everything some 20 times slower: cheap password hashes (so
# the many logins of the suite do not take minutes), a generous wait for a
# hash slot, row locks waited for 1 s as in make test.
export PORTAL_PWHASH_OPS=1 PORTAL_PWHASH_MEM_MIB=8 PORTAL_HASH_SLOTS=1 PORTAL_HASH_WAIT_MS=30 PORTAL_DB_LOCK_WAIT=1
# Only this instance runs under valgrind: the operations tests' own instances
# run the sanitizer build, which valgrind cannot host.
WRAPPER="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect --track-origins=yes --num-callers=30 --trace-children=no
	--suppressions=$PWD/tests/valgrind.supp --log-file=$VG_LOGS/vg.%p.log"
passed=0 failed=0
if PORTAL_WRAPPER=$WRAPPER tools/stack.sh start "$INST" "$PORT" build/portal; then
	out=$(mktemp)
	# Left out: the two load tests (10,000-row downloads many times over, forty
	# slow clients of each kind). They test throughput, not memory use, and
	# under valgrind they outlast nginx's 60 s upstream timeout.
	python3 tests/http/run.py --port "$PORT" --instance "$INST" \
		--skip test_ten_thousand_commitments,test_slow_clients_do_not_tie_up_workers 2>&1 | tee "$out"
	line=$(grep -E 'http tests: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n1)
	rm -f "$out"
	if [ -n "$line" ]; then
		passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
		failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")
	else
		failed=1
	fi
	stop_stack
else
	echo "valgrind: the stack did not start (see $LOG)"
	failed=1
fi
trap - EXIT

# Each process writes a report. Errors are written as they happen, so the
# report of a worker the fault tests killed counts too, though it has no
# summary at the end.
errors='Invalid (read|write|free)|Mismatched free|uninitialised|Syscall param|overlap|ERROR SUMMARY: [1-9]|(definitely|indirectly) lost: [1-9]'
reports=0
for f in "$VG_LOGS"/vg.*.log; do
	[ -e "$f" ] || continue
	reports=$((reports + 1))
	if grep -qE "$errors" "$f"; then
		echo "valgrind: errors in $f"
		sed -n '1,80p' "$f"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
echo "valgrind: $reports reports in $VG_LOGS"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
