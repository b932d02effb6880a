#!/bin/bash
# Runs every unit test program in build/tests (built with ASan + UBSan) and
# sums their "N passed, N failed" lines. Prints one such line itself.
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0 failed=0
for t in build/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	line=$(grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -n1)
	if [ -n "$line" ]; then
		p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")
	else
		p=0 f=1  # crashed before its summary
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # e.g. a leak found at exit
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$rc" -ne 0 ]; then
		echo "$out" | sed 's/^/    /'
		echo "unit: FAIL $(basename "$t")"
	else
		echo "unit: ok   $line"
	fi
done
echo "unit tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
