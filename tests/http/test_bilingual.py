"""The interface in English and Korean; texts held in both languages, with
fallback and out-of-date flags; the language a reader gets and keeps."""
import os
import re

from harness import form_fields, save_section, section

KEY = re.compile(r"\[\[|\]\]|\b(?:area|edit|lang|commitment|proposal|history|nav|login|account|users|audit|error|"
                 r"status|lead|register|dashboard|diff|part|format|month|council|site|footer|role|side)\.[a-z_0-9]+\b")


def visible_text(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def pages(s, c):
    """One page of each kind, each of which exists, with a text it must show in
    each language: {path: (English, Korean)}. A revision and a proposal are made
    here when there is none yet (the proposal withdrawn, not left pending)."""
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 4 AND number = 1")
    rev = s.scalar("SELECT MAX(seq) FROM revisions")
    if rev in (None, "NULL"):
        assert save_section(c, "6g", "eu", "6G: an EU update, for the bilingual test.").status == 303
        rev = s.scalar("SELECT MAX(seq) FROM revisions")
    prop = s.scalar("SELECT MAX(id) FROM proposals")
    if prop in (None, "NULL"):
        r = save_section(c, "6g", "joint", "6G: a joint text proposed by the bilingual test.")
        assert r.status == 303 and r.header("Location").startswith("/proposals/"), (r.status, r.header("Location"))
        prop = r.header("Location").split("/")[2].split("?")[0]
        c.get(f"/proposals/{prop}")
        assert c.post(f"/proposals/{prop}/withdraw", {}).status == 303
    title = ("Defining a common vision for 6G", "6G 공동 비전 정립")
    return {
        "/": (title[0], title[1]),
        "/areas/6g": title,
        "/areas/6g/history": title,
        "/areas/6g/eu/edit": title,
        "/register": ("Aim at a common approach to 6G standardisation.", "6G 표준화에 관한 공동 접근 방식 마련 추진"),
        f"/commitments/{cid}": ("Aim at a common approach to 6G standardisation.", "6G 표준화에 관한 공동 접근 방식 마련 추진"),
        "/account": ("eu-cochair", "eu-cochair"),
        "/councils": ("Brussels, early 2024", "브뤼셀, 2024년 초"),
        f"/revisions/{rev}": ("Version", "버전"),
        f"/proposals/{prop}": ("Joint proposal", "공동 제안"),
    }


def test_every_page_in_both_languages(s):
    c = s.login("eu-cochair")
    paths = pages(s, c)
    for i, (lang, marker) in enumerate((("en", "Overview"), ("ko", "개요"))):
        for path, texts in paths.items():
            sep = "&" if "?" in path else "?"
            r = c.get(f"{path}{sep}lang={lang}")
            assert r.status == 200, (path, lang, r.status)
            assert f'<html lang="{lang}">' in r.text, (path, lang)
            assert marker in r.text, (path, lang)
            text = visible_text(r.text)
            assert texts[i] in text, (path, lang, texts[i])
            assert not KEY.search(text), (path, lang, KEY.search(text).group(0))
        # A page that does not exist: 404, in the language asked for too.
        r = c.get(f"/nope?lang={lang}")
        assert r.status == 404 and f'<html lang="{lang}">' in r.text and marker in r.text, (lang, r.status)
    login = s.get("/login?lang=ko")
    assert '<html lang="ko">' in login.text and "로그인 이름" in login.text
    assert 'href="/login?lang=en"' in login.text and 'lang="en"' in login.text


def test_language_choice_order(s):
    c = s.login("kr-viewer")
    assert '<html lang="en">' in c.get("/").text                              # no preference: browser's
    assert '<html lang="ko">' in c.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9"}).text
    assert '<html lang="ko">' in c.get("/?lang=ko").text                      # a link's choice
    c.get("/")
    r = c.post("/account/language", {"lang": "ko", "next": "/register?lang=en"})
    assert r.status == 303 and r.header("Location") == "/register?lang=en"
    assert '<html lang="ko">' in c.get("/").text                              # remembered
    again = s.login("kr-viewer")
    assert '<html lang="ko">' in again.get("/", headers={"Accept-Language": "en"}).text   # in a new session too
    assert '<html lang="en">' in again.get("/?lang=en").text                  # ?lang= still wins
    again.get("/")
    assert again.post("/account/language", {"lang": "auto", "next": "/"}).status == 303
    assert '<html lang="en">' in again.get("/").text
    assert again.post("/account/language", {"lang": "fr", "next": "/"}).status == 400
    r = again.post("/account/language", {"lang": "en", "next": "https://evil.example/"})
    assert r.header("Location") == "/"


def test_switch_on_every_page_keeps_the_page(s):
    c = s.login("eu-viewer")
    r = c.get("/register?lang=ko")
    assert 'action="/account/language"' in r.text
    assert 'name="next" value="/register"' in r.text
    assert '<button type="submit" name="lang" value="ko" lang="ko" aria-current="true">한국어</button>' in r.text


def test_dates_and_numbers_follow_the_language(s):
    c = s.login("kr-viewer")
    en = c.get("/areas/semiconductors?lang=en").text
    ko = c.get("/areas/semiconductors?lang=ko").text
    assert "Last updated 30 June 2023, 00:00 UTC" in en
    assert "최종 수정 2023년 6월 30일 00:00 (UTC)" in ko
    assert "0 %" in en and "0%" in ko and "0 %" not in ko


def test_seed_is_bilingual(s):
    c = s.login("eu-viewer")
    ko = c.get("/areas/6g?lang=ko").text
    assert "6G 공동 비전 정립" in ko
    assert "6G 표준화에 관한 공동 접근 방식 마련 추진" in ko
    assert "무선접속망(RAN)" in ko
    assert "2024년 초" in c.get("/?lang=ko").text
    assert s.scalar("SELECT COUNT(*) FROM commitments WHERE id <= 16 AND body_ko <> ''") == "16"
    assert s.scalar("SELECT COUNT(*) FROM areas WHERE title_ko <> ''") == "8"


def test_fallback_to_the_other_language_is_marked(s):
    ed = s.login("eu-editor")
    assert save_section(ed, "hpc", "eu", "EuroHPC access call opened to Korean teams.").status == 303
    ko = s.login("kr-viewer").get("/areas/hpc?lang=ko").text
    part = ko[ko.index('id="section-eu"'):ko.index('id="section-kr"')]
    assert "아직 한국어로 제공되지 않아 영어로 표시합니다." in part
    assert '<div lang="en">' in part and "EuroHPC access call" in part


def edit_in(c, slug, side, lang, body):
    page = c.get(f"/areas/{slug}/{side}/edit?in={lang}")
    assert page.status == 200
    f = form_fields(page.text, f"/areas/{slug}/{side}/edit")
    assert f["in"] == lang
    return c.post(f"/areas/{slug}/{side}/edit", dict(f, body=body, summary="", action="save"))


def stale(s, slug, side, lang):
    return s.scalar(f"SELECT stale_since FROM sections s JOIN areas a ON a.id = s.area_id "
                    f"WHERE a.slug = '{slug}' AND s.side = '{side}' AND s.lang = '{lang}'")


def test_out_of_date_flag_appears_and_clears(s):
    ed = s.login("kr-editor")
    run = os.urandom(3).hex()       # texts of this run only: a save of the same text changes nothing
    assert edit_in(ed, "quantum", "kr", "ko", f"양자 전문가 작업반 1차 회의 개최 {run}").status == 303
    assert edit_in(ed, "quantum", "kr", "en", f"First meeting of the quantum experts working group held {run}").status == 303
    # An English text following the Korean is its translation: the English is not flagged.
    assert stale(s, "quantum", "kr", "en") == "NULL"
    # (Had the English been written before, independently, the Korean is flagged: confirmed here.)
    if stale(s, "quantum", "kr", "ko") != "NULL":
        ed.get("/areas/quantum?lang=ko")
        assert ed.post("/areas/quantum/kr/confirm", {"in": "ko"}).status == 303
    assert stale(s, "quantum", "kr", "ko") == "NULL" and stale(s, "quantum", "kr", "en") == "NULL"
    assert edit_in(ed, "quantum", "kr", "ko", f"양자 전문가 작업반 2차 회의 개최 (서울) {run}").status == 303
    seq = stale(s, "quantum", "kr", "en")
    assert seq != "NULL"
    assert seq == s.scalar("SELECT MAX(seq) FROM revisions WHERE part = 'kr' AND lang = 'ko'")
    en = s.login("eu-viewer").get("/areas/quantum?lang=en").text
    part = en[en.index('id="section-kr"'):en.index('class="commitments"')]
    assert "This English text may be out of date" in part and f'href="/revisions/{seq}"' in part
    # Editors see it too, and may confirm; the EU side may not.
    mine = ed.get("/areas/quantum?lang=en").text
    assert 'action="/areas/quantum/kr/confirm"' in mine
    assert s.login("eu-editor").post("/areas/quantum/kr/confirm", {"in": "en"}).status == 403
    # Updating the English clears its flag and flags nothing else.
    assert edit_in(ed, "quantum", "kr", "en", f"Second meeting of the working group held in Seoul {run}").status == 303
    assert stale(s, "quantum", "kr", "en") == "NULL" and stale(s, "quantum", "kr", "ko") == "NULL"
    # Or: the Korean changes again, and the English is confirmed as still right.
    assert edit_in(ed, "quantum", "kr", "ko", f"양자 전문가 작업반 2차 회의 개최(서울) {run}").status == 303
    assert stale(s, "quantum", "kr", "en") != "NULL"
    ed.get("/areas/quantum?lang=en")
    r = ed.post("/areas/quantum/kr/confirm", {"in": "en"})
    assert r.status == 303 and "done=confirmed" in r.header("Location")
    assert stale(s, "quantum", "kr", "en") == "NULL"
    assert s.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "translation_confirmed"
    assert "This English text may be out of date" not in s.login("eu-viewer").get("/areas/quantum?lang=en").text


def test_notes_are_paired_too(s):
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 7 AND number = 2")
    ed = s.login("eu-editor")
    page = ed.get(f"/commitments/{cid}").text
    forms = re.findall(r'name="part" value="eu">\s*<input type="hidden" name="in" value="(en|ko)">', page)
    assert forms == ["en", "ko"], forms

    def save(lang, text):
        p = ed.get(f"/commitments/{cid}").text
        m = re.search(r'<form method="post" action="/commitments/%s/note" class="stacked">(.*?)</form>' % cid, p, re.S)
        blocks = re.findall(r'<form method="post" action="/commitments/%s/note" class="stacked">(.*?)</form>' % cid, p, re.S)
        block = next(b for b in blocks if f'name="in" value="{lang}"' in b)
        f = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', block))
        assert m
        return ed.post(f"/commitments/{cid}/note", dict(f, note=text, summary=""))
    assert save("en", "Policy dialogue held in Brussels.").status == 303
    assert save("ko", "브뤼셀에서 정책 대화 개최.").status == 303
    assert save("en", "Policy dialogue held in Brussels; next in Seoul.").status == 303
    since = s.scalar(f"SELECT stale_since FROM commitment_notes WHERE commitment_id = {cid} AND side = 'eu' AND lang = 'ko'")
    assert since != "NULL"
    ko = s.login("kr-viewer").get(f"/areas/cybersecurity?lang=ko").text
    assert "이 한국어 내용은 최신이 아닐 수 있습니다" in ko and f'href="/revisions/{since}"' in ko
    assert save("ko", "브뤼셀에서 정책 대화 개최, 다음 회의는 서울.").status == 303
    assert s.scalar(f"SELECT stale_since FROM commitment_notes WHERE commitment_id = {cid} AND side = 'eu' AND lang = 'ko'") == "NULL"


def test_agreed_text_translation_flag(s):
    cid = s.scalar("SELECT id FROM commitments WHERE area_id = 5 AND number = 1")
    eu, kr = s.login("eu-cochair"), s.login("kr-cochair")
    f = form_fields(eu.get(f"/commitments/{cid}").text, f"/commitments/{cid}/propose")
    row = s.sql(f"SELECT body, body_ko, lead_side, status, progress, target, target_ko FROM commitments WHERE id = {cid}")[0]
    r = eu.post(f"/commitments/{cid}/propose", dict(f, text=row[0] + " (wording updated)", text_ko=row[1], lead=row[2],
                                                     status=row[3], progress=row[4], target=row[5], target_ko=row[6],
                                                     summary="wording"))
    assert r.status == 303
    assert kr.post(r.header("Location") + "/approve", {}).status == 303
    assert s.sql(f"SELECT text_stale FROM commitments WHERE id = {cid}")[0] == ["ko"]
    ko = kr.get(f"/commitments/{cid}?lang=ko").text
    assert "이 한국어 내용은 최신이 아닐 수 있습니다" in ko
    # The agreed text changes only by a proposal of one co-chair approved by the other: neither
    # side's co-chair alone may declare its translation up to date (as for a joint section).
    assert 'name="part" value="joint"' not in ko
    before = s.fingerprint()
    for who in (kr, eu):
        assert who.post(f"/commitments/{cid}/confirm", {"part": "joint", "in": "ko"}).status == 403
        assert who.post("/areas/6g/joint/confirm", {"in": "ko"}).status == 403
    assert s.fingerprint() == before
    assert s.sql(f"SELECT text_stale FROM commitments WHERE id = {cid}")[0] == ["ko"]
    # An approved proposal that brings the Korean up to date clears the flag.
    row = s.sql(f"SELECT body, body_ko, lead_side, status, progress, target, target_ko FROM commitments WHERE id = {cid}")[0]
    f = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/propose")
    r = kr.post(f"/commitments/{cid}/propose", dict(f, text=row[0], text_ko=row[1] + " (문구 수정)", lead=row[2],
                                                     status=row[3], progress=row[4], target=row[5], target_ko=row[6],
                                                     summary="Korean wording"))
    assert r.status == 303
    assert eu.post(r.header("Location") + "/approve", {}).status == 303
    assert s.sql(f"SELECT text_stale FROM commitments WHERE id = {cid}")[0] == ["NULL"]


def test_korean_round_trips_through_the_editor(s):
    text = "한국 측 진행 상황: 6G 표준화 공동 대응 🇰🇷\n\n- 3GPP 회의 참석\n- ETSI 협력"
    ed = s.login("kr-editor")
    assert edit_in(ed, "6g", "kr", "ko", text).status == 303
    assert section(s, "6g", "kr", "ko")[0] == text
    page = ed.get(f"/areas/6g/kr/edit?in=ko").text
    assert text.replace("\n", "\n") in page.replace("\r\n", "\n")
    assert "<li>3GPP 회의 참석</li>" in ed.get("/areas/6g?lang=ko").text
