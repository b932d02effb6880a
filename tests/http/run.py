#!/usr/bin/env python3
"""Runs the HTTP tests (tests/http/test_*.py) against a running instance.
Each test is a function test_*(stack), or test_*(stack, case) once per case when
marked with harness.cases. Prints one line per test or case and ends with
"http tests: N passed, N failed".

    tests/http/run.py --port 18080 --instance var/test [-k substring] [--skip test_a,test_b]
                      [--order sorted|reverse|shuffle[:SEED]]

The order of the files (default: env TEST_ORDER, else sorted): no file may
depend on another having run before it, so every order must pass. "shuffle"
prints its seed, to repeat a run. Within a file the tests run sorted (a file
may end with a test_zz_ check over its own tests).
"""
import argparse
import importlib
import os
import random
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Stack  # noqa: E402


def ordering(order):
    """The function that puts the test files' names in the order asked for."""
    if order == "sorted":
        return sorted
    if order == "reverse":
        return lambda names: sorted(names, reverse=True)
    if order == "shuffle" or order.startswith("shuffle:"):
        seed = order.partition(":")[2] or str(random.randrange(1 << 32))
        print(f"http: order shuffle:{seed}")
        rng = random.Random(seed)

        def shuffled(names):
            names = sorted(names)
            rng.shuffle(names)
            return names
        return shuffled
    sys.exit(f"run.py: unknown order {order!r} (sorted, reverse, shuffle[:SEED])")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--instance", required=True)
    ap.add_argument("-k", default="", help="only tests whose name contains this")
    ap.add_argument("--skip", default="", help="comma-separated names of tests to leave out")
    ap.add_argument("--order", default=os.environ.get("TEST_ORDER", "sorted"),
                    help="sorted (default), reverse, or shuffle[:SEED] (env TEST_ORDER)")
    args = ap.parse_args()
    arrange = ordering(args.order)
    stack = Stack(args.port, args.instance)
    here = os.path.dirname(os.path.abspath(__file__))
    passed = failed = 0
    for name in arrange(n for n in os.listdir(here) if n.startswith("test_") and n.endswith(".py")):
        try:
            module = importlib.import_module(name[:-3])
        except Exception:
            failed += 1
            print(f"http: FAIL {name} does not load")
            print("    " + traceback.format_exc().replace("\n", "\n    "))
            continue
        for attr in sorted(dir(module)):
            fn = getattr(module, attr)
            if not (attr.startswith("test_") and callable(fn)):
                continue
            full = f"{name[:-3]}.{attr}"
            if args.k not in full or attr in args.skip.split(","):
                continue
            runs = [(full, fn, ())]
            if hasattr(fn, "cases"):
                try:
                    runs = [(f"{full}[{cname}]", fn, (case,)) for cname, case in fn.cases(stack)]
                except Exception:
                    runs = []
                    failed += 1
                    print(f"http: FAIL {full}: its cases could not be made")
                    print("    " + traceback.format_exc().replace("\n", "\n    "))
            for label, test, extra in runs:
                t0 = time.time()
                try:
                    test(stack, *extra)
                except Exception:
                    failed += 1
                    print(f"http: FAIL {label}")
                    print("    " + traceback.format_exc().replace("\n", "\n    "))
                else:
                    passed += 1
                    print(f"http: ok   {label} ({time.time() - t0:.2f}s)")
                sys.stdout.flush()
    print(f"http tests: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
