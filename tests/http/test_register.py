"""The register: page, filters, downloads (CSV, JSON, XLSX), council snapshots,
changes since a council, verifiable downloads, 10,000 commitments."""
import concurrent.futures
import hashlib
import http.client
import json
import os
import re
import select
import signal
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

from harness import hexlit, ten_thousand_commitments, xlsx_cells

HOSTILE = {
    "eu": "=HYPERLINK(\"http://evil.example\",\"click\"), with \"quotes\"\nand a second line",
    "kr": "+1 한국어 메모, 쉼표",
}


# The English labels of the status codes in a download (templates/messages/en.txt).
STATUS_LABELS = {"planned": "Planned", "in progress": "In progress", "done": "Done", "dropped": "Dropped"}


def register_rows_db(s, where="1=1"):
    """The register as the database holds it, in order: the expected cells (English)."""
    rows = s.sql(
        "SELECT CONCAT(c.area_id, '.', c.number), a.title, c.body, c.lead_side, c.status, c.progress, c.target,"
        " COALESCE(MAX(CASE WHEN n.side = 'eu' AND n.lang = 'en' THEN n.body END), ''),"
        " COALESCE(MAX(CASE WHEN n.side = 'kr' AND n.lang = 'en' THEN n.body END), '')"
        " FROM commitments c JOIN areas a ON a.id = c.area_id LEFT JOIN commitment_notes n ON n.commitment_id = c.id"
        f" WHERE {where} GROUP BY c.id ORDER BY c.area_id, c.number")
    return rows


def parse_csv_strict(data):
    """RFC 4180, strictly: BOM, CRLF records, quoted fields with doubled quotes."""
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM"
    text = data[3:].decode("utf-8")
    rows, field, row, i, quoted = [], "", [], 0, False
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field += '"'
                    i += 1
                else:
                    quoted = False
                    assert i + 1 == len(text) or text[i + 1] in ",\r", f"junk after quote at {i}"
            else:
                field += ch
        elif ch == '"':
            assert field == "", f"quote inside an unquoted field at {i}"
            quoted = True
        elif ch == ",":
            row.append(field)
            field = ""
        elif ch == "\r":
            assert text[i + 1] == "\n", "CR without LF"
            row.append(field)
            rows.append(row)
            field, row = "", []
            i += 1
        else:
            assert ch != "\n", f"bare LF at {i}"
            field += ch
        i += 1
    assert not quoted and field == "" and row == [], "file does not end with CRLF"
    return rows


def neutralised(value):
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") else value


def with_notes(s, cid, notes, fn):
    old = {side: s.scalar(f"SELECT HEX(body) FROM commitment_notes WHERE commitment_id = {cid} AND side = '{side}' AND lang = 'en'")
           for side in notes}
    for side, text in notes.items():
        s.sql(f"UPDATE commitment_notes SET body = {hexlit(text)} WHERE commitment_id = {cid} AND side = '{side}' AND lang = 'en'")
    try:
        fn()
    finally:
        for side, h in old.items():
            s.sql(f"UPDATE commitment_notes SET body = X'{h}' WHERE commitment_id = {cid} AND side = '{side}' AND lang = 'en'")


def test_page_filters_sorting_and_counts(s):
    c = s.login("eu-viewer")
    full = c.get("/register")
    total = int(s.scalar("SELECT COUNT(*) FROM commitments"))
    assert full.text.count('<tr id="c') == total
    r = c.get("/register?area=6g")
    assert r.text.count('<tr id="c') == int(s.scalar("SELECT COUNT(*) FROM commitments WHERE area_id = 4"))
    r = c.get("/register?lead=KR&status=planned")
    want = int(s.scalar("SELECT COUNT(*) FROM commitments WHERE lead_side = 'KR' AND status = 'planned'"))
    assert r.text.count('<tr id="c') == want
    assert f"{want} commitments" in r.text
    assert '<option value="KR" selected>' in r.text                     # the filter stays in the form
    assert 'href="/register.csv?lead=KR&amp;status=planned&amp;lang=en"' in r.text
    r = c.get("/register?q=" + "quantum%20sensing")
    assert r.text.count('<tr id="c') == 1 and ">3.2<" in r.text
    r = c.get("/register?q=" + "%ED%91%9C%EC%A4%80%ED%99%94")         # 표준화: found in the Korean text
    assert r.text.count('<tr id="c') >= 2
    r = c.get("/register?q=100%25")                                    # LIKE wildcards are literal
    assert r.text.count('<tr id="c') == 0 and "No commitment matches" in r.text
    r = c.get("/register?sort=progress&dir=desc")
    progress = [int(p) for p in re.findall(r'<progress max="100" value="(\d+)"', r.text)]
    assert progress == sorted(progress, reverse=True)
    assert 'aria-sort="descending"' in r.text
    counts = dict(re.findall(r'<li class="badge ([a-z-]+)">[^<]*<strong>(\d+)</strong>', full.text))
    assert int(counts["planned"]) == int(s.scalar("SELECT COUNT(*) FROM commitments WHERE status = 'planned'"))


def test_page_bad_filters(s):
    c = s.login("eu-viewer")
    for q in ("lead=US", "status=finished", "sort=secret", "dir=up", "council=abc", "council=0",
              "area=../x", "lead=EU&lead=KR", "q=" + "x" * 201):
        assert c.get(f"/register?{q}").status == 400, q
    for q in ("area=no-such-area", "council=99"):
        assert c.get(f"/register?{q}").status == 404, q
        assert c.get(f"/register.csv?{q}").status == 404, q


def test_csv_download(s):
    c = s.login("kr-viewer")
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 7 AND number = 1")

    def check():
        r = c.get("/register.csv?lang=en")
        assert r.status == 200
        assert r.header("Content-Type") == "text/csv; charset=utf-8; header=present"
        assert re.fullmatch(r'attachment; filename="eu-korea-register-\d{4}-\d{2}-\d{2}\.csv"', r.header("Content-Disposition"))
        assert r.header("Cache-Control") == "no-store" and r.header("X-Content-Type-Options") == "nosniff"
        rows = parse_csv_strict(r.body)
        assert rows[0][:3] == ["No.", "Area", "Commitment"]
        db = register_rows_db(s)
        assert len(rows) == len(db) + 1
        for got, want in zip(rows[1:], db):
            number, area, text, lead, status, progress, target, eu, kr = want
            assert got[0] == number and got[5] == progress
            assert got[1] == neutralised(area) and got[2] == neutralised(text) and got[6] == neutralised(target)
            assert got[7] == neutralised(eu) and got[8] == neutralised(kr), (got, want)
            assert got[3] == {"EU": "EU", "KR": "Korea", "joint": "Joint"}[lead]
            assert got[4] == STATUS_LABELS[status], (got, want)
        hostile = next(row for row in rows if row[0] == "7.1")
        assert hostile[7] == "'" + HOSTILE["eu"] and hostile[8] == "'" + HOSTILE["kr"]
        assert b"\r\n" in r.body and b"\"'=HYPERLINK(\"\"http://evil.example\"\"" in r.body
    with_notes(s, cid, HOSTILE, check)


def test_csv_in_korean(s):
    r = s.login("eu-viewer").get("/register.csv?lang=ko")
    rows = parse_csv_strict(r.body)
    assert rows[0][0] == "번호" and rows[0][2] == "이행 약속"
    first = rows[1]
    assert first[1] == "반도체 협력" and first[4] == "계획"
    assert "한-EU 반도체 연구자 포럼" in first[2]


def test_json_download(s):
    r = s.login("eu-viewer").get("/register.json?area=quantum&lang=ko")
    assert r.status == 200 and r.header("Content-Type") == "application/json; charset=utf-8"
    assert not r.body.startswith(b"\xef\xbb\xbf")
    d = json.loads(r.body)
    assert d["lang"] == "ko" and d["council"] is None and d["filter"] == "area=quantum"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["generated_at"])
    assert d["row_count"] == len(d["rows"]) == int(s.scalar("SELECT COUNT(*) FROM commitments WHERE area_id = 3"))
    assert d["rows"][0]["number"] == "3.1" and d["rows"][0]["status"] in ("planned", "in progress", "done", "dropped")
    assert "양자" in d["rows"][0]["text"]
    # rows_hash: BLAKE2b-256 over each row's values in order, 0x1F between values, 0x1E after each row.
    h = hashlib.blake2b(digest_size=32)
    keys = ["number", "area", "text", "lead", "status", "progress", "target", "eu_note", "kr_note",
            "updated_at", "updated_by", "updated_side"]
    for row in d["rows"]:
        assert list(row) == keys
        values = ["" if row[k] is None else str(row[k]) for k in keys]
        h.update("\x1f".join(values).encode() + b"\x1e")
    assert h.hexdigest() == d["rows_hash"]


def test_xlsx_download(s):
    c = s.login("eu-viewer")
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 7 AND number = 1")

    def check():
        r = c.get("/register.xlsx?lang=en")
        assert r.status == 200
        assert r.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert r.header("Content-Disposition").endswith('.xlsx"')
        z, cells = xlsx_cells(r.body)
        db = register_rows_db(s)
        assert cells[(0, 0)] == "No." and cells[(0, 5)] == "Progress (%)"
        for i, want in enumerate(db, start=1):
            number, area, text, lead, status, progress, target, eu, kr = want
            assert cells[(i, 0)] == number and cells[(i, 1)] == area and cells[(i, 2)] == text
            assert abs(cells[(i, 5)] - int(progress) / 100) < 1e-9
            assert cells.get((i, 7), "") == eu and cells.get((i, 8), "") == kr   # text cells, never formulas
        assert (len(db) + 1, 0) not in cells
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert 'ySplit="1"' in sheet and "<f>" not in sheet                       # frozen header; no formulas
        assert 'formatCode="0%"' in z.read("xl/styles.xml").decode()
        workbook = z.read("xl/workbook.xml").decode()
        assert 'name="Register"' in workbook and 'name="About"' in workbook
        about = z.read("xl/worksheets/sheet2.xml").decode()
        assert "Generated at" in about and "portalctl verify-export" in about
    with_notes(s, cid, HOSTILE, check)
    ko = xlsx_cells(c.get("/register.xlsx?lang=ko").body)[1]
    assert ko[(0, 0)] == "번호" and ko[(1, 1)] == "반도체 협력"


def test_filters_narrow_downloads_like_the_page(s):
    c = s.login("eu-viewer")
    query = "lead=joint&status=planned&sort=status"
    page = re.findall(r'<td class="num"><a href="/commitments/\d+">([\d.]+)</a>', c.get(f"/register?{query}").text)
    csv_rows = [row[0] for row in parse_csv_strict(c.get(f"/register.csv?{query}").body)[1:]]
    json_rows = [row["number"] for row in json.loads(c.get(f"/register.json?{query}").body)["rows"]]
    _, cells = xlsx_cells(c.get(f"/register.xlsx?{query}").body)
    xlsx_rows = [cells[(i, 0)] for i in range(1, len(page) + 1)]
    assert page == csv_rows == json_rows == xlsx_rows and len(page) > 0
    assert (len(page) + 1, 0) not in cells


def test_verify_export(s):
    c = s.login("kr-cochair")
    for fmt in ("csv", "json", "xlsx"):
        r = c.get(f"/register.{fmt}?area=hpc")
        with tempfile.NamedTemporaryFile(suffix="." + fmt, delete=False) as f:
            f.write(r.body)
        try:
            code, out = s.portalctl("verify-export", f.name)
            assert code == 0 and "valid" in out and "kr-cochair" in out, out
            data = bytearray(r.body)
            data[len(data) // 2] ^= 0x01
            with open(f.name, "wb") as g:
                g.write(bytes(data))
            code, out = s.portalctl("verify-export", f.name)
            assert code == 1 and "NOT a recorded download" in out, out
        finally:
            os.unlink(f.name)
    row = s.sql("SELECT action, login, detail FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert row[0] == "download" and row[1] == "kr-cochair" and re.search(r"register\.xlsx hash=[0-9a-f]{64} rows=\d+", row[2])


def test_councils_snapshot_and_changes(s):
    """Marks the next council held and adds one; the councils are put back as
    they were afterwards (other tests expect the seeded two)."""
    councils = s.sql("SELECT id, held FROM councils")
    try:
        councils_held_and_added(s)
    finally:
        last = max(int(i) for i, _ in councils)
        for cid, held in councils:
            if held == "0":
                s.sql(f"DELETE FROM council_snapshots WHERE council_id = {cid}")
                s.sql(f"UPDATE councils SET held = 0, held_at = NULL WHERE id = {cid}")
        s.sql(f"DELETE FROM council_snapshots WHERE council_id > {last}")
        s.sql(f"DELETE FROM councils WHERE id > {last}")


def councils_held_and_added(s):
    eu, kr, viewer = s.login("eu-cochair"), s.login("kr-cochair"), s.login("eu-viewer")
    next_id = s.scalar("SELECT MIN(id) FROM councils WHERE held = 0")
    assert viewer.post(f"/councils/{next_id}/held", {}).status == 403
    assert s.login("eu-editor").post(f"/councils/{next_id}/held", {}).status == 403
    page = eu.get("/councils").text
    assert f'action="/councils/{next_id}/held"' in page
    # 2.2 as this test needs it at the council (restored at the end): planned, 10 %.
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 2 AND number = 2")
    was_status, was_progress = s.sql(f"SELECT status, progress FROM commitments WHERE id = {cid}")[0]
    s.sql(f"UPDATE commitments SET status = 'planned', progress = 10 WHERE id = {cid}")
    before = register_rows_db(s)
    r = eu.post(f"/councils/{next_id}/held", {})
    assert r.status == 303 and r.header("Location") == "/councils?done=held"
    assert eu.post(f"/councils/{next_id}/held", {}).status == 303          # a second click: already done
    assert s.scalar(f"SELECT COUNT(*) FROM council_snapshots WHERE council_id = {next_id}") == str(len(before))
    assert s.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "council_held"
    # Edits after the council...
    s.sql(f"UPDATE commitments SET status = 'in progress', progress = 35 WHERE id = {cid}")
    other = s.scalar("SELECT id FROM commitments WHERE area_id = 8 AND number = 1")
    s.sql(f"UPDATE commitment_notes SET body = 'Supply-chain dialogue started' WHERE commitment_id = {other} AND side = 'kr' AND lang = 'en'")
    try:
        # ...do not touch the register as reviewed,
        snap = parse_csv_strict(viewer.get(f"/register.csv?council={next_id}").body)
        row = next(r for r in snap if r[0] == "2.2")
        assert next(b for b in before if b[0] == "2.2")[4:6] == ["planned", "10"]
        assert row[4] == "Planned" and row[5] == "10", row            # as at the council
        live = next(r for r in parse_csv_strict(viewer.get("/register.csv").body) if r[0] == "2.2")
        assert live[4] == "In progress" and live[5] == "35", live
        assert viewer.get(f"/register?council={next_id}").status == 200
        # ...and are exactly what the changes page lists.
        changes = viewer.get(f"/changes?council={next_id}").text
        listed = re.findall(r'<h3><a href="/commitments/(\d+)">', changes)
        assert sorted(listed) == sorted([cid, other]), listed
        assert "35 %" in changes and "Supply-chain dialogue started" in changes
        atom = viewer.get(f"/changes.atom?council={next_id}")
        assert atom.header("Content-Type") == "application/atom+xml; charset=utf-8"
        feed = ET.fromstring(atom.body)
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == 2
        assert s.get(f"/changes.atom?council={next_id}").status == 303       # not without a login
    finally:
        s.sql(f"UPDATE commitment_notes SET body = '' WHERE commitment_id = {other} AND side = 'kr' AND lang = 'en'")
        s.sql(f"UPDATE commitments SET status = {hexlit(was_status)}, progress = {int(was_progress)} WHERE id = {cid}")
    # The next council can be added once every council is held.
    r = eu.post("/councils", {"city": "Seoul", "city_ko": "서울", "date": "2025", "date_ko": "2025년"})
    assert r.status == 303
    assert eu.post("/councils", {"city": "Again", "city_ko": "", "date": "x", "date_ko": ""}).status == 409
    assert viewer.get("/councils").status == 200


def lock_notes(s):
    """A session holding a write lock on the notes table, until its stdin closes."""
    lock = subprocess.Popen(["mariadb", f"--defaults-file={s.admin_cnf}", "--batch", "--unbuffered",
                             "--skip-column-names", "portal"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    lock.stdin.write("LOCK TABLES commitment_notes WRITE; SELECT 'locked';\n")
    lock.stdin.flush()
    ready, _, _ = select.select([lock.stdout], [], [], 20)
    assert ready and lock.stdout.readline().strip() == "locked", "could not lock the notes table"
    return lock


def app_connection(s, state):
    """The id of the app's database connection in that state (LIKE pattern), waiting up to 5 s."""
    for _ in range(100):
        found = s.sql("SELECT id FROM information_schema.processlist WHERE user = 'portal_app' "
                      f"AND state LIKE '{state}'")
        if found:
            return int(found[0][0])
        time.sleep(0.05)
    raise AssertionError(f"no app connection in state {state!r}")


def start_download(c, path, result):
    """Fetches path on a thread: result gets status, body and whether the body was complete."""
    conn = http.client.HTTPConnection("127.0.0.1", c.stack.port, timeout=30)
    conn.request("GET", path, headers={"Cookie": c._cookie_header()})

    def read():
        resp = conn.getresponse()
        result["status"] = resp.status
        result["head"] = resp.read(3)
        try:
            result["body"] = result["head"] + resp.read()
            result["complete"] = True
        except http.client.IncompleteRead as e:
            result["body"] = result["head"] + e.partial
            result["complete"] = False
        conn.close()
    t = threading.Thread(target=read)
    t.start()
    return t


def test_a_connection_killed_before_the_first_row_is_retried(s):
    """The app's connection dies while the download waits for a lock: nothing
    was read yet, so the query runs again on a fresh connection and the file
    is whole."""
    c = s.login("eu-viewer")
    want = c.get("/register.csv").body
    lock = lock_notes(s)
    # A new content generation: the download cannot come from the workers' cache.
    s.sql("UPDATE content_generation SET n = n + 1")
    result = {}
    try:
        t = start_download(c, "/register.csv", result)
        s.sql(f"KILL CONNECTION {app_connection(s, '%metadata lock%')}")
    finally:
        lock.stdin.write("UNLOCK TABLES;\n")
        lock.stdin.close()
        lock.wait()
    t.join(30)
    assert result["status"] == 200 and result["complete"]
    assert result["body"] == want


def nginx_workers(s):
    with open(os.path.join(s.instance, "nginx", "nginx.pid")) as f:
        master = f.read().strip()
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", master], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_a_download_that_fails_half_way_fails_visibly(s):
    """Half-way through a large download the app's database connection is
    killed: the client must see an incomplete answer, never a shorter file that
    looks complete, and the next download works. To stop the download half-way
    on purpose, it first waits for a lock; nginx is paused meanwhile, so once
    the lock goes the app and MariaDB stall with rows still to send."""
    c = s.login("eu-viewer")
    result = {}
    with ten_thousand_commitments(s):
        workers = nginx_workers(s)
        lock = lock_notes(s)
        try:
            t = start_download(c, "/register.csv", result)
            app_connection(s, "%metadata lock%")
            for pid in workers:
                os.kill(pid, signal.SIGSTOP)
            lock.stdin.write("UNLOCK TABLES;\n")
            lock.stdin.close()
            lock.wait()
            s.sql(f"KILL CONNECTION {app_connection(s, 'Writing to net')}")
        finally:
            for pid in workers:
                os.kill(pid, signal.SIGCONT)
            if lock.poll() is None:
                lock.kill()
        t.join(30)
        assert result["status"] == 200
        assert result["complete"] is False, "a cut-off download looked complete"
        assert result["body"].startswith(b"\xef\xbb\xbf")
        assert c.get("/register.csv").status == 200
    assert "answer cut off" in s.app_log()


def rss_kib(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            total += int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
    return total


def test_ten_thousand_commitments(s):
    """A fixture of 10,000 extra commitments in area 8: every download completes,
    and the workers' memory does not grow with the number of rows."""
    with ten_thousand_commitments(s):
        c = s.login("eu-viewer")
        total = int(s.scalar("SELECT COUNT(*) FROM commitments"))
        workers = s.worker_pids()
        for fmt in ("csv", "json", "xlsx"):
            c.get(f"/register.{fmt}?area=6g")
        small = rss_kib(workers)
        for fmt in ("csv", "json", "xlsx"):
            for _ in range(3):
                r = c.get(f"/register.{fmt}")
                assert r.status == 200
        rows = parse_csv_strict(c.get("/register.csv").body)
        assert len(rows) == total + 1
        assert json.loads(c.get("/register.json").body)["row_count"] == total
        _, cells = xlsx_cells(c.get("/register.xlsx").body)
        assert (total, 0) in cells and (total + 1, 0) not in cells
        grown = rss_kib(workers) - small
        assert grown < 60 * 1024, f"workers grew by {grown} KiB for {total} rows"


def test_verify_while_downloads_are_recorded(s):
    """portalctl verify reads the chain and its head in one snapshot: entries
    appended meanwhile (downloads from eight clients, recorded in batches)
    never look like a broken chain."""
    c = s.login("eu-viewer")
    stop = threading.Event()

    def download():
        n = 0
        while not stop.is_set():
            assert c.get("/register.csv?area=6g").status == 200
            n += 1
        return n
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        running = [pool.submit(download) for _ in range(8)]
        try:
            for _ in range(5):
                code, out = s.portalctl("verify")
                assert code == 0 and "audit log: intact" in out, out
        finally:
            stop.set()
        downloads = sum(f.result() for f in running)
    assert downloads > 0
    code, out = s.portalctl("verify")
    assert code == 0, out
