"""Account management through the web pages, by an administrator of one side."""
import csv
import io
import re

from harness import created_password


def test_create_an_account_and_use_it(s):
    c = s.login("kr-admin")
    r = c.post("/admin/users", {"login": "KR-Expert", "name": "박 전문가 <b>", "role": "editor"})
    assert r.status == 200, r.text[:500]
    pw = created_password(r.text)
    assert len(pw) == 16
    assert "kr-expert" in r.text and "박 전문가 &lt;b&gt;" in r.text
    assert s.scalar("SELECT CONCAT(side, '/', role) FROM accounts WHERE login = 'kr-expert'") == "KR/editor"
    assert pw not in c.get("/admin/users").text            # shown once
    user = s.login("kr-expert", password=pw)
    assert "박 전문가 &lt;b&gt;" in user.get("/").text
    r = c.post("/admin/users", {"login": "kr-expert", "name": "Again", "role": "viewer"})
    assert r.status == 409 and "exists already" in r.text


def test_create_rejects_bad_input(s):
    c = s.login("eu-admin")
    before = s.fingerprint()
    for fields in ({"login": "a", "name": "N", "role": "viewer"},
                   {"login": "has space", "name": "N", "role": "viewer"},
                   {"login": "ok-name", "name": "", "role": "viewer"},
                   {"login": "ok-name", "name": "x" * 101, "role": "viewer"},
                   {"login": "ok-name", "name": "tab\there", "role": "viewer"}):
        r = c.post("/admin/users", fields)
        assert r.status == 400, (fields, r.status)
    for fields in ({"login": "ok-name", "name": "N", "role": "superuser"},
                   {"login": "ok-name", "name": "N"},
                   [("login", "a1"), ("login", "a2"), ("name", "N"), ("role", "viewer")]):
        assert c.post("/admin/users", fields).status == 400
    assert s.fingerprint() == before


def test_disable_enable_reset_and_role(s):
    admin = s.login("eu-admin")
    target = s.login("eu-editor")
    tid = s.scalar("SELECT id FROM accounts WHERE login = 'eu-editor'")
    try:
        r = admin.post(f"/admin/users/{tid}", {"action": "role", "role": "viewer"})
        assert r.status == 200 and s.scalar(f"SELECT role FROM accounts WHERE id = {tid}") == "viewer"
        r = admin.post(f"/admin/users/{tid}", {"action": "disable"})
        assert r.status == 200 and s.scalar(f"SELECT disabled FROM accounts WHERE id = {tid}") == "1"
        assert target.get("/").status == 303
        assert s.client().post("/login", {"login": "eu-editor", "password": s.passwords["eu-editor"]}).status == 401
        r = admin.post(f"/admin/users/{tid}", {"action": "enable"})
        assert r.status == 200
        r = admin.post(f"/admin/users/{tid}", {"action": "reset"})
        new_pw = created_password(r.text)
        assert s.client().post("/login", {"login": "eu-editor", "password": s.passwords["eu-editor"]}).status == 401
        s.login("eu-editor", password=new_pw)
        actions = [row[0] for row in s.sql("SELECT action FROM audit_log WHERE detail LIKE 'account %' ORDER BY seq DESC LIMIT 4")]
        assert actions == ["password_reset", "account_enabled", "account_disabled", "role_changed"], actions
    finally:
        # Put back through portalctl, so the audit log says so too (portalctl verify compares them).
        assert s.portalctl("user", "role", "eu-editor", "editor")[0] == 0
        assert s.portalctl("user", "enable", "eu-editor")[0] == 0
        assert s.portalctl("user", "passwd", "eu-editor", stdin=s.passwords["eu-editor"] + "\n")[0] == 0
        s.clear_throttle()


def test_admin_cannot_lock_themselves_out(s):
    c = s.login("eu-admin")
    me = s.scalar("SELECT id FROM accounts WHERE login = 'eu-admin'")
    page = c.get(f"/admin/users/{me}").text
    assert 'value="disable"' not in page
    for fields in ({"action": "disable"}, {"action": "role", "role": "viewer"}):
        r = c.post(f"/admin/users/{me}", fields)
        assert r.status == 409, r.status
    assert s.scalar(f"SELECT CONCAT(role, disabled) FROM accounts WHERE id = {me}") == "admin0"


def test_unknown_and_malformed_account_ids(s):
    c = s.login("eu-admin")
    for path in ("/admin/users/0", "/admin/users/999999", "/admin/users/abc", "/admin/users/-1",
                 "/admin/users/1e3", "/admin/users/99999999999999999999"):
        assert c.get(path).status == 404, path


def test_audit_page_shows_entries_and_chain(s):
    c = s.login("kr-admin")
    r = c.get("/admin/audit")
    assert r.status == 200
    assert "The hash chain is intact" in r.text
    assert "<code>login</code>" in r.text
    assert c.get("/admin/audit?page=0").status == 400
    assert c.get("/admin/audit?page=x").status == 400
    assert s.login("kr-cochair").get("/admin/audit").status == 403


def test_tampering_with_the_audit_log_is_detected(s):
    c = s.login("eu-admin")
    seq = s.scalar("SELECT MIN(seq) + 2 FROM audit_log")
    old = s.scalar(f"SELECT detail FROM audit_log WHERE seq = {seq}")
    s.sql(f"UPDATE audit_log SET detail = 'nothing happened' WHERE seq = {seq}")
    try:
        assert f"broken at entry {seq}" in c.get("/admin/audit").text
        code, out = s.portalctl("verify")
        assert code == 1 and f"BROKEN at entry {seq}" in out, out
    finally:
        s.sql(f"UPDATE audit_log SET detail = X'{old.encode().hex()}' WHERE seq = {seq}")
    code, out = s.portalctl("verify")
    assert code == 0 and "intact" in out, out
    # Removing the newest entry is noticed too (the chain head remembers it).
    s.sql("CREATE TABLE audit_saved AS SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
    try:
        s.sql("DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_saved)")
        code, out = s.portalctl("verify")
        assert code == 1 and "BROKEN" in out, out
    finally:
        s.sql("INSERT INTO audit_log SELECT * FROM audit_saved")
        s.sql("DROP TABLE audit_saved")
    assert s.portalctl("verify")[0] == 0


def test_the_audit_log_exports_whole_as_csv(s):
    c = s.login("eu-admin")
    r = c.get("/admin/audit.csv")
    assert r.status == 200, r.text[:300]
    assert r.header("Content-Type") == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="eu-korea-audit-log-\d{4}-\d\d-\d\d\.csv"',
                        r.header("Content-Disposition"))
    assert r.body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["No.", "Time (UTC)", "Login name", "Side", "Action", "Detail", "Address", "Hash (BLAKE2b)"]
    # Every entry up to the export, oldest first, as the database holds it.
    db = s.sql("SELECT seq, login, action, detail, LOWER(HEX(hash)) FROM audit_log ORDER BY seq")
    exported = [(int(row[0]), row[2], row[4], row[5], row[7]) for row in rows[1:]]
    assert len(exported) >= len(db) - 1   # the export's own entry comes after it
    assert exported == [(int(seq), login, action, detail, h) for seq, login, action, detail, h in db[:len(exported)]]
    # The export is itself recorded; only administrators may make one.
    assert s.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "audit_exported"
    assert s.login("eu-cochair").get("/admin/audit.csv").status == 403
    assert "/admin/audit.csv" in c.get("/admin/audit").text


def test_the_audit_export_is_streamed(s):
    """The export is written as the entries arrive from the database, in
    pieces, never built whole in memory first: the app sends it without a
    length, so nginx passes it on chunked. What arrives is the whole log."""
    c = s.login("eu-admin")
    count = int(s.scalar("SELECT COUNT(*) FROM audit_log"))
    r = c.get("/admin/audit.csv")
    assert r.status == 200
    assert r.header("Content-Length") is None and r.header("Transfer-Encoding") == "chunked", r.headers
    rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
    assert len(rows) == count + 1 and r.body.endswith(b"\r\n")
    assert s.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "audit_exported"
    # A HEAD gets the head alone.
    h = c.request("HEAD", "/admin/audit.csv")
    assert h.status == 200 and h.body == b"" and h.header("Content-Type") == "text/csv; charset=utf-8"


def test_the_audit_export_writes_formulas_as_text(s):
    """A cell a spreadsheet would run as a formula (here a detail altered in
    the database, put back afterwards) is written as text."""
    c = s.login("eu-admin")
    seq = s.scalar("SELECT MIN(seq) FROM audit_log")
    old = s.scalar(f"SELECT detail FROM audit_log WHERE seq = {seq}")
    s.sql(f"UPDATE audit_log SET detail = '=HYPERLINK(\\'http://evil.example\\')' WHERE seq = {seq}")
    try:
        r = c.get("/admin/audit.csv")
    finally:
        s.sql(f"UPDATE audit_log SET detail = X'{old.encode().hex()}' WHERE seq = {seq}")
    rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
    assert [row[5] for row in rows[1:] if row[0] == seq] == ["'=HYPERLINK('http://evil.example')"]
