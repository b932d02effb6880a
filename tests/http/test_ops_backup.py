"""Backups that restore: a fresh instance (var/test-b) is filled through the
portal's own pages, backed up with portalctl, and restored into another
fresh instance (var/test-c); every table, page, revision, audit entry and
download is then the same, and the hash chains still verify. Damaged,
foreign and newer backups are refused without touching anything, and a
restore never replaces a database that is in use or not empty unless told.
Forged backups — a changed byte, an appended statement with its checksum
recomputed, an edited manifest, another installation's backup, a dump with
statements mariadb-dump does not write — are refused before anything is
restored, and a restore loads the dump with an account limited to the
portal's tables."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile

from harness import created_password, form_fields, save_section, xlsx_cells
from instances import fresh


def fill_through_pages(b):
    """Accounts, edits, notes, progress, proposals, councils, a failed login
    and a download, as participants make them. Returns the downloaded CSV and
    the password the new EU account was given."""
    eu_admin, kr_admin = b.login("eu-admin"), b.login("kr-admin")
    r = eu_admin.post("/admin/users", {"login": "eu-expert", "name": "Anna Expert <i>", "role": "editor"})
    assert r.status == 200, r.status
    expert_pw = created_password(r.text)
    assert kr_admin.post("/admin/users", {"login": "kr-analyst", "name": "이 분석관", "role": "viewer"}).status == 200
    kid = b.scalar("SELECT id FROM accounts WHERE login = 'kr-analyst'")
    assert kr_admin.post(f"/admin/users/{kid}", {"action": "role", "role": "editor"}).status == 200

    expert = b.login("eu-expert", password=expert_pw)
    assert save_section(expert, "quantum", "eu", "## EU\n\nQuantum Flagship experts named.", "experts").status == 303
    kr = b.login("kr-editor")
    assert save_section(kr, "6g", "kr", "## 한국\n\n6G 표준화 협력 — ETSI, 3GPP.", "표준화").status == 303
    cid = b.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = '6g' AND c.number = 1")
    f = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/note")
    assert kr.post(f"/commitments/{cid}/note", dict(f, note="표준화 회의 참석 완료", summary="update")).status == 303
    eu_led = b.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 1")
    ed = b.login("eu-editor")
    f = form_fields(ed.get(f"/commitments/{eu_led}").text, f"/commitments/{eu_led}/progress")
    assert ed.post(f"/commitments/{eu_led}/progress", dict(f, status="in progress", progress="40")).status == 303

    euc, krc = b.login("eu-cochair"), b.login("kr-cochair")
    approved = save_section(euc, "future-collaboration", "joint", "Joint summary, revised.", "revise").header("Location")
    assert krc.post(approved + "/approve", {}).status == 303
    rejected = save_section(krc, "quantum", "joint", "Wording the EU rejects", "try").header("Location")
    assert euc.post(rejected + "/reject", {}).status == 303
    held = b.scalar("SELECT MIN(id) FROM councils WHERE held = 0")
    assert euc.post(f"/councils/{held}/held", {}).status == 303
    assert krc.post("/councils", {"city": "Seoul", "city_ko": "서울", "date": "2025", "date_ko": "2025년"}).status == 303

    b.login("eu-viewer", password="not the password", expect=401)
    r = b.login("kr-viewer").get("/register.csv?lang=ko")
    assert r.status == 200
    return r.body, expert_pw


def admin_sql(inst, query):
    """SQL as the instance's administrator, without choosing a database."""
    out = subprocess.run(["mariadb", f"--defaults-file={inst.path('mariadb', 'admin.cnf')}", "--batch",
                          "--skip-column-names", "-e", query], check=True, capture_output=True, text=True)
    return out.stdout


def portal_tables(inst):
    return int(admin_sql(inst, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'portal'"))


def contents(st):
    """Every table's checksum and rows count, and the two chains entry by entry."""
    tables = [row[0] for row in st.sql("SELECT table_name FROM information_schema.tables"
                                       " WHERE table_schema = 'portal' ORDER BY table_name")]
    sums = st.sql("CHECKSUM TABLE " + ", ".join(tables))
    counts = [st.scalar(f"SELECT COUNT(*) FROM `{t}`") for t in tables]
    audit = st.sql("SELECT seq, at, account_id, login, action, detail, client_addr, HEX(prev_hash), HEX(hash)"
                   " FROM audit_log ORDER BY seq")
    revisions = st.sql("SELECT seq, area_id, commitment_id, part, lang, version, content, summary, account_id, at,"
                       " origin, HEX(hash) FROM revisions ORDER BY seq")
    return tables, sums, counts, audit, revisions


def page_list(st):
    paths = ["/", "/?lang=ko", "/register", "/register?lang=ko&sort=status", "/councils", "/changes",
             "/changes?council=1", "/changes.atom", "/account"]
    council = st.scalar("SELECT MAX(id) FROM councils WHERE held = 1")
    paths += [f"/register?council={council}", f"/changes?council={council}"]
    for (slug,) in st.sql("SELECT slug FROM areas ORDER BY id"):
        paths += [f"/areas/{slug}", f"/areas/{slug}?lang=ko", f"/areas/{slug}/history"]
    paths += [f"/commitments/{cid}" for (cid,) in st.sql("SELECT id FROM commitments ORDER BY id")]
    paths += [f"/revisions/{seq}" for (seq,) in st.sql("SELECT seq FROM revisions ORDER BY seq")]
    paths += [f"/proposals/{pid}" for (pid,) in st.sql("SELECT id FROM proposals ORDER BY id")]
    return paths


def normalized(body, port):
    """A page without what differs by session or port: CSRF and form tokens, the address."""
    text = body.decode("utf-8")
    text = re.sub(r'name="(csrf|form_token)" value="[^"]*"', r'name="\1" value=""', text)
    return text.replace(f"127.0.0.1:{port}", "127.0.0.1:PORT")


def downloads(client):
    csv = client.get("/register.csv?lang=en").body
    doc = json.loads(client.get("/register.json?lang=ko").body)
    doc.pop("generated_at")
    _, cells = xlsx_cells(client.get("/register.xlsx").body)
    return csv, doc, cells


def write_config(b, c, key_file=None):
    """C's configuration: B's with C's paths and port (an operator writes it for a new machine)."""
    text = open(b.path("portal.conf")).read().replace(b.dir, c.dir).replace(f":{b.port}", f":{c.port}")
    if key_file:
        text = re.sub(r"(?m)^chain_key_file = .*$", f"chain_key_file = {key_file}", text)
    path = c.path("other.conf" if key_file else "portal.conf")
    with open(path, "w") as f:
        f.write(text)
    return path


def test_backup_restores_everything_into_a_fresh_instance(s):
    with fresh(s, "b") as b, fresh(s, "c") as c, tempfile.TemporaryDirectory() as tmp:
        b.start()
        csv_before, expert_pw = fill_through_pages(b.stack)
        backup = os.path.join(tmp, "portal.backup")
        rc, out = b.stack.portalctl("backup", backup)
        assert rc == 0, out
        assert f"backup written: {backup}" in out
        assert oct(os.stat(backup).st_mode & 0o777) == "0o600"           # it holds password hashes
        head = open(backup, "rb").read(1024).decode()
        assert head.startswith("EUKR-PORTAL-BACKUP 2\ncreated: ") and "\ndatabase: portal\n" in head
        assert f"\nschema: {b.stack.scalar('SELECT MAX(version) FROM schema_migrations')}\n" in head
        # The manifest carries the chain heads of the dump, as the database had them.
        for chain, seq, digest in b.stack.sql("SELECT chain, seq, LOWER(HEX(hash)) FROM chain_heads"):
            assert f"\n{chain}-head: {seq} {digest}\n" in head, (chain, head)
        assert b.stack.portalctl("backup", backup)[0] == 1                 # never replaces a file
        before = contents(b.stack)
        rc, verified_b = b.stack.portalctl("verify")
        assert rc == 0, verified_b

        # A new machine: the original chain, backup and second-factor keys copied over, MariaDB running, no database yet.
        shutil.copy(b.path("chain.key"), c.path("chain.key"))
        shutil.copy(b.path("backup.key"), c.path("backup.key"))
        shutil.copy(b.path("mfa.key"), c.path("mfa.key"))       # the second factor's secrets open with it
        write_config(b, c)
        c.db_start()
        rc, out = c.stack.portalctl("restore", backup)
        assert rc == 0, out
        assert "restored " in out and "audit log: intact" in out and "revisions: intact" in out
        assert contents(c.stack) == before
        # Loaded as the restore account, not as root: it defines the restored triggers.
        definers = c.stack.sql("SELECT DISTINCT definer FROM information_schema.triggers WHERE trigger_schema = 'portal'")
        assert definers == [["portal_restore@localhost"]], definers
        # The restored heads are recorded outside the database.
        heads = open(c.path("chain.heads")).read().splitlines()
        assert [line.split()[1:3] + line.split()[4:] for line in heads] == \
            [[chain, seq, "restore"] for chain, seq in b.stack.sql("SELECT chain, seq FROM chain_heads")], heads

        # Into a database that is not empty: refused, unless forced.
        rc, out = c.stack.portalctl("restore", backup)
        assert rc == 1 and "is not empty" in out and "nothing was changed" in out, out
        assert contents(c.stack) == before

        # The restored instance serves the same pages and downloads (to the same accounts).
        c.stack.passwords = b.stack.passwords
        c.stack.totp_keys = b.stack.totp_keys
        c.start()
        assert "migrate: schema version" in open(c.path("log", "migrate.log")).read()
        rc, verified_c = c.stack.portalctl("verify")
        assert rc == 0 and verified_c == verified_b, (verified_b, verified_c)
        vb, vc = b.stack.login("eu-viewer"), c.stack.login("eu-viewer")
        paths = page_list(b.stack)
        assert len(paths) > 60
        for path in paths:
            rb, rc_ = vb.get(path), vc.get(path)
            assert rb.status == rc_.status == 200, (path, rb.status, rc_.status)
            assert normalized(rb.body, b.port) == normalized(rc_.body, c.port), path
        ab, ac = b.stack.login("eu-admin"), c.stack.login("eu-admin")
        for (uid,) in b.stack.sql("SELECT id FROM accounts WHERE side = 'EU' ORDER BY id"):
            assert normalized(ab.get(f"/admin/users/{uid}").body, b.port) == \
                normalized(ac.get(f"/admin/users/{uid}").body, c.port)
        assert downloads(vb) == downloads(vc)
        # A download made before the backup is still recognised as unaltered.
        with open(os.path.join(tmp, "register.csv"), "wb") as f:
            f.write(csv_before)
        rc, out = c.stack.portalctl("verify-export", os.path.join(tmp, "register.csv"))
        assert rc == 0 and "valid: an unaltered download" in out, out
        # The accounts came along: the password given on the original logs in on the copy.
        assert "Anna Expert &lt;i&gt;" in c.stack.login("eu-expert", password=expert_pw).get("/").text

        # While the portal runs, even --force is refused: it would pull the tables from under it.
        rc, out = c.stack.portalctl("restore", backup, "--force")
        assert rc == 1 and "other connections use database portal" in out, out
        c.app_stop()
        marker = c.stack.scalar("SELECT COUNT(*) FROM audit_log")
        assert int(marker) > len(before[3])                                 # logins since the restore
        rc, out = c.stack.portalctl("restore", backup, "--force")
        assert rc == 0 and "audit log: intact" in out, out
        assert contents(c.stack) == before
        # The heads moved back with the restore, legitimately: verify is intact, and not rewound.
        rc, out = c.stack.portalctl("verify")
        assert rc == 0 and "REWOUND" not in out and "are in the chain" in out, out
        assert out == verified_b, (out, verified_b)


def test_bad_backups_are_refused_and_nothing_is_touched(s):
    with fresh(s, "b") as b, fresh(s, "c") as c, tempfile.TemporaryDirectory() as tmp:
        b.start()
        good = os.path.join(tmp, "good.backup")
        assert b.stack.portalctl("backup", good)[0] == 0
        data = open(good, "rb").read()
        code = int(b.stack.scalar("SELECT MAX(version) FROM schema_migrations"))
        shutil.copy(b.path("chain.key"), c.path("chain.key"))
        shutil.copy(b.path("backup.key"), c.path("backup.key"))
        shutil.copy(b.path("mfa.key"), c.path("mfa.key"))       # the second factor's secrets open with it
        write_config(b, c)
        c.db_start()

        def refused(name, content, expect, config=None):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(content)
            rc, out = c.stack.portalctl("restore", path, config=config)
            assert rc == 1 and expect in out and "nothing was changed" in out, (name, out)
            assert portal_tables(c) == 0, name
            if config is None:                        # what verify-backup says of it
                rc, out = c.stack.portalctl("verify-backup", path)
                assert rc == 1 and (expect in out or "newer than this portal" in out), (name, out)

        refused("truncated.backup", data[:len(data) // 2], "truncated: the manifest promises")
        refused("header-only.backup", data[:600], "truncated: the file ends inside its 1024-byte header")
        middle = len(data) // 2
        refused("altered.backup", data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:],
                "altered or damaged")
        refused("appended.backup", data + b"DROP DATABASE portal;\n", "altered: the manifest promises")
        refused("schema-edited.backup", data.replace(f"\nschema: {code}\n".encode(), f"\nschema: {code - 1}\n".encode(), 1),
                "altered or damaged")
        dump = subprocess.run(["mariadb-dump", f"--defaults-file={b.path('mariadb', 'admin.cnf')}", "portal"],
                              check=True, capture_output=True).stdout
        refused("plain-dump.sql", dump, "not a backup of this portal")
        refused("empty.backup", b"", "not a backup of this portal")
        refused("other-format.backup", b"EUKR-PORTAL-BACKUP 3\n" + data[21:], "format this portalctl does not read")
        refused("format-1.backup", b"EUKR-PORTAL-BACKUP 1\n" + data[21:], "format 1, without a MAC")

        # A backup made by a newer release (its schema is ahead of this code).
        b.stack.sql(f"INSERT INTO schema_migrations VALUES ({code + 1}, 'from_a_newer_release', REPEAT('0', 64),"
                    " UTC_TIMESTAMP(6))")
        newer = os.path.join(tmp, "newer.backup")
        try:
            assert b.stack.portalctl("backup", newer)[0] == 0
        finally:
            b.stack.sql(f"DELETE FROM schema_migrations WHERE version = {code + 1}")
        refused("newer.backup", open(newer, "rb").read(), f"schema version {code + 1}, newer than this portal")

        # A configuration with another hash-chain key: the chains would not verify.
        other_key = c.path("other.key")
        with open(other_key, "w") as f:
            f.write("ab" * 32)
        refused("good-other-key.backup", data, "another hash-chain key", config=write_config(b, c, other_key))
        # The intact file is said to be so, and restores.
        rc, out = c.stack.portalctl("verify-backup", good)
        assert rc == 0 and out.startswith(f"intact: {good}\n") and "(this configuration's key)" in out, out
        rc, out = c.stack.portalctl("restore", good)
        assert rc == 0 and "audit log: intact" in out, out


def manifest(data):
    """The header's lines (up to the empty line) and the dump."""
    head = data[:1024].decode()
    return head[:head.index("\n\n") + 1].splitlines(), data[1024:]


def forge(lines, dump, key=None):
    """A backup rebuilt around another dump or manifest, its dump-bytes set and
    its last line (the checksum) recomputed over the dump and the lines above
    it: a forger's SHA-256 (key None), or the real keyed BLAKE2b MAC."""
    lines = [f"dump-bytes: {len(dump)}" if line.startswith("dump-bytes: ") else line for line in lines]
    name = lines[-1].split(":")[0]
    prefix = ("\n".join(lines[:-1]) + "\n").encode()
    if key is None:
        digest = hashlib.sha256(dump + prefix).hexdigest()
    else:
        digest = hashlib.blake2b(dump + prefix, digest_size=32, key=key).hexdigest()
    text = "\n".join(lines[:-1] + [f"{name}: {digest}"]) + "\n\n"
    header = text.encode() + b" " * (1023 - len(text.encode())) + b"\n"
    assert len(header) == 1024
    return header + dump


def accounts_of_server(inst):
    return admin_sql(inst, "SELECT CONCAT(user, '@', host) FROM mysql.user ORDER BY 1")


def test_forged_backups_are_refused_and_nothing_is_touched(s):
    with fresh(s, "b") as b, fresh(s, "c") as c, tempfile.TemporaryDirectory() as tmp:
        b.start()
        eu_admin = b.stack.login("eu-admin")
        assert eu_admin.post("/admin/users", {"login": "eu-intern", "name": "Intern", "role": "viewer"}).status == 200
        good = os.path.join(tmp, "good.backup")
        assert b.stack.portalctl("backup", good)[0] == 0
        data = open(good, "rb").read()
        lines, dump = manifest(data)
        key = bytes.fromhex(open(b.path("backup.key")).read().strip())

        # C: the same installation's keys, holding the good backup; the portal stopped.
        shutil.copy(b.path("chain.key"), c.path("chain.key"))
        shutil.copy(b.path("backup.key"), c.path("backup.key"))
        shutil.copy(b.path("mfa.key"), c.path("mfa.key"))       # the second factor's secrets open with it
        write_config(b, c)
        c.db_start()
        rc, out = c.stack.portalctl("restore", good)
        assert rc == 0, out
        before, users = contents(c.stack), accounts_of_server(c)

        def refused(name, content, expect, config=None):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(content)
            rc, out = c.stack.portalctl("verify-backup", path, config=config)
            assert rc == 1 and "NOT restorable" in out and expect in out, (name, out)
            rc, out = c.stack.portalctl("restore", path, "--force", config=config)
            assert rc == 1 and expect in out and "nothing was changed" in out, (name, out)
            assert contents(c.stack) == before, name
            assert accounts_of_server(c) == users, name

        # One changed byte inside a row of the dump.
        at = dump.index(b"'eu-intern'") + 2
        refused("changed-byte.backup", data[:1024 + at] + b"U" + data[1024 + at + 1:], "altered or damaged")
        # Statements appended, the manifest's length and checksum recomputed as anyone can.
        appended = dump + b"CREATE USER 'intruder'@'localhost';\nGRANT ALL ON *.* TO 'intruder'@'localhost';\n"
        refused("appended.backup", forge(lines, appended), "altered or damaged")
        # The manifest edited (its time and schema), the checksum recomputed.
        edited = [line.replace("created: 20", "created: 19") for line in lines]
        refused("edited-header.backup", forge(edited, dump), "altered or damaged")
        # The same appended statements under the real key: the MAC verifies, the scan refuses.
        refused("grant-with-mac.backup", forge(lines, appended, key), "a CREATE USER statement")
        definer = dump.replace(b"DEFINER=`root`@`localhost`", b"DEFINER=`intruder`@`%`", 1)
        assert definer != dump
        refused("definer-with-mac.backup", forge(lines, definer, key), "DEFINER clause names intruder@%")
        use = dump.replace(b"\nLOCK TABLES `accounts` WRITE;", b"\nUSE mysql;\nLOCK TABLES `accounts` WRITE;", 1)
        refused("use-with-mac.backup", forge(lines, use, key), "a USE statement")
        # A backup from another installation: the same chain key, another backup key.
        other_key = c.path("other-backup.key")
        with open(other_key, "w") as f:
            f.write("cd" * 32)
        with open(c.path("portal.conf")) as f:
            text = f.read().replace(f"backup_key_file = {c.path('backup.key')}", f"backup_key_file = {other_key}")
        assert other_key in text
        other_conf = c.path("other-installation.conf")
        with open(other_conf, "w") as f:
            f.write(text)
        refused("other-installation.backup", data, "made with another backup key (id ", config=other_conf)
        # The good one is still good, and restores with --force over itself.
        rc, out = c.stack.portalctl("restore", good, "--force")
        assert rc == 0 and "live rows: sections, notes, commitments and accounts agree" in out, out
        assert contents(c.stack) == before
