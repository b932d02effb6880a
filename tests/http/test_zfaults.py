"""Faults (run last: the module name sorts after the others): workers killed
with SIGKILL while clients save; MariaDB stopped during saves and reads; the
app's database connections killed between and inside transactions; lock-wait
timeouts and a deadlock on a save; slow clients. Whatever happens, a save the
client was told succeeded is in the database exactly once and whole, a save
that was refused wrote nothing, and the app serves again without a restart."""
import concurrent.futures
import html
import http.client
import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time

from harness import ROOT, save_section, ten_thousand_commitments, wait_until


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


def test_a_worker_stopped_on_its_own_leaves_the_others_serving(s):
    """SIGTERM to one worker: it finishes and ends, the master replaces it, and
    the listening socket it shared with the others keeps accepting."""
    c = s.login("eu-viewer")
    workers = s.wait_workers(2)
    s.kill(workers[0], signal.SIGTERM)
    wait_until(lambda: workers[0] not in s.worker_pids() and len(s.worker_pids()) == 2, timeout=5,
               what="the worker replaced")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: c.get("/areas/6g").status, range(80)))
    assert results == [200] * 80
    assert re.search(rf" {workers[0]} worker \d: stopped", s.app_log()), "it did not end gracefully"


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


# ---- saves under faults ------------------------------------------------------

PARTS = [(slug, side) for slug in ("semiconductors", "hpc", "quantum", "6g", "platforms", "trustworthy-ai",
                                   "cybersecurity", "future-collaboration") for side in ("eu", "kr")]


def save_many(s, clients, count, during):
    """count saves from 50 threads over the EU and KR sections of every area,
    each with its own token in the summary and the text; during(i) is called
    by the thread about to make save i. Returns {token: status or error}."""
    tag = os.urandom(3).hex()

    def one(i):
        slug, side = PARTS[i % len(PARTS)]
        token = f"fault-{tag}-{i}"
        during(i)
        try:
            r = save_section(clients[side], slug, side, f"Saved under faults.\n\n{token}", token)
            if r.status == 503 and any(html.escape(t) in r.text for t in UNCONFIRMED):
                return token, "503 unconfirmed"
            return token, r.status
        except (OSError, http.client.HTTPException, AssertionError) as e:
            return token, type(e).__name__
    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        return dict(pool.map(one, range(count)))


def unconfirmed_texts():
    """The 503 page's text, in each language, when the database went away during COMMIT."""
    texts = []
    for lang in ("en", "ko"):
        with open(os.path.join(ROOT, "templates", "messages", lang + ".txt"), encoding="utf-8") as f:
            texts += [line.split(" = ", 1)[1].strip() for line in f if line.startswith("error.503.unconfirmed = ")]
    assert len(texts) == 2, texts
    return texts


UNCONFIRMED = unconfirmed_texts()


def check_saves(s, answers):
    """A success is saved exactly once and whole; a refusal (409, 503) is not
    saved at all; a cut connection, or a 503 that says the database went away
    during the commit, may or may not have been. Every section is its latest
    revision, and the revision chain still verifies."""
    tag = next(iter(answers)).rsplit("-", 1)[0]
    rows = s.sql("SELECT summary, content FROM revisions WHERE summary LIKE '" + tag + "-%'")
    saved = {}
    for summary, content in rows:
        saved[summary] = saved.get(summary, 0) + 1
        assert content == f"Saved under faults.\n\n{summary}", (summary, content)
    for token, status in answers.items():
        if status == 303:
            assert saved.get(token) == 1, (token, "told saved, saved", saved.get(token, 0))
        elif status in (409, 503):
            assert token not in saved, (token, status, "refused but saved")
        else:
            assert saved.get(token, 0) <= 1, (token, status)
    stale = s.sql("SELECT s.area_id, s.side, s.lang FROM sections s WHERE s.body <> (SELECT r.content FROM revisions r "
                  "WHERE r.area_id = s.area_id AND r.commitment_id = 0 AND r.part = s.side AND r.lang = s.lang "
                  "ORDER BY r.version DESC LIMIT 1) OR s.version <> (SELECT MAX(r.version) FROM revisions r "
                  "WHERE r.area_id = s.area_id AND r.commitment_id = 0 AND r.part = s.side AND r.lang = s.lang)")
    assert stale == [], stale
    code, out = s.portalctl("verify")
    assert code == 0, out
    return saved


def editors(s):
    return {"eu": s.login("eu-editor"), "kr": s.login("kr-editor")}


def test_sigkill_workers_while_fifty_clients_save(s):
    master = s.master_pid()
    before = s.wait_workers(2)
    kills = {40: before[0], 120: before[1]}
    answers = save_many(s, editors(s), 200, lambda i: s.kill(kills[i]) if i in kills else None)
    assert list(answers.values()).count(303) >= 50, answers
    check_saves(s, answers)
    after = s.wait_workers(2, timeout=5)
    assert not set(before) & set(after), "the killed workers were not replaced"
    assert s.master_pid() == master


def test_database_stopped_during_saves_and_reads(s):
    clients = editors(s)
    reader = s.login("eu-viewer")
    reads = []
    stopped = threading.Event()

    def during(i):
        if i == 60:
            s.stack("db-stop", s.instance)
            stopped.set()
        if i == 120:
            stopped.wait(30)
            s.stack("db-start", s.instance)
        reads.append(reader.get("/areas/hpc").status)
    try:
        answers = save_many(s, clients, 200, during)
    finally:
        s.stack("db-start", s.instance)
    assert stopped.is_set()
    assert 503 in answers.values() and 503 in reads, "the database was never seen down"
    assert set(reads) <= {200, 503}, reads
    check_saves(s, answers)
    wait_until(lambda: reader.get("/areas/hpc").status == 200, timeout=10, what="serving again")
    assert save_section(clients["eu"], "hpc", "eu", "After the outage " + os.urandom(3).hex()).status == 303


# ---- inside a transaction ----------------------------------------------------

class AdminSession:
    """A mariadb client session of the administrator, driven line by line."""

    def __init__(self, s):
        self.p = subprocess.Popen(["mariadb", f"--defaults-file={s.admin_cnf}", "--batch", "--unbuffered",
                                   "--skip-column-names", "portal"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def run(self, sql, marker):
        """Runs sql and waits (20 s at most) for the line the final SELECT 'marker' prints."""
        self.p.stdin.write(f"{sql}; SELECT '{marker}';\n")
        self.p.stdin.flush()
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=20)
            except queue.Empty:
                raise AssertionError(("no answer from the admin session", seen))
            assert line is not None, ("the admin session ended", seen)
            seen.append(line)
            if line == marker:
                return seen

    def close(self):
        if self.p.poll() is None:
            self.p.stdin.close()
            self.p.wait(10)


def section_key(s, slug, side):
    return s.scalar(f"SELECT id FROM areas WHERE slug = '{slug}'"), side


def lock_section(admin, area_id, side):
    admin.run(f"BEGIN; SELECT version FROM sections WHERE area_id = {area_id} AND side = '{side}' "
              "AND lang = 'en' FOR UPDATE", "locked")


def app_waiting_for_lock(s):
    """The id of the app's connection waiting for a row lock."""
    return wait_until(lambda: s.scalar("SELECT p.id FROM information_schema.innodb_trx t "
                                       "JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id "
                                       "WHERE t.trx_state = 'LOCK WAIT' AND p.user = 'portal_app'"),
                      timeout=10, what="the app waiting for the lock")


def background_save(c, slug, side, text):
    result = {}
    t = threading.Thread(target=lambda: result.update(r=save_section(c, slug, side, text, text[-12:])))
    t.start()
    return t, result


def revisions_with(s, text):
    return int(s.scalar(f"SELECT COUNT(*) FROM revisions WHERE content = '{text}'"))


def test_connection_killed_inside_a_save(s):
    """The app's connection dies while its save waits for a lock: the save is
    rolled back whole (503, nothing of it written) and the next request
    reconnects, prepares its statements again and saves."""
    ed = s.login("eu-editor")
    area, side = section_key(s, "quantum", "eu")
    text = "Killed inside a transaction " + os.urandom(4).hex()
    before = s.fingerprint()
    admin = AdminSession(s)
    try:
        lock_section(admin, area, side)
        t, result = background_save(ed, "quantum", "eu", text)
        s.sql(f"KILL CONNECTION {app_waiting_for_lock(s)}")
        t.join(30)
        admin.run("ROLLBACK", "done")
    finally:
        admin.close()
    assert result["r"].status == 503, result["r"].status
    assert "Nothing was changed" in result["r"].text
    assert s.fingerprint() == before
    assert save_section(ed, "quantum", "eu", text).status == 303
    assert revisions_with(s, text) == 1


def test_lock_wait_timeout_is_retried_then_reported(s):
    """A save that times out waiting for a row lock is rolled back and tried
    again (the test instance waits 1 s per attempt); while the lock stays, the
    third timeout is answered 503 and nothing is written; once it goes, the
    next attempt saves."""
    ed = s.login("eu-editor")
    area, side = section_key(s, "platforms", "eu")
    admin = AdminSession(s)
    try:
        lock_section(admin, area, side)
        text = "Never saved " + os.urandom(4).hex()
        before = s.fingerprint()
        t, result = background_save(ed, "platforms", "eu", text)
        t.join(60)
        assert result["r"].status == 503 and "Nothing was changed" in result["r"].text
        assert s.fingerprint() == before
        # Again, but the lock goes after the first timeout: the retry saves.
        text = "Saved on a retry " + os.urandom(4).hex()
        log_start = len(s.app_log())
        t, result = background_save(ed, "platforms", "eu", text)
        wait_until(lambda: "attempt 1 of 3" in s.app_log()[log_start:], timeout=20, what="a first timeout")
        admin.run("ROLLBACK", "released")
        t.join(30)
    finally:
        admin.close()
    assert result["r"].status == 303
    assert revisions_with(s, text) == 1
    assert "1205" in s.app_log()[log_start:]   # ER_LOCK_WAIT_TIMEOUT


def test_deadlock_on_a_save_is_retried(s):
    """The administrator's session holds the revision chain's head and then
    asks for the section the app's save has locked: InnoDB breaks the deadlock
    by rolling back the lighter transaction, the app's (the other has written
    1,000 rows); the app runs its save again and it is saved once."""
    ed = s.login("eu-editor")
    area, side = section_key(s, "semiconductors", "eu")
    text = "Saved after a deadlock " + os.urandom(4).hex()
    s.sql("CREATE TABLE IF NOT EXISTS fault_scratch (x INT PRIMARY KEY) ENGINE=InnoDB")
    log_start = len(s.app_log())
    admin = AdminSession(s)
    try:
        admin.run("BEGIN; INSERT INTO fault_scratch SELECT seq FROM seq_1_to_1000; "
                  "SELECT seq FROM chain_heads WHERE chain = 'revisions' FOR UPDATE", "holding")
        t, result = background_save(ed, "semiconductors", "eu", text)
        app_waiting_for_lock(s)
        admin.run(f"SELECT version FROM sections WHERE area_id = {area} AND side = '{side}' AND lang = 'en' "
                  "FOR UPDATE", "got the section")
        admin.run("ROLLBACK", "released")
        t.join(30)
    finally:
        admin.close()
    assert result["r"].status == 303, result["r"].status
    assert revisions_with(s, text) == 1
    assert "1213" in s.app_log()[log_start:], "the app's transaction was not the one rolled back"   # ER_LOCK_DEADLOCK
    code, out = s.portalctl("verify")
    assert code == 0, out


# ---- slow clients ------------------------------------------------------------

def slow_connections(s, kind, count):
    """count connections that never finish: headers sent a byte at a time,
    a body that never completes, or a large download nobody reads."""
    c = s.login("eu-viewer")
    socks = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        if kind == "headers":
            sock.sendall(b"GET /register HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        elif kind == "body":
            sock.sendall(("POST /account/language HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + c._cookie_header() +
                          "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
                          "lang=").encode())
        else:
            sock.sendall(("GET /register.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + c._cookie_header() +
                          "\r\n\r\n").encode())
        socks.append(sock)
    return socks


def test_slow_clients_do_not_tie_up_workers(s):
    """Forty slow clients of each kind at once — more than the app's eight
    threads — while others are served: nginx absorbs them (it reads headers
    and bodies before passing a request on, and buffers answers)."""
    fast = s.login("eu-viewer")
    with ten_thousand_commitments(s):
        for kind in ("headers", "body", "download"):
            socks = slow_connections(s, kind, 40)
            try:
                for sock in socks[:5]:
                    sock.send(b"x")   # still trickling
                with concurrent.futures.ThreadPoolExecutor(8) as pool:
                    statuses = list(pool.map(lambda _: fast.get("/areas/hpc").status, range(40)))
                assert statuses == [200] * 40, (kind, statuses)
                assert fast.get("/register.csv?area=hpc").status == 200
            finally:
                for sock in socks:
                    sock.close()
