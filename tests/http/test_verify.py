"""portalctl verify against someone who can write to the database but not to
the machine's files: a chain cut short with its head moved back ("rewound")
is found through the heads recorded outside the database after every
commit; a live section, note, commitment or account changed with SQL is named
against its latest revision or audit entry; untouched data is intact. Every
change is put back, and verify is intact again."""
import contextlib
import os

from harness import form_fields, save_section



def heads_lines(s):
    with open(os.path.join(s.instance, "chain.heads")) as f:
        return f.read().splitlines()


def verify(s):
    return s.portalctl("verify")


def test_every_commit_that_moves_a_chain_records_its_head(s):
    before = len(heads_lines(s))
    seq = int(s.scalar("SELECT seq FROM chain_heads WHERE chain = 'audit'"))
    s.client().post("/login", {"login": "nobody-here", "password": "not a password at all"})
    s.clear_throttle()
    lines = heads_lines(s)
    head = s.sql("SELECT seq, LOWER(HEX(hash)) FROM chain_heads WHERE chain = 'audit'")[0]
    assert int(head[0]) == seq + 1
    assert [line.split()[1:] for line in lines[before:]] == [["audit", head[0], head[1]]], lines[before:]
    # A page view moves no chain and writes nothing.
    s.login("eu-viewer").get("/")
    assert len(heads_lines(s)) == before + 2   # the login, no more


@contextlib.contextmanager
def rewound_audit_log(s, entries):
    """The newest entries deleted and the head moved back to the one before them, as a DBA could."""
    s.sql(f"CREATE TABLE rewound_saved AS SELECT * FROM audit_log ORDER BY seq DESC LIMIT {entries}")
    head = s.sql("SELECT seq, HEX(hash) FROM chain_heads WHERE chain = 'audit'")[0]
    try:
        s.sql("DELETE FROM audit_log WHERE seq IN (SELECT seq FROM rewound_saved)")
        s.sql("UPDATE chain_heads SET seq = (SELECT MAX(seq) FROM audit_log),"
              " hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) WHERE chain = 'audit'")
        yield int(head[0])
    finally:
        s.sql("INSERT INTO audit_log SELECT * FROM rewound_saved")
        s.sql(f"UPDATE chain_heads SET seq = {head[0]}, hash = X'{head[1]}' WHERE chain = 'audit'")
        s.sql("DROP TABLE rewound_saved")


def test_a_rewound_audit_log_is_found(s):
    for who in ("nobody-1", "nobody-2", "nobody-3"):
        s.client().post("/login", {"login": who, "password": "not a password at all"})
    s.clear_throttle()
    code, out = verify(s)
    assert code == 0 and "audit log: intact" in out, out
    with rewound_audit_log(s, 3) as newest:
        # The chain in the database is consistent on its own ...
        code, out = verify(s)
        assert f"audit log: intact, {newest - 3} entries" in out, out
        # ... but the heads recorded outside it are not there any more.
        assert code == 1, out
        assert f"audit log: REWOUND: entry {newest}, recorded outside the database at " in out, out
        assert f"the chain ends at entry {newest - 3}" in out, out
    code, out = verify(s)
    assert code == 0 and "REWOUND" not in out and f"(last: entry {newest})" in out, out


def test_a_rewritten_audit_entry_under_a_rewound_head_is_found(s):
    """Rewound and written again with other entries (through the portal): the recorded hash differs."""
    s.client().post("/login", {"login": "nobody-4", "password": "not a password at all"})
    s.clear_throttle()
    path = os.path.join(s.instance, "chain.heads")
    with rewound_audit_log(s, 1) as newest:
        size = os.path.getsize(path)
        s.client().post("/login", {"login": "somebody-else", "password": "not a password at all"})
        s.clear_throttle()
        assert s.scalar(f"SELECT login FROM audit_log WHERE seq = {newest}") == "somebody-else"
        code, out = verify(s)
        assert code == 1 and f"audit log: REWRITTEN: entry {newest} is not the one recorded" in out, out
        # Put back: the forged entry, and its head in the file (only this test may edit the file).
        s.sql(f"DELETE FROM audit_log WHERE seq = {newest}")
        os.truncate(path, size)
    code, out = verify(s)
    assert code == 0, out


@contextlib.contextmanager
def changed_by_sql(s, table, column, where, value):
    text, hexed = s.sql(f"SELECT {column}, HEX({column}) FROM {table} WHERE {where}")[0]
    old = text if text.isdigit() else f"X'{hexed}'"   # numbers as numbers, text byte for byte
    s.sql(f"UPDATE {table} SET {column} = {value} WHERE {where}")
    try:
        yield
    finally:
        s.sql(f"UPDATE {table} SET {column} = {old} WHERE {where}")


def test_live_rows_changed_with_sql_are_named(s):
    # Parts with revisions: changed through the portal first.
    ed, kr = s.login("eu-editor"), s.login("kr-editor")
    assert save_section(ed, "cybersecurity", "eu", "EU text on cybersecurity, saved.", "verify").status == 303
    cid = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id"
                   " WHERE a.slug = 'cybersecurity' AND c.number = 1")
    f = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/note")
    assert kr.post(f"/commitments/{cid}/note", dict(f, note="KR note, saved.", summary="verify")).status == 303
    code, out = verify(s)
    assert code == 0 and "live rows: sections, notes, commitments and accounts agree" in out, out

    area = s.scalar("SELECT id FROM areas WHERE slug = 'cybersecurity'")
    section = f"area_id = {area} AND side = 'eu' AND lang = 'en'"
    version = s.scalar(f"SELECT version FROM sections WHERE {section}")
    with changed_by_sql(s, "sections", "body", section, "'EU text, changed behind the portal.'"):
        code, out = verify(s)
        assert code == 1 and f"section cybersecurity eu (en), version {version}: its text or version differs" in out, out
        assert "live rows: 1 differ" in out, out
    note = f"commitment_id = {cid} AND side = 'kr' AND lang = 'en'"
    version = s.scalar(f"SELECT version FROM commitment_notes WHERE {note}")
    with changed_by_sql(s, "commitment_notes", "body", note, "'KR note, changed behind the portal.'"):
        code, out = verify(s)
        assert code == 1 and f"note of commitment {cid} ({area}.1) kr (en), version {version}" in out, out
    led = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id"
                   " WHERE a.slug = 'hpc' AND c.number = 1")
    eu = s.login("eu-editor")
    f = form_fields(eu.get(f"/commitments/{led}").text, f"/commitments/{led}/progress")
    assert eu.post(f"/commitments/{led}/progress", dict(f, status="in progress", progress="55")).status == 303
    with changed_by_sql(s, "commitments", "progress", f"id = {led}", "90"):
        code, out = verify(s)
        assert code == 1 and f"commitment {led} (" in out and "its fields differ from its revisions" in out, out
    viewer = s.scalar("SELECT id FROM accounts WHERE login = 'kr-viewer'")
    with changed_by_sql(s, "accounts", "role", f"id = {viewer}", "'admin'"):
        code, out = verify(s)
        assert code == 1 and f"account {viewer} (kr-viewer): role admin, but the audit log says viewer" in out, out
    with changed_by_sql(s, "accounts", "disabled", f"id = {viewer}", "1"):
        code, out = verify(s)
        assert code == 1 and f"account {viewer} (kr-viewer): disabled, but the audit log says enabled" in out, out
    # An account slipped in with SQL: nothing records its creation.
    s.sql("INSERT INTO accounts (login, display_name, side, role, password_hash, created_at, updated_at)"
          " SELECT 'eu-ghost', 'Ghost', 'EU', 'admin', password_hash, NOW(6), NOW(6) FROM accounts"
          " WHERE login = 'eu-admin'")
    try:
        code, out = verify(s)
        assert code == 1 and "(eu-ghost): no audit entry records its creation" in out, out
    finally:
        s.sql("DELETE FROM accounts WHERE login = 'eu-ghost'")
    code, out = verify(s)
    assert code == 0 and "live rows: sections, notes, commitments and accounts agree" in out, out


def test_a_head_not_yet_recorded_is_reported_and_a_foreign_line_fails(s):
    """The file may lag the database (a worker killed between its commit and its write):
    said, not failed. A line that is not a head means the file was edited: failed."""
    path = os.path.join(s.instance, "chain.heads")
    s.client().post("/login", {"login": "nobody-5", "password": "not a password at all"})
    s.clear_throttle()
    with open(path) as f:
        kept = f.read()
    last = kept.splitlines()[-1]
    assert last.split()[1] == "audit", last
    try:
        with open(path, "w") as f:
            f.write(kept[:len(kept) - len(last) - 1])     # as if the worker died before writing it
        code, out = verify(s)
        assert code == 0 and "1 newer entry not recorded" in out, out
        with open(path, "a") as f:
            f.write("2026-01-01T00:00:00.000000Z audit 1 not-a-hash\n")
        code, out = verify(s)
        assert code == 1 and "lines that are not heads (1): it was edited" in out, out
    finally:
        with open(path, "w") as f:
            f.write(kept)
    assert verify(s)[0] == 0
