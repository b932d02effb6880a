"""Upgrades: a database built by the first release's migrations (001, 002),
with data written under that schema, is migrated to the latest by
tools/migrate.sh (as `make run` and the service do) and keeps its data; each
migration is recorded with its checksum. A changed migration is refused, and
a database newer than the code is refused by migrate.sh, the application
(at start, and /healthz while running), `make run` and portalctl status,
which also tells a stopped application and database apart."""
import hashlib
import os
import shutil
import subprocess
import tempfile

from harness import ROOT
from instances import APP, fresh

# The first release's grants.sql (its schema had no table the app could write).
FIRST_GRANTS = """REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'portal_app'@'localhost';
GRANT SELECT ON portal.* TO 'portal_app'@'localhost';
"""
SQL = os.path.join(ROOT, "sql")


def migrations():
    return sorted(f for f in os.listdir(SQL) if f[:3].isdigit() and f.endswith(".sql"))


def migrate(inst, sql_dir):
    return subprocess.run([os.path.join(ROOT, "tools", "migrate.sh"), inst.path("mariadb", "admin.cnf"), "portal",
                           sql_dir], capture_output=True, text=True)


def first_release(tmp):
    """A copy of sql/ as the first release had it: 001, 002 and its grants."""
    d = os.path.join(tmp, "sql-v2")
    os.makedirs(d)
    for name in migrations()[:2]:
        shutil.copy(os.path.join(SQL, name), d)
    with open(os.path.join(d, "grants.sql"), "w") as f:
        f.write(FIRST_GRANTS)
    return d


def test_upgrade_from_the_first_migrations_keeps_the_data(s):
    with fresh(s, "b") as b, tempfile.TemporaryDirectory() as tmp:
        b.db_start()
        subprocess.run(["mariadb", f"--defaults-file={b.path('mariadb', 'admin.cnf')}", "-e",
                        "CREATE USER 'portal_app'@'localhost'"], check=True)
        p = migrate(b, first_release(tmp))
        assert p.returncode == 0 and "schema version 2 (2 applied now)" in p.stdout, (p.stdout, p.stderr)

        # Written under the first schema: notes were columns of commitments then.
        st = b.stack
        st.sql("UPDATE commitments SET status = 'in progress', progress = 60, target = 'Council, Brussels, 2024',"
               " eu_note = 'EU note written under schema 2', kr_note = '스키마 2에서 쓴 메모'"
               " WHERE area_id = 4 AND number = 1")
        st.sql("UPDATE sections SET body = 'EU text from the first release', version = 2 WHERE area_id = 3 AND side = 'eu'")
        commitments = st.sql("SELECT id, area_id, number, body, lead_side, status, progress, target FROM commitments ORDER BY id")
        areas = st.sql("SELECT id, slug, title FROM areas ORDER BY id")
        councils = st.sql("SELECT id, city, date_label, held FROM councils ORDER BY id")

        # `make run`'s path to the latest schema: tools/stack.sh start migrates, then starts everything.
        b.start()
        log = open(b.path("log", "migrate.log")).read()
        names = migrations()
        applied = [line.split()[-1] for line in log.splitlines() if line.startswith("migrate: applied ")]
        assert applied == [n[:-4] for n in names[2:]], log
        recorded = st.sql("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        assert recorded == [[str(int(n[:3])), n[4:-4], hashlib.sha256(open(os.path.join(SQL, n), "rb").read()).hexdigest()]
                            for n in names]

        assert st.sql("SELECT id, area_id, number, body, lead_side, status, progress, target FROM commitments"
                      " ORDER BY id") == commitments
        assert st.sql("SELECT id, slug, title FROM areas ORDER BY id") == areas
        assert st.sql("SELECT id, city, date_label, held FROM councils ORDER BY id") == councils
        cid = commitments[[c[1:3] for c in commitments].index(["4", "1"])][0]
        assert st.sql(f"SELECT side, lang, body FROM commitment_notes WHERE commitment_id = {cid} ORDER BY side, lang") == [
            ["eu", "en", "EU note written under schema 2"], ["eu", "ko", ""],
            ["kr", "en", "스키마 2에서 쓴 메모"], ["kr", "ko", ""]]
        assert st.scalar("SELECT body FROM sections WHERE area_id = 3 AND side = 'eu' AND lang = 'en'") == \
            "EU text from the first release"
        # ...and the portal shows it.
        st = b.stack      # now with the demo accounts start created
        viewer = st.login("eu-viewer")
        page = viewer.get(f"/commitments/{cid}").text
        assert "EU note written under schema 2" in page and "스키마 2에서 쓴 메모" in page and "60" in page
        assert "EU text from the first release" in viewer.get("/areas/quantum").text
        assert viewer.get("/healthz").text == f"ok\nschema {int(names[-1][:3])}\n"

        # Migrating again applies nothing.
        p = migrate(b, SQL)
        assert p.returncode == 0 and "(0 applied now)" in p.stdout, p.stdout

        # A migration changed after it was applied is refused: forward-only.
        changed = os.path.join(tmp, "sql-changed")
        shutil.copytree(SQL, changed)
        with open(os.path.join(changed, names[2]), "a") as f:
            f.write("\n-- edited afterwards\n")
        before = st.sql("SELECT * FROM schema_migrations ORDER BY version")
        p = migrate(b, changed)
        assert p.returncode == 4 and "changed after it was applied" in p.stderr, (p.stdout, p.stderr)
        assert st.sql("SELECT * FROM schema_migrations ORDER BY version") == before


def test_a_newer_database_is_refused_and_status_tells(s):
    with fresh(s, "b") as b, tempfile.TemporaryDirectory() as tmp:
        b.start()
        st = b.stack
        code = int(st.scalar("SELECT MAX(version) FROM schema_migrations"))
        assert st.get("/healthz").status == 200
        st.sql(f"INSERT INTO schema_migrations VALUES ({code + 1}, 'from_a_newer_release', REPEAT('0', 64),"
               " UTC_TIMESTAMP(6))")
        newer = f"the database has schema version {code + 1}, newer than this code ({code})"

        # The running application says so to monitoring.
        r = st.get("/healthz")
        assert r.status == 503 and r.text == f"schema mismatch\n{newer}: run the release that migrated it\n", r.text
        rc, out = st.portalctl("status")
        assert rc == 1 and f"database: reachable, but {newer}" in out, out

        # The application refuses to start, before it touches the running instance's socket.
        p = subprocess.run([APP, "-c", b.path("portal.conf")], capture_output=True, text=True, timeout=60)
        assert p.returncode == 3, (p.returncode, p.stderr)
        assert f"schema: {newer}: run the release that migrated it; refusing to start" in p.stderr, p.stderr
        assert os.path.exists(b.path("run", "app.sock")) and st.get("/healthz").status == 503

        # migrate.sh, and with it `make run` (tools/stack.sh start), refuse too.
        p = migrate(b, SQL)
        assert p.returncode == 3 and f"schema version {code + 1}, newer than this code ({code})" in p.stderr
        p = b.start(check=False)
        assert p.returncode != 0 and "newer than this code" in p.stderr and "migration failed" in p.stderr, p.stderr

        st.sql(f"DELETE FROM schema_migrations WHERE version = {code + 1}")
        assert st.get("/healthz").status == 200

        # portalctl status, for the application stopped, then for the database stopped too.
        rc, out = b.stack.portalctl("status")
        assert rc == 0 and "application: running" in out and "database: reachable" in out, out
        copy = os.path.join(tmp, "status")
        shutil.copy(b.path("run", "status"), copy)
        master = b.stack.master_pid()
        b.app_stop()
        rc, out = b.stack.portalctl("status")
        assert rc == 1 and "application: not running (" in out and "No such file" in out, out
        # A status file left behind by a master that is gone is recognised as stale.
        conf = os.path.join(tmp, "portal.conf")
        with open(conf, "w") as f:
            f.write(open(b.path("portal.conf")).read().replace(b.path("run", "status"), copy))
        rc, out = b.stack.portalctl("status", config=conf)
        assert rc == 1 and f"its master, pid {master}, is gone" in out, out
        b.run("db-stop", b.dir)
        rc, out = b.stack.portalctl("status")
        assert rc == 1 and "database: unreachable" in out, out
