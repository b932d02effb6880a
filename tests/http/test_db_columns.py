"""Text columns at the edges of the database layer's fetch buffers (issue 14,
item 1). A text column is fetched into a block of 256 bytes at first and
regrown for a longer value; a value of exactly the block's size used to arrive
without a truncation report, and its terminating NUL was written one byte past
the block. Here every kind of text the portal fetches gets values of 255, 256
and 257 bytes, and one byte either side of a regrown block, through the real
application (sanitizer build), `portalctl verify` (sanitizer build) and
tests/db/db_columns.c (db.c straight against MariaDB)."""
import glob
import os
import re
import subprocess

from harness import ROOT, form_fields, save_section
from instances import fresh, settings

# The first block (256 bytes), then a regrown one (260) and one byte either side.
RUN = (255, 256, 257, 260, 259, 260, 261)
PREFIX = "unknown login name: "    # a failed login's audit detail, before the escaped name


def text_of(n, step):
    """n bytes of text, different at each step: Hangul (3 bytes each), then ASCII letters."""
    text = "한글"[step % 2] * (n // 3) + "abc"[step % 3] * (n % 3)
    assert len(text.encode()) == n
    return text


def login_with_detail(n):
    """A login name whose failed-login audit detail is n bytes: each byte of a
    non-ASCII or '"' character is logged as \\xHH (4 bytes), at most 64 bytes are typed."""
    escaped_total = n - len(PREFIX)
    escaped = max(0, -(-(escaped_total - 64) // 3))      # bytes shown as \xHH
    plain = escaped_total - 4 * escaped
    assert plain >= 0 and escaped + plain <= 64, n
    name = "é" * (escaped // 2) + '"' * (escaped % 2) + "a" * plain
    assert len(PREFIX) + 4 * len(name.encode()) - 3 * plain == n
    return name


def sanitizer_reports(inst):
    """Sanitizer reports of the fresh instance's processes: in its app log, or
    where ASAN_OPTIONS sends them (make test: the test instance's log folder)."""
    found = []
    for opts in (os.environ.get("ASAN_OPTIONS", ""), os.environ.get("UBSAN_OPTIONS", "")):
        m = re.search(r"log_path=([^:]+)", opts)
        if m:
            found += glob.glob(m.group(1) + ".*")
    log = inst.path("log", "app.log")
    if os.path.exists(log) and "Sanitizer" in open(log, errors="replace").read():
        found.append(log)
    return sorted(set(found))


def ok(r, what, status=200):
    assert r.status == status, f"{what}: {r.status} (a worker that died answers 502)"
    return r


def test_db_layer_fetches_every_text_column_at_the_buffer_edges(s):
    """tests/db/db_columns.c: sections, notes, commitment texts, display
    names, revision texts and summaries, audit details; one row changed to each
    length in turn, and many rows in one result, oldest and newest first."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "detect_leaks=1:halt_on_error=1"    # a report on stderr, into this test's failure
    p = subprocess.run([os.path.join(ROOT, "build", "dbtests", "db_columns"), s.admin_cnf],
                       capture_output=True, text=True, timeout=120, env=env)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out[-4000:]
    assert re.search(r"^db_columns: [1-9]\d* passed, 0 failed$", out, re.M), out[-4000:]
    assert "Sanitizer" not in out, out[-4000:]


def test_app_and_portalctl_fetch_texts_at_the_buffer_edges(s):
    """On a fresh instance with one worker of one thread (so every statement
    keeps its buffers from one request to the next, in a known order), texts of
    each length are written through the application and read back by the pages
    that show them, the admin's audit page and its CSV, and portalctl verify."""
    with fresh(s, "b") as b:
        with settings(PORTAL_WORKERS="1", PORTAL_THREADS="1", PORTAL_PWHASH_OPS="1", PORTAL_PWHASH_MEM_MIB="8"):
            b.start()
        st = b.stack
        before = sanitizer_reports(b)
        workers = st.worker_pids()
        cid = st.scalar("SELECT id FROM commitments WHERE area_id = 1 AND number = 1")

        # Section bodies (and their revisions, with summaries of the same lengths).
        ed = st.login("eu-editor")
        for step, n in enumerate(RUN):
            body = text_of(n, step)
            ok(save_section(ed, "semiconductors", "eu", body, text_of(n, step + 1)), f"saving a {n}-byte section", 303)
            page = ok(ed.get("/areas/semiconductors"), f"the area page with a {n}-byte section")
            assert body in page.text, n
            ok(ed.get("/areas/semiconductors/eu/edit"), f"the edit form of a {n}-byte section")
        history = ok(ed.get("/areas/semiconductors/history"), "the history")
        for seq in re.findall(r'href="/revisions/(\d+)"', history.text):
            ok(ed.get(f"/revisions/{seq}"), f"revision {seq}")

        # Each side's notes on a commitment.
        for step, n in enumerate(RUN):
            page = ok(ed.get(f"/commitments/{cid}"), f"the commitment page before a {n}-byte note")
            f = form_fields(page.text, f"/commitments/{cid}/note")
            assert f.get("part") == "eu", f
            note = text_of(n, step)
            ok(ed.post(f"/commitments/{cid}/note", dict(f, note=note, summary=text_of(n, step + 1))),
               f"saving a {n}-byte note", 303)
            assert note in ok(ed.get(f"/commitments/{cid}"), f"the commitment page with a {n}-byte note").text
            ok(ed.get("/areas/semiconductors"), f"the area page with a {n}-byte note")
            ok(ed.get("/register"), f"the register with a {n}-byte note")

        # Display names: read at login, with every request's session, and in the admin's list.
        for step, n in enumerate(RUN):
            login, name = f"len-{step}", text_of(n, step)
            code, out = st.portalctl("user", "add", "--login", login, "--name", name, "--side", "EU", "--role",
                                     "viewer", stdin="a long enough password\n")
            assert code == 0, out
            c = st.login(login, password="a long enough password")
            assert name in ok(c.get("/account"), f"the account page of a {n}-byte name").text

        # Failed logins' audit details, in the run's order and then the reverse, so
        # that oldest first (verify, the CSV) and newest first (the page) both meet the run.
        for n in RUN + tuple(reversed(RUN)):
            ok(st.client().post("/login", {"login": login_with_detail(n), "password": "wrong password"}),
               f"a failed login with a {n}-byte audit detail", 401)
        details = [int(x) for (x,) in st.sql("SELECT LENGTH(detail) FROM audit_log WHERE action = 'login_failed' "
                                             "ORDER BY seq")]
        assert details == list(RUN + tuple(reversed(RUN))), details

        admin = st.login("eu-admin")
        page = ok(admin.get("/admin/audit"), "the audit page")
        assert "The hash chain is intact" in page.text and "The hash chain of the revisions is intact" in page.text
        assert page.text.count("unknown login name:") == 2 * len(RUN)
        csv = ok(admin.get("/admin/audit.csv"), "the audit CSV")
        assert csv.text.count("unknown login name:") == 2 * len(RUN)
        users = ok(admin.get("/admin/users"), "the list of accounts")
        for step, n in enumerate(RUN):
            assert text_of(n, step) in users.text

        assert st.worker_pids() == workers, "a worker died"
        code, out = st.portalctl("verify")
        assert code == 0, out[-4000:]
        assert "Sanitizer" not in out, out[-4000:]
        new = [r for r in sanitizer_reports(b) if r not in before]
        assert not new, new


def test_content_save_core_against_mariadb(s):
    """tests/db/content_save.c: the save/version core of model/content.c with
    no HTTP in between: a new version with its revision and audit entry, the
    same text writing nothing, a conflict on an old version, a form saved
    once, a missing part, the other language flagged, a joint part refused
    confirmation, and the revisions chain broken by a changed revision."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "detect_leaks=1:halt_on_error=1"
    p = subprocess.run([os.path.join(ROOT, "build", "dbtests", "content_save"), s.admin_cnf],
                       capture_output=True, text=True, timeout=120, env=env)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out[-4000:]
    assert re.search(r"^content_save: 8 passed, 0 failed$", out, re.M), out[-4000:]
    assert "Sanitizer" not in out, out[-4000:]
