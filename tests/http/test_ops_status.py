"""What the portal tells its operator: portalctl status (workers, requests,
errors, the database) and the log lines of docs/operations.md."""
import re

from harness import wait_until

ACCESS = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\d+) access method="([^"]*)" target="([^"]*)"'
                    r' status=(\d{3}) bytes=(\d+) ms=\d+\.\d\d addr=(\S+) w=\d+\.\d+$')


def status(s):
    rc, out = s.portalctl("status")
    m = re.search(r"^requests: (\d+) answered, (\d+) client errors \(4xx\), (\d+) server errors \(5xx\)$", out, re.M)
    assert m, out
    return rc, out, [int(g) for g in m.groups()]


def test_status_counts_every_answer(s):
    rc, out, before = status(s)
    assert rc == 0, out
    assert re.search(r"^application: running, master pid %d, up since " % s.master_pid(), out, re.M), out
    assert "workers: 2 of 2 running" in out
    for pid in s.worker_pids():
        assert re.search(rf"^  worker \d: pid {pid}, up since ", out, re.M), out
    assert re.search(r"^database: reachable, schema \d+$", out, re.M), out

    c = s.login("eu-viewer")     # five answers: the form, the password, the code's page, the code, the dashboard
    assert c.get("/areas/no-such-area").status == 404
    for _ in range(5):
        assert s.get("/healthz").status == 200
    rc, out, after = status(s)
    # Nothing else talks to the application meanwhile: the counts are exact.
    assert [a - b for a, b in zip(after, before)] == [11, 1, 0], (before, after)


def test_status_counts_server_errors_and_worker_exits(s):
    _, _, before = status(s)
    c = s.login("eu-viewer")
    s.stack("db-stop", s.instance)
    try:
        assert c.get("/areas/6g").status == 503
    finally:
        s.stack("db-start", s.instance)
    wait_until(lambda: c.get("/healthz").status == 200, what="the database back")
    _, out, after = status(s)
    assert after[2] >= before[2] + 1, (before, after)

    exits = [int(n) for n in re.findall(r" (\d+) exits$", out, re.M)]
    victim = s.wait_workers(2)[0]
    s.kill(victim)
    replaced = wait_until(lambda: victim not in s.wait_workers(2) and s.wait_workers(2), what="a new worker")
    # The master records a new worker's pid just after fork: ps may see it a moment earlier.
    out = wait_until(lambda: all(f"pid {pid}, up since" in status(s)[1] for pid in replaced) and status(s)[1],
                     what="the new worker in the status")
    assert sum(int(n) for n in re.findall(r" (\d+) exits$", out, re.M)) == sum(exits) + 1, out
    assert "workers: 2 of 2 running" in out


def test_one_log_line_per_request_without_secrets(s):
    password = s.passwords["kr-editor"]
    c = s.login("kr-editor")
    # A target with quotes, a backslash and Hangul, sent as raw bytes (nginx refuses control bytes).
    raw = s.raw(b'GET /areas/6g?q="x"\\\xed\x95\x9c HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n'
                b"Cookie: portal_session=" + c.token.encode() + b"\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 200 "), raw[:100]
    assert c.get("/register?q=%3Cscript%3E").status == 200
    log = s.app_log()
    assert password not in log and c.token not in log
    lines = log.splitlines()
    access = [ACCESS.match(line) for line in lines if " access " in line]
    assert access and all(access), [line for line in lines if " access " in line and not ACCESS.match(line)][:3]
    targets = [m.group(3) for m in access]
    assert '/areas/6g?q=\\x22x\\x22\\x5c\\xed\\x95\\x9c' in targets, targets[-5:]
    assert "/register?q=%3Cscript%3E" in targets
    login = [m for m in access if m.group(3) == "/login" and m.group(2) == "POST"]
    assert login and login[-1].group(4) == "303" and login[-1].group(6) == "127.0.0.1"
    # Every line starts with the time and the process: errors too.
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \d+ ", line) for line in lines), \
        [line for line in lines if not re.match(r"^\d{4}-", line)][:3]
