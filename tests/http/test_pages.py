"""Every page through nginx: the Council text from the database, statuses, links."""
import html
import os
import re

from harness import hexlit, strip_tags

AREAS = [
    ("semiconductors", "Cooperation in semiconductors"),
    ("hpc", "Collaboration in High-Performance Computing"),
    ("quantum", "Advancing quantum technologies"),
    ("6g", "Defining a common vision for 6G"),
    ("platforms", "Harmonising online &amp; digital platforms"),
    ("trustworthy-ai", "Promoting trustworthy AI"),
    ("cybersecurity", "Strengthening cybersecurity cooperation"),
    ("future-collaboration", "Future collaboration and review"),
]


def test_dashboard_lists_the_eight_areas_in_order(s):
    c = s.login("eu-viewer")
    r = c.get("/")
    assert r.status == 200, r
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    positions = [r.text.index(f'href="/areas/{slug}"') for slug, _ in AREAS]
    assert positions == sorted(positions), "areas out of Council order"
    for _, title in AREAS:
        assert title in r.text, title
    assert r.text.count('class="area-card"') == 8


def test_the_seed_is_the_council_text(s):
    assert s.sql("SELECT slug FROM areas ORDER BY id") == [[slug] for slug, _ in AREAS]
    seed = s.sql("SELECT a.slug, c.number FROM commitments c JOIN areas a ON a.id = c.area_id "
                 "WHERE c.id <= 16 ORDER BY c.id")
    assert seed == [[slug, str(n)] for slug, _ in AREAS for n in (1, 2)]
    assert s.scalar("SELECT body FROM commitments WHERE id = 7") == "Aim at a common approach to 6G standardisation."
    assert s.sql("SELECT city, date_label, held FROM councils ORDER BY id") == [
        ["Seoul", "30 June 2023", "1"], ["Brussels", "early 2024", "0"]]


def status_counts(s, area=None):
    where = f"WHERE area_id = {area}" if area else ""
    rows = dict(s.sql(f"SELECT status, COUNT(*) FROM commitments {where} GROUP BY status"))
    return {k: rows.get(v, "0") for k, v in (("planned", "planned"), ("in-progress", "in progress"),
                                              ("done", "done"), ("dropped", "dropped"))}


def test_dashboard_counts_commitments_by_status(s):
    c = s.login("eu-viewer")
    old = s.sql("SELECT status, progress FROM commitments WHERE area_id = 3 AND number = 1")[0]
    s.sql("UPDATE commitments SET status = 'in progress', progress = 40 WHERE area_id = 3 AND number = 1")
    try:
        r = c.get("/")
        totals = dict(re.findall(r'<div class="total ([a-z-]+)"><dt>[^<]*</dt><dd>(\d+)</dd>', r.text))
        want = status_counts(s)
        want["all"] = s.scalar("SELECT COUNT(*) FROM commitments")
        assert totals == want, (totals, want)
        card = r.text[r.text.index('href="/areas/quantum"'):]
        card = card[:card.index("</ul>")]
        assert f"In progress <strong>{status_counts(s, 3)['in-progress']}</strong>" in card
        avg = s.scalar("SELECT ROUND(AVG(progress)) FROM commitments WHERE area_id = 3")
        assert f'value="{avg}"' in card
    finally:
        s.sql(f"UPDATE commitments SET status = '{old[0]}', progress = {old[1]} WHERE area_id = 3 AND number = 1")


def test_dashboard_shows_the_councils(s):
    c = s.login("eu-viewer")
    text = strip_tags(c.get("/").text)
    assert re.search(r"Next Council:\s+Brussels, early 2024", text)
    assert re.search(r"Council 1 — Seoul, 30 June 2023\s+held", text)


def test_each_area_page_shows_its_sections_and_commitments(s):
    c = s.login("eu-viewer")
    rows = s.sql("SELECT a.slug, c.number, c.body FROM commitments c JOIN areas a ON a.id = c.area_id")
    for slug, title in AREAS:
        r = c.get(f"/areas/{slug}")
        assert r.status == 200, (slug, r)
        assert f"<title>{title} · " in r.text
        for side in ("joint", "eu", "kr"):
            assert f'id="section-{side}"' in r.text, (slug, side)
        mine = [(n, b) for sl, n, b in rows if sl == slug]
        assert len(mine) >= 2
        for number, body in mine:
            assert html.escape(body, quote=True).replace("&#x27;", "&#39;") in r.text, (slug, body)
        assert r.text.count('class="commitment"') == len(mine)


def test_6g_page_has_both_6g_commitments(s):
    c = s.login("eu-viewer")
    r = c.get("/areas/6g")
    assert "Aim at a common approach to 6G standardisation." in r.text
    assert "Target research cooperation in Radio Access Networks (RAN)" in r.text
    assert ">4.1<" in r.text and ">4.2<" in r.text


def test_register_lists_every_commitment(s):
    c = s.login("eu-viewer")
    r = c.get("/register")
    assert r.status == 200
    want = [f"{a}.{n}" for a, n in s.sql("SELECT area_id, number FROM commitments ORDER BY area_id, number")]
    assert len(want) >= 16
    assert r.text.count("<tr id=\"c") == len(want)
    assert f"{len(want)} commitments" in r.text
    numbers = re.findall(r'<td class="num"><a href="/commitments/\d+">(\d+\.\d+)</a></td>', r.text)
    assert numbers == want


def test_status_lead_and_progress_come_from_the_database(s):
    c = s.login("eu-viewer")
    old = s.sql("SELECT status, progress, lead_side FROM commitments WHERE area_id = 4 AND number = 1")[0]
    s.sql("UPDATE commitments SET status = 'done', progress = 100, lead_side = 'EU' WHERE area_id = 4 AND number = 1")
    try:
        r = c.get("/areas/6g")
        card = r.text[r.text.index(">4.1<"):r.text.index(">4.2<")]
        assert '<span class="badge done">Done</span>' in card
        assert '<span class="lead lead-EU">EU</span>' in card
        assert 'value="100"' in card and "100 %" in card
    finally:
        s.sql(f"UPDATE commitments SET status = '{old[0]}', progress = {old[1]}, lead_side = '{old[2]}' "
              "WHERE area_id = 4 AND number = 1")


def test_korean_interface_by_query_and_accept_language(s):
    c = s.login("eu-viewer")
    r = c.get("/areas/6g?lang=ko")
    assert '<html lang="ko">' in r.text
    assert "이행 약속" in r.text and "공동 요약" in r.text
    r = c.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"})
    assert '<html lang="ko">' in r.text and "8개 협력 분야" in r.text
    r = c.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in r.text


def test_head_gets_headers_without_body(s):
    c = s.login("eu-viewer")
    r = c.request("HEAD", "/areas/6g")
    assert r.status == 200 and r.body == b""
    assert int(r.header("Content-Length")) > 1000


def test_healthz_reports_the_schema(s):
    c = s.login("eu-viewer")
    r = c.get("/healthz")
    assert r.status == 200
    version = s.scalar("SELECT MAX(version) FROM schema_migrations")
    assert r.text == f"ok\nschema {version}\n"
    assert r.header("Cache-Control") == "no-store"


def test_static_files_are_served_by_nginx(s):
    c = s.login("eu-viewer")
    r = c.get("/static/portal.css")
    assert r.status == 200 and r.header("Content-Type").startswith("text/css")
    assert b"@media print" in r.body
    assert c.get("/static/nope.css").status == 404


def test_every_page_links_the_stylesheet_and_skip_link(s):
    c = s.login("eu-viewer")
    for path in ("/", "/areas/hpc", "/register", "/nope"):
        r = c.get(path)
        assert '<link rel="stylesheet" href="/static/portal.css">' in r.text, path
        assert 'href="#main"' in r.text and 'id="main"' in r.text, path


def executes(s):
    return int(s.sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1])


def test_a_page_view_is_one_round_trip_until_the_content_changes(s):
    """While nothing changes, a page view asks the database one thing: the
    session (with the content generation). A change made anywhere — here
    straight in SQL — shows on the very next view."""
    c = s.login("eu-viewer")
    for path in ("/areas/hpc", "/", "/register", "/councils"):
        for _ in range(10):
            assert c.get(path).status == 200        # fills the workers' caches
        before = executes(s)
        for _ in range(20):
            assert c.get(path).status == 200
        # 20 session lookups; once a minute a session's last use is written
        # too; a worker that had no view yet fills its cache (4 reads at most).
        # Without the cache the area page alone would take 100.
        assert executes(s) - before <= 25, (path, executes(s) - before)
    text = "Changed behind the portal's back " + os.urandom(4).hex()
    old = s.scalar("SELECT body FROM sections WHERE area_id = 2 AND side = 'eu' AND lang = 'en'")
    s.sql(f"UPDATE sections SET body = {hexlit(text)} WHERE area_id = 2 AND side = 'eu' AND lang = 'en'")
    try:
        assert text in c.get("/areas/hpc").text
    finally:
        s.sql("UPDATE sections SET body = " + hexlit(old) + " WHERE area_id = 2 AND side = 'eu' AND lang = 'en'")
    assert text not in c.get("/areas/hpc").text
