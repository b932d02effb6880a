"""Database values reach HTML escaped; Korean text round-trips byte for byte;
section markdown is rendered without raw HTML or script links."""
from harness import hexlit

HANGUL = "6G 표준화를 위한 공동 접근 — 한국 측 진행 상황: 무선 접속망(RAN) 연구 협력 🇰🇷"
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&"


NOTES = {"eu_note": "eu", "kr_note": "kr"}


def with_commitment(s, column, value, fn):
    """Sets a field of commitment 4.2 (a note: its English text) for the duration of fn."""
    if column in NOTES:
        where = (f"commitment_id = (SELECT id FROM commitments WHERE area_id = 4 AND number = 2) "
                 f"AND side = '{NOTES[column]}' AND lang = 'en'")
        table, column = "commitment_notes", "body"
    else:
        table, where = "commitments", "area_id = 4 AND number = 2"
    old = s.scalar(f"SELECT HEX({column}) FROM {table} WHERE {where}")
    s.sql(f"UPDATE {table} SET {column} = {hexlit(value)} WHERE {where}")
    try:
        fn()
    finally:
        s.sql(f"UPDATE {table} SET {column} = X'{old}' WHERE {where}")


def with_section(s, side, value, fn):
    where = f"area_id = 4 AND side = '{side}' AND lang = 'en'"
    old = s.scalar(f"SELECT HEX(body) FROM sections WHERE {where}")
    s.sql(f"UPDATE sections SET body = {hexlit(value)} WHERE {where}")
    try:
        fn()
    finally:
        s.sql(f"UPDATE sections SET body = X'{old}' WHERE {where}")


def test_korean_note_round_trips(s):
    c = s.login("eu-viewer")
    def check():
        for path in ("/areas/6g", "/register"):
            r = c.get(path)
            assert HANGUL.encode("utf-8") in r.body, path
        assert s.scalar("SELECT body FROM commitment_notes WHERE side = 'kr' AND lang = 'en' AND commitment_id = "
                        "(SELECT id FROM commitments WHERE area_id = 4 AND number = 2)") == HANGUL
    with_commitment(s, "kr_note", HANGUL, check)


def test_korean_section_round_trips_through_markdown(s):
    c = s.login("eu-viewer")
    def check():
        r = c.get("/areas/6g")
        assert "<p>" + HANGUL + "</p>" in r.text
    with_section(s, "kr", HANGUL, check)


def test_script_in_commitment_text_is_escaped(s):
    c = s.login("eu-viewer")
    def check():
        for path in ("/areas/6g", "/register"):
            r = c.get(path)
            assert "<script>alert" not in r.text, path
            assert "<img src=x" not in r.text, path
            assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;" in r.text, path
    with_commitment(s, "body", HOSTILE, check)


def test_script_in_notes_and_target_is_escaped(s):
    c = s.login("eu-viewer")
    def check():
        r = c.get("/areas/6g")
        assert "<script>" not in r.text and "&lt;script&gt;" in r.text
    with_commitment(s, "eu_note", HOSTILE, lambda: with_commitment(s, "target", HOSTILE, check))


def test_markdown_section_drops_raw_html_and_script_links(s):
    c = s.login("eu-viewer")
    text = ("Intro **bold**\n\n<script>alert(1)</script>\n\n<div onclick=\"x()\">raw</div>\n\n"
            "[bad](javascript:alert(1)) [also bad](JAVASCRIPT:alert(2)) [fine](https://example.org/a?b=1&c=2)\n\n"
            "<a href=\"javascript:alert(3)\">inline</a>")

    def check():
        r = c.get("/areas/6g")
        section = r.text[r.text.index('id="section-eu"'):r.text.index('id="section-kr"')]
        assert "<strong>bold</strong>" in section
        assert "<script" not in section and "onclick" not in section
        assert "javascript:" not in section.lower()
        assert 'href="https://example.org/a?b=1&amp;c=2"' in section
        assert "raw HTML omitted" in section
    with_section(s, "eu", text, check)


def test_area_title_with_markup_is_escaped(s):
    c = s.login("eu-viewer")
    old = s.scalar("SELECT HEX(title) FROM areas WHERE id = 2")
    title = hexlit('HPC <b>bold</b> & "q"')
    s.sql(f"UPDATE areas SET title = {title} WHERE id = 2")
    try:
        for path in ("/", "/areas/hpc", "/register"):
            r = c.get(path)
            assert "<b>bold</b>" not in r.text, path
            assert "HPC &lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;" in r.text, path
    finally:
        s.sql(f"UPDATE areas SET title = X'{old}' WHERE id = 2")
