#!/usr/bin/env python3
"""The portal on its own three-node Galera cluster (tools/cluster.sh, in
var/test-cluster on --port .. --port + 22), tested by failure:

- 20 clients save sections and notes for about 60 s while the writer node is
  killed (SIGKILL) and later restarted, and while one app instance is killed;
  every save answered as saved must then be on all three nodes, a save answered
  503 "nothing was changed" must be on none, no revision is applied twice,
  `portalctl verify` is intact against every node and the chain heads and
  table checksums are equal; nobody is logged out; the longest stretch of
  failed requests is measured and must stay under MAX_GAP seconds.
- What the app relies on holds under Galera: primary keys enforced
  (wsrep_mode), auto-increment interleaved, triggers on every node, a change
  saved through one app instance is seen through the other (content_generation).
- All three nodes killed, then `tools/cluster.sh start`: it bootstraps from the
  node with the highest seqno and nothing is lost.
- Negative controls: a revision removed from one node only (wsrep_on=OFF) is
  reported by the same checks, and by portalctl verify on that node.

Ends with "N passed, N failed"."""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "http"))
from harness import Stack  # noqa: E402

CLUSTER = os.path.join(ROOT, "tools", "cluster.sh")
DIR = os.path.join(ROOT, "var", "test-cluster")
CTL = os.path.join(ROOT, "build", "san", "portalctl")
CLIENTS = 20
LOAD_SECONDS = 60
MAX_GAP = 30.0          # seconds of failed requests tolerated during one failover

passed = failed = 0


def record(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"cluster: ok   {name}" + (f" ({detail})" if detail else ""), flush=True)
    else:
        failed += 1
        print(f"cluster: FAIL {name}" + (f": {detail}" if detail else ""), flush=True)
    return ok


def cluster(*args, check=True, timeout=600):
    p = subprocess.run([CLUSTER, args[0], DIR, *args[1:]], capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError(f"cluster.sh {args}: {p.stdout}{p.stderr}")
    return p.stdout + p.stderr


def node_sql(k, query):
    p = subprocess.run(["mariadb", f"--defaults-file={DIR}/node{k}/my.cnf", "--batch", "--skip-column-names",
                        "portal", "-e", query], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode())
    lines = p.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def unescape(s):
    table = {"n": "\n", "t": "\t", "\\": "\\", "0": "\0"}
    return re.sub(r"\\(.)", lambda m: table.get(m.group(1), m.group(0)), s)


def form_fields(html, action):
    m = re.search(r'<form method="post" action="' + re.escape(action) + r'"(.*?)</form>', html, re.S)
    if not m:
        return None
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', m.group(1)))


class Load:
    """CLIENTS logged-in clients, each saving its own part again and again."""

    def __init__(self, s, targets):
        self.s = s
        self.targets = targets          # (login, kind, key, side)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.events = []                # (start, end, ok)
        self.saved = {}                 # text -> target, answered as saved
        self.nothing = {}               # text -> target, answered 503 "nothing was changed"
        self.unconfirmed = {}           # text -> target, answered 503 "may or may not"
        self.other = []                 # unexpected answers to a save
        self.logged_out = 0
        self.clients = []

    def login_all(self):
        for login, *_ in self.targets:
            self.clients.append(self.s.login(login))

    def request(self, fn):
        t0 = time.monotonic()
        try:
            r = fn()
        except OSError:
            r = None
        ok = r is not None and r.status in (200, 303) and "/login" not in (r.header("Location") or "")
        if r is not None and r.status == 303 and "/login" in (r.header("Location") or ""):
            with self.lock:
                self.logged_out += 1
        with self.lock:
            self.events.append((t0, time.monotonic(), ok))
        return r, ok

    def run_client(self, i):
        c = self.clients[i]
        login, kind, key, side = self.targets[i]
        n = 0
        while not self.stop.is_set():
            n += 1
            text = f"cluster test: client {i} save {n} ({side})"
            if kind == "section":
                path = f"/areas/{key}/{side}/edit"
                page, ok = self.request(lambda: c.get(path))
                f = form_fields(page.text, path) if ok and page.status == 200 else None
                fields = dict(f or {}, body=text, summary="cluster", action="save")
            else:
                path = f"/commitments/{key}/note"
                page, ok = self.request(lambda: c.get(f"/commitments/{key}"))
                f = form_fields(page.text, path) if ok and page.status == 200 else None
                fields = dict(f or {}, note=text, summary="cluster")
            if f is None:
                time.sleep(0.3)
                continue
            r, ok = self.request(lambda: c.post(path, fields))
            with self.lock:
                if ok and r.status == 303:
                    self.saved[text] = (kind, key, side)
                elif r is not None and r.status == 503 and "Nothing was changed" in r.text:
                    self.nothing[text] = (kind, key, side)
                elif r is not None and r.status in (502, 503) and "may or may not" in r.text:
                    # 503 from the app (the database broke during COMMIT), or nginx's
                    # 502 page: the instance handling the save was killed.
                    self.unconfirmed[text] = (kind, key, side)
                else:
                    self.other.append((text, r.status if r else "no answer"))
            time.sleep(0.4)

    def start(self):
        self.threads = [threading.Thread(target=self.run_client, args=(i,), daemon=True)
                        for i in range(len(self.clients))]
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(60)

    def longest_failure(self):
        """The longest run of failed requests (in order of completion), in seconds
        from the start of its first request to the end of its last."""
        ev = sorted(self.events, key=lambda e: e[1])
        best = 0.0
        start = None
        for t0, t1, ok in ev:
            if ok:
                start = None
                continue
            if start is None:
                start = t0
            best = max(best, t1 - start)
        return best


def revision_texts(k):
    return {unescape(r[0]) for r in node_sql(k, "SELECT content FROM revisions WHERE summary = 'cluster'")}


def presence_problems(load, nodes=(1, 2, 3)):
    problems = []
    for k in nodes:
        texts = revision_texts(k)
        missing = [t for t in load.saved if t not in texts]
        ghost = [t for t in load.nothing if t in texts]
        if missing:
            problems.append(f"node{k}: {len(missing)} saved changes missing, e.g. {missing[0]!r}")
        if ghost:
            problems.append(f"node{k}: {len(ghost)} changes answered 'nothing was changed' are there")
    return problems


def duplicates(k):
    return node_sql(k, "SELECT content, COUNT(*) FROM revisions WHERE summary = 'cluster' "
                       "GROUP BY area_id, commitment_id, part, content HAVING COUNT(*) > 1")


def checksums(k):
    return node_sql(k, "CHECKSUM TABLE accounts, sessions, sections, commitments, commitment_notes, proposals, "
                       "revisions, audit_log, chain_heads, councils, council_snapshots")


def content_checksums(k):
    return node_sql(k, "CHECKSUM TABLE accounts, sections, commitments, commitment_notes, proposals, revisions, "
                       "chain_heads, councils, council_snapshots")


def heads(k):
    return node_sql(k, "SELECT chain, seq, HEX(hash) FROM chain_heads ORDER BY chain")


def verify(k):
    conf = cluster("node-config", str(k)).strip().splitlines()[-1]
    p = subprocess.run([CTL, "-c", conf, "verify"],
                       capture_output=True, text=True, timeout=300)
    return p.returncode, (p.stdout + p.stderr).strip().splitlines()[-1:] or [""]


def wait_synced(timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = cluster("status", check=False)
        if out.count("Synced") == 3 and "cluster size 3" in out:
            return True
        time.sleep(1)
    return False


def writer():
    """The node HAProxy sends writes to (asked again for a while: a loaded
    machine may leave the stats socket or the checks slow to answer)."""
    for _ in range(30):
        m = re.search(r"^writer\s+node(\d)", cluster("status", check=False), re.M)
        if m:
            return int(m.group(1))
        time.sleep(1)
    raise RuntimeError("HAProxy names no writer: " + cluster("status", check=False))


def kill_app(k):
    with open(os.path.join(DIR, f"app{k}", "portal.pid")) as f:
        pid = int(f.read().strip())
    try:
        os.killpg(pid, signal.SIGKILL)     # the master and its workers (started with setsid)
    except ProcessLookupError:
        os.kill(pid, signal.SIGKILL)


def consistent(label):
    cs = [checksums(k) for k in (1, 2, 3)]
    record(f"{label}: the tables' checksums are equal on the three nodes", cs[0] == cs[1] == cs[2],
           "" if cs[0] == cs[1] == cs[2] else str(cs))
    hs = [heads(k) for k in (1, 2, 3)]
    record(f"{label}: the chain heads are equal on the three nodes", hs[0] == hs[1] == hs[2],
           f"revisions head seq {hs[0][1][1] if len(hs[0]) > 1 else '?'}")
    for k in (1, 2, 3):
        code, last = verify(k)
        record(f"{label}: portalctl verify is intact against node{k}", code == 0, last[0])
    return cs[0]


def main():
    global CTL
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--app", default=os.path.join(ROOT, "build", "san", "portal"))
    ap.add_argument("--ctl", default=CTL)
    a = ap.parse_args()
    CTL = a.ctl
    os.environ.setdefault("PORTAL_PWHASH_OPS", "1")
    os.environ.setdefault("PORTAL_PWHASH_MEM_MIB", "8")
    cluster("stop", check=False)
    subprocess.run(["rm", "-rf", DIR])
    try:
        run(a)
    except Exception as e:      # a broken step ends the suite, counted as a failure
        record("the cluster suite ran to its end", False, repr(e))
    finally:
        cluster("stop", check=False)
        left = subprocess.run(["pgrep", "-af", DIR], capture_output=True, text=True).stdout.strip()
        record("stopping the cluster leaves no process behind", left == "", left)
    print(f"\ncluster: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def run(a):
    t0 = time.monotonic()
    out = cluster("start", str(a.port), a.app)
    record("the cluster starts (3 nodes Synced, HAProxy, 2 app instances, nginx)", wait_synced(10),
           f"{time.monotonic() - t0:.0f} s")
    s = Stack(a.port, os.path.join(DIR, "app1"))

    # ---- what the app relies on, under Galera -------------------------------------
    mode = node_sql(1, "SELECT @@wsrep_mode")[0][0]
    no_pk = node_sql(1, "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'portal' "
                        "AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema."
                        "table_constraints c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name "
                        "AND c.constraint_type = 'PRIMARY KEY')")
    record("every table has a primary key, REQUIRED_PRIMARY_KEY is on", "REQUIRED_PRIMARY_KEY" in mode and not no_pk,
           f"wsrep_mode {mode}, without: {no_pk}")
    try:
        node_sql(1, "CREATE TABLE cluster_no_pk (x INT) ENGINE=InnoDB")
        node_sql(1, "DROP TABLE cluster_no_pk")
        refused = False
    except RuntimeError:
        refused = True
    record("a table without a primary key is refused", refused)
    incs = [node_sql(k, "SELECT @@auto_increment_increment, @@auto_increment_offset")[0] for k in (1, 2, 3)]
    record("auto-increment is interleaved (increment 3, one offset per node)",
           all(i[0] == "3" for i in incs) and len({i[1] for i in incs}) == 3, str(incs))
    trig = [node_sql(k, "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = 'portal'")[0][0]
            for k in (1, 2, 3)]
    record("the triggers are on every node", trig[0] != "0" and trig[0] == trig[1] == trig[2], str(trig))

    # A change through one instance is seen through the other (nginx alternates).
    ed = s.login("eu-editor")
    page = ed.get("/areas/hpc/eu/edit")
    f = form_fields(page.text, "/areas/hpc/eu/edit")
    r = ed.post("/areas/hpc/eu/edit", dict(f, body="Seen by both app instances.", summary="", action="save"))
    views = [ed.get("/areas/hpc").text for _ in range(4)]
    record("a saved change is shown by both app instances (content_generation)",
           r.status == 303 and all("Seen by both app instances." in v for v in views))

    # ---- 20 clients, the writer node and one app instance killed ----------------------
    areas = [row[0] for row in node_sql(1, "SELECT slug FROM areas ORDER BY id")]
    cids = [row[0] for row in node_sql(1, "SELECT id FROM commitments ORDER BY id")]
    targets = []
    for i in range(CLIENTS // 2):
        side = "eu" if i < len(areas) else "kr"
        targets.append((f"{side}-editor", "section", areas[i % len(areas)], side))
    for j in range(CLIENTS - len(targets)):
        side = "eu" if j % 2 == 0 else "kr"
        targets.append((f"{side}-editor", "note", cids[j], side))
    load = Load(s, targets)
    load.login_all()
    load.start()
    t_start = time.monotonic()
    time.sleep(10)
    w = writer()
    cluster("stop-node", str(w))
    print(f"cluster: killed the writer node{w} at {time.monotonic() - t_start:.1f} s", flush=True)
    time.sleep(10)
    kill_app(1)
    print(f"cluster: killed app instance 1 at {time.monotonic() - t_start:.1f} s", flush=True)
    time.sleep(5)
    cluster("app-start", "1", a.app)
    print(f"cluster: app instance 1 back at {time.monotonic() - t_start:.1f} s", flush=True)
    out = cluster("start-node", str(w))
    print(f"cluster: node{w} back at {time.monotonic() - t_start:.1f} s: {out.strip()}", flush=True)
    record(f"the killed node{w} rejoins by IST", "IST" in out, out.strip())
    time.sleep(max(0.0, LOAD_SECONDS - (time.monotonic() - t_start)))
    load.finish()
    record("the cluster is whole again (3 nodes Synced)", wait_synced())

    n_ev = len(load.events)
    n_bad = sum(1 for e in load.events if not e[2])
    gap = load.longest_failure()
    print(f"cluster: {n_ev} requests, {n_bad} failed; {len(load.saved)} saves answered as saved, "
          f"{len(load.nothing)} 503 nothing changed, {len(load.unconfirmed)} 502/503 unconfirmed "
          f"({len(set(load.unconfirmed) & revision_texts(1))} of them saved), "
          f"{len(load.other)} other; longest stretch of failed requests {gap:.2f} s", flush=True)
    record("saves went through during the run", len(load.saved) >= CLIENTS * 5, f"{len(load.saved)} saved")
    record("no save got an unexpected answer", not load.other, str(load.other[:5]))
    record(f"the longest stretch of failed requests stays under {MAX_GAP:.0f} s", gap < MAX_GAP, f"{gap:.2f} s")
    record("nobody was logged out by the failovers (sessions live in the cluster)", load.logged_out == 0,
           f"{load.logged_out} sent to /login")
    probs = presence_problems(load)
    record("every save answered as saved is on all three nodes, none answered 'nothing changed' is",
           not probs, "; ".join(probs))
    dups = [duplicates(k) for k in (1, 2, 3)]
    record("no revision is applied twice", not any(dups), str(dups)[:300])
    record("each part's text is its last save answered as saved",
           all(last_saved_ok(load, k) for k in (1, 2, 3)))
    consistent("after the failovers")
    again = s.login("kr-editor")
    record("the portal works after the failovers", again.get("/").status == 200)
    sums = content_checksums(1)

    # ---- the whole cluster down: every node killed, then started -----------------------
    for k in (1, 2, 3):
        cluster("stop-node", str(k))
    t1 = time.monotonic()
    out = cluster("start", str(a.port), a.app)
    print(f"cluster: whole-cluster start took {time.monotonic() - t1:.0f} s", flush=True)
    m = re.search(r"bootstrapping the cluster from node(\d)", out)
    record("after all nodes were killed, start bootstraps from the most advanced node", m is not None,
           out.strip().splitlines()[0] if out.strip() else "")
    record("the restarted cluster is whole (3 nodes Synced)", wait_synced())
    consistent("after the whole-cluster restart")
    record("nothing was lost in the whole-cluster restart", all(content_checksums(k) == sums for k in (1, 2, 3)))
    probs = presence_problems(load)
    record("every save answered as saved survived the whole-cluster restart", not probs, "; ".join(probs))
    c = load.clients[0]
    record("a session from before the whole-cluster restart is still valid",
           c.get(f"/areas/{targets[0][2]}/eu/edit").status == 200)

    # ---- negative controls: the checks above can fail -----------------------------------
    text = sorted(load.saved)[0]
    subprocess.run(["mariadb", f"--defaults-file={DIR}/node3/my.cnf", "portal", "-e",
                    "SET SESSION wsrep_on = OFF; SET FOREIGN_KEY_CHECKS = 0; "
                    f"DELETE FROM revisions WHERE content = '{text}' AND summary = 'cluster'"], check=True)
    probs = presence_problems(load)
    record("negative control: a save missing on node3 only is reported", any("node3" in p for p in probs), str(probs))
    record("negative control: the checksums then differ", content_checksums(3) != content_checksums(1))
    code, last = verify(3)
    record("negative control: portalctl verify against node3 reports it", code != 0, last[0])


def last_saved_ok(load, k):
    """Every part whose last save was answered as saved holds that text on node k."""
    last = {}
    for text, target in load.saved.items():
        i = int(re.search(r"client (\d+) save (\d+)", text).group(2))
        if target not in last or i > last[target][0]:
            last[target] = (i, text)
    for (kind, key, side), (_, text) in last.items():
        later = [t for t, tg in list(load.unconfirmed.items()) if tg == (kind, key, side)]
        if kind == "section":
            rows = node_sql(k, f"SELECT s.body FROM sections s JOIN areas a ON a.id = s.area_id WHERE a.slug = '{key}' "
                               f"AND s.side = '{side}' AND s.lang = 'en'")
        else:
            rows = node_sql(k, f"SELECT body FROM commitment_notes WHERE commitment_id = {key} "
                               f"AND side = '{side}' AND lang = 'en'")
        body = unescape(rows[0][0]) if rows else None
        if body != text and body not in later:
            print(f"cluster: node{k}: {kind} {key} {side} holds {body!r}, last saved {text!r}", flush=True)
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
