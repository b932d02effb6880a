"""Faults (run last: the module name sorts after the others): a worker killed
with SIGKILL is replaced; MariaDB stopped gives the 503 page and the app
recovers by itself when it is back."""
import concurrent.futures
import time

from harness import wait_until


def test_sigkill_a_worker_and_keep_serving(s):
    c = s.login("eu-viewer")
    master = s.master_pid()
    workers = s.wait_workers(2)
    s.kill(workers[0])
    statuses = [c.get("/areas/6g").status for _ in range(50)]
    assert statuses.count(200) >= 49, statuses  # at most the one request in flight could fail
    replaced = s.wait_workers(2, timeout=3)
    assert workers[0] not in replaced
    assert s.master_pid() == master
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: c.get("/register").status, range(80)))
    assert results == [200] * 80


def test_killing_all_workers_repeatedly(s):
    c = s.login("eu-viewer")
    for _ in range(3):
        for pid in s.wait_workers(2):
            s.kill(pid)
        wait_until(lambda: len(s.worker_pids()) == 2, timeout=5, what="workers replaced")
    wait_until(lambda: c.get("/").status == 200, timeout=5, what="serving again")


def test_database_down_gives_503_then_recovers(s):
    c = s.login("eu-viewer")
    master = s.master_pid()
    assert c.get("/areas/6g").status == 200
    s.stack("db-stop", s.instance)
    try:
        for path in ("/areas/6g", "/", "/register"):
            r = c.get(path)
            assert r.status == 503, (path, r.status)
            assert "The database is unavailable" in r.text
            assert r.header("Retry-After") == "5"
        assert c.get("/healthz").status == 503
        assert c.get("/static/portal.css").status == 200   # nginx serves static files itself
        r = c.get("/areas/6g?lang=ko")
        assert r.status == 503 and "데이터베이스" in r.text
    finally:
        s.stack("db-start", s.instance)
    wait_until(lambda: c.get("/areas/6g").status == 200, timeout=10, what="recovery")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: c.get("/").status, range(40)))
    assert results == [200] * 40
    assert s.master_pid() == master, "the app was restarted instead of recovering"


def test_database_restart_between_requests_is_invisible(s):
    c = s.login("eu-viewer")
    # Every thread's connection breaks while idle; reads reconnect and succeed.
    s.stack("db-stop", s.instance)
    s.stack("db-start", s.instance)
    time.sleep(0.2)
    results = [c.get("/areas/hpc").status for _ in range(20)]
    assert results == [200] * 20, results


def test_connections_killed_server_side(s):
    c = s.login("eu-viewer")
    for _ in range(3):
        for (cid,) in s.sql("SELECT id FROM information_schema.processlist WHERE user = 'portal_app'"):
            s.sql(f"KILL CONNECTION {int(cid)}")
        results = [c.get("/register").status for _ in range(16)]
        assert results == [200] * 16, results
