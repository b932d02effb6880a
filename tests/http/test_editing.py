"""Editing by role: sections, notes, progress, joint proposals, conflicts,
double submissions, history, restore, and the revisions' hash chain."""
import concurrent.futures
import re

from harness import form_fields, hexlit, note, revisions_count, save_section, section


def new_revisions(s, slug, part, lang="en"):
    """How many revisions one save of a section adds: two for its first change
    (the original text is recorded as version 1 first), else one."""
    n = s.scalar(f"SELECT COUNT(*) FROM revisions r JOIN areas a ON a.id = r.area_id "
                 f"WHERE a.slug = '{slug}' AND r.commitment_id IS NULL AND r.part = '{part}' AND r.lang = '{lang}'")
    return 2 if n == "0" else 1


def test_eu_editor_saves_the_eu_section(s):
    ed = s.login("eu-editor")
    before = revisions_count(s)
    added = new_revisions(s, "quantum", "eu")
    r = save_section(ed, "quantum", "eu", "## EU contribution\n\nQuantum Flagship experts named.", "experts")
    assert r.status == 303 and r.header("Location") == "/areas/quantum?done=saved#section-eu"
    page = ed.get(r.header("Location"))
    assert "Your change has been saved." in page.text
    assert "<h2>EU contribution</h2>" in page.text
    body, version = section(s, "quantum", "eu")
    assert body == "## EU contribution\n\nQuantum Flagship experts named."
    # The first change records the original (empty) text as version 1, then version 2.
    assert revisions_count(s) == before + added
    row = s.sql("SELECT r.version, r.side, a.login, r.summary, r.origin FROM revisions r JOIN accounts a "
                "ON a.id = r.account_id ORDER BY r.seq DESC LIMIT 1")[0]
    assert row == [version, "EU", "eu-editor", "experts", "edit"], row
    assert s.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "section_edited"


def test_other_side_cannot_open_or_post_the_eu_form(s):
    kr = s.login("kr-editor")
    assert kr.get("/areas/quantum/eu/edit").status == 403
    before = s.fingerprint()
    r = kr.post("/areas/quantum/eu/edit", {"body": "taken over", "summary": "", "base_version": "1",
                                           "form_token": "b" * 32, "action": "save"})
    assert r.status == 403
    assert s.fingerprint() == before
    # Viewers and administrators edit nothing either, their own side included.
    for who in ("eu-viewer", "eu-admin"):
        assert s.login(who).get("/areas/quantum/eu/edit").status == 403


def test_the_page_offers_only_allowed_actions(s):
    page = s.login("kr-editor").get("/areas/6g").text
    assert 'href="/areas/6g/kr/edit?in=en"' in page and 'href="/areas/6g/kr/edit?in=ko"' in page
    assert 'href="/areas/6g/eu/edit' not in page and 'href="/areas/6g/joint/edit' not in page
    page = s.login("eu-cochair").get("/areas/6g").text
    assert 'href="/areas/6g/eu/edit?in=en"' in page and 'href="/areas/6g/joint/edit?in=ko"' in page
    assert 'href="/areas/6g/commitments/new"' in page
    page = s.login("eu-viewer").get("/areas/6g").text
    assert "/edit" not in page and "/commitments/new" not in page


def test_preview_saves_nothing(s):
    ed = s.login("kr-editor")
    before = section(s, "hpc", "kr")
    r = save_section(ed, "hpc", "kr", "미리 보기 **굵게** <em>raw</em>", action="preview")
    assert r.status == 200
    assert "<strong>굵게</strong>" in r.text and "<em>raw</em>" not in r.text
    assert "미리 보기 **굵게** &lt;em&gt;raw&lt;/em&gt;</textarea>" in r.text   # the text stays in the form
    assert section(s, "hpc", "kr") == before


def test_hostile_text_is_stored_exactly_and_rendered_safely(s):
    text = ("<script>alert('x')</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n"
            "한국어 문단 " + "가" * 3000 + "\n\n\"quotes\" & 'apostrophes' \\ backslash\t tab")
    ed = s.login("kr-editor")
    assert save_section(ed, "platforms", "kr", text).status == 303
    assert section(s, "platforms", "kr")[0] == text
    page = ed.get("/areas/platforms").text
    kr = page[page.index('id="section-kr"'):page.index('class="commitments"')]
    assert "<script" not in kr and "onerror" not in kr and "javascript:" not in kr
    assert "가" * 3000 in kr


def test_text_over_the_limit_is_refused_and_kept(s):
    ed = s.login("eu-editor")
    before = section(s, "hpc", "eu")
    big = "EU " + "x" * 70000
    r = save_section(ed, "hpc", "eu", big)
    assert r.status == 413
    assert "longer than 64 KiB" in r.text and big in r.text
    assert section(s, "hpc", "eu") == before


def test_double_submission_is_saved_once(s):
    ed = s.login("eu-editor")
    page = ed.get("/areas/cybersecurity/eu/edit")
    f = form_fields(page.text, "/areas/cybersecurity/eu/edit")
    f.update(body="Once only", summary="", action="save")
    before = revisions_count(s)
    added = new_revisions(s, "cybersecurity", "eu")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: ed.post("/areas/cybersecurity/eu/edit", f), range(2)))
    assert [r.status for r in results] == [303, 303], [r.status for r in results]
    assert {r.header("Location") for r in results} == {"/areas/cybersecurity?done=saved#section-eu"}
    r = ed.post("/areas/cybersecurity/eu/edit", f)        # a browser retry later
    assert r.status == 303
    assert revisions_count(s) == before + added           # (the original, on a first change) + one save
    assert section(s, "cybersecurity", "eu")[0] == "Once only"


def lost_updates(successful_texts, final_text, history_texts):
    """Saves reported successful whose text is neither current nor kept in the history."""
    return [t for t in successful_texts if t != final_text and t not in history_texts]


def test_twenty_concurrent_saves_one_wins(s):
    clients = [s.login("kr-editor" if i % 2 else "kr-cochair") for i in range(20)]
    forms = []
    for c in clients:
        f = form_fields(c.get("/areas/semiconductors/kr/edit").text, "/areas/semiconductors/kr/edit")
        forms.append(f)
    assert len({f["base_version"] for f in forms}) == 1
    before = revisions_count(s)

    def save(i):
        f = dict(forms[i], body=f"Text from writer {i}", summary=f"writer {i}", action="save")
        return clients[i].post("/areas/semiconductors/kr/edit", f)
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(save, range(20)))
    statuses = [r.status for r in results]
    assert statuses.count(303) == 1 and statuses.count(409) == 19, statuses
    winner = statuses.index(303)
    final = section(s, "semiconductors", "kr")[0]
    assert final == f"Text from writer {winner}"
    added = revisions_count(s) - before
    assert added in (1, 2)       # the original (first change of the part) and the winner
    assert s.scalar("SELECT COUNT(*) FROM revisions r JOIN areas a ON a.id = r.area_id "
                    "WHERE a.slug = 'semiconductors' AND r.part = 'kr' AND r.origin = 'edit' "
                    f"AND r.content LIKE 'Text from writer %'") == "1"
    for r in results:
        if r.status == 409:
            assert "Someone saved this text while you were editing it" in r.text
    history = [row[0] for row in s.sql("SELECT content FROM revisions")]
    successful = [f"Text from writer {i}" for i, st in enumerate(statuses) if st == 303]
    assert lost_updates(successful, final, history) == []


def test_negative_control_a_save_without_the_version_check_loses_updates(s):
    """The same 20 writers, each reading the section and writing it back
    without comparing versions (what the app must not do): every write
    'succeeds', and the check above reports the lost ones."""
    area = s.scalar("SELECT id FROM areas WHERE slug = 'semiconductors'")
    old = s.scalar(f"SELECT HEX(body) FROM sections WHERE area_id = {area} AND side = 'kr'")

    def naive(i):
        s.scalar(f"SELECT version FROM sections WHERE area_id = {area} AND side = 'kr'")
        s.sql(f"UPDATE sections SET body = {hexlit(f'naive {i}')} WHERE area_id = {area} AND side = 'kr'")
        return f"naive {i}"
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        successful = list(pool.map(naive, range(20)))
    final = s.scalar(f"SELECT body FROM sections WHERE area_id = {area} AND side = 'kr'")
    history = [row[0] for row in s.sql("SELECT content FROM revisions")]
    assert len(lost_updates(successful, final, history)) == 19
    s.sql(f"UPDATE sections SET body = X'{old}' WHERE area_id = {area} AND side = 'kr'")


def test_conflict_keeps_the_text_and_lets_the_user_merge(s):
    a, b = s.login("eu-editor"), s.login("eu-cochair")
    fa = form_fields(a.get("/areas/trustworthy-ai/eu/edit").text, "/areas/trustworthy-ai/eu/edit")
    fb = form_fields(b.get("/areas/trustworthy-ai/eu/edit").text, "/areas/trustworthy-ai/eu/edit")
    assert a.post("/areas/trustworthy-ai/eu/edit", dict(fa, body="line one\nline two by A\n", summary="",
                                                        action="save")).status == 303
    mine = "line one\nline two by B — 내 글\n"
    r = b.post("/areas/trustworthy-ai/eu/edit", dict(fb, body=mine, summary="", action="save"))
    assert r.status == 409
    assert "line two by B — 내 글\n</textarea>" in r.text               # nothing typed is lost
    assert 'class="ins"' in r.text and "line two by A" in r.text          # what changed meanwhile
    assert section(s, "trustworthy-ai", "eu")[0] == "line one\nline two by A\n"
    merged = form_fields(r.text, "/areas/trustworthy-ai/eu/edit")
    assert merged["base_version"] != fb["base_version"]
    r = b.post("/areas/trustworthy-ai/eu/edit", dict(merged, body="line one\nmerged A and B\n", summary="merge",
                                                     action="save"))
    assert r.status == 303
    assert section(s, "trustworthy-ai", "eu")[0] == "line one\nmerged A and B\n"


def test_notes_are_each_sides_own(s):
    cid = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = '6g' AND c.number = 1")
    kr = s.login("kr-editor")
    page = kr.get(f"/commitments/{cid}")
    assert page.status == 200
    assert 'name="part" value="kr"' in page.text and 'name="part" value="eu"' not in page.text
    f = form_fields(page.text, f"/commitments/{cid}/note")
    r = kr.post(f"/commitments/{cid}/note", dict(f, note="표준화 회의 참석 완료 (ETSI, 3GPP)", summary="update"))
    assert r.status == 303
    assert note(s, cid, "kr") == "표준화 회의 참석 완료 (ETSI, 3GPP)"
    # Hidden-field tampering: the KR editor names the EU note.
    before = s.fingerprint()
    r = kr.post(f"/commitments/{cid}/note", dict(f, part="eu", note="written by KR", summary="", form_token="c" * 32))
    assert r.status == 403
    assert s.fingerprint() == before
    assert note(s, cid, "eu") == ""
    assert s.login("eu-viewer").post(f"/commitments/{cid}/note", dict(f, part="eu", note="x")).status == 403


def test_lead_side_sets_status_and_progress(s):
    # 2.1 is led by the EU (seed); 4.1 jointly.
    eu_led = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'hpc' AND c.number = 1")
    joint = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = '6g' AND c.number = 1")
    ed = s.login("eu-editor")
    page = ed.get(f"/commitments/{eu_led}").text
    f = form_fields(page, f"/commitments/{eu_led}/progress")
    r = ed.post(f"/commitments/{eu_led}/progress", dict(f, status="in progress", progress="40"))
    assert r.status == 303
    assert s.sql(f"SELECT status, progress FROM commitments WHERE id = {eu_led}")[0] == ["in progress", "40"]
    f = form_fields(ed.get(f"/commitments/{eu_led}").text, f"/commitments/{eu_led}/progress")
    before = s.fingerprint()
    assert ed.post(f"/commitments/{eu_led}/progress", dict(f, status="done", progress="100")).status == 403
    assert ed.post(f"/commitments/{eu_led}/progress", dict(f, status="in progress", progress="101")).status == 400
    kr = s.login("kr-editor")
    assert f"/commitments/{eu_led}/progress" not in kr.get(f"/commitments/{eu_led}").text
    assert kr.post(f"/commitments/{eu_led}/progress", dict(f, status="in progress", progress="90")).status == 403
    assert f"/commitments/{joint}/progress" not in ed.get(f"/commitments/{joint}").text
    assert ed.post(f"/commitments/{joint}/progress", dict(f, status="in progress", progress="10")).status == 403
    assert s.fingerprint() == before


def test_joint_section_proposal_flow(s):
    eu = s.login("eu-cochair")
    old = section(s, "future-collaboration", "joint")[0]
    r = save_section(eu, "future-collaboration", "joint", "Joint summary, revised by the EU co-chair.", "revise")
    assert r.status == 303 and r.header("Location").startswith("/proposals/")
    proposal = r.header("Location")
    pid = proposal.rsplit("/", 1)[1]
    assert section(s, "future-collaboration", "joint")[0] == old      # not live yet
    page = eu.get("/areas/future-collaboration").text
    assert "Pending joint proposals" in page and f'href="/proposals/{pid}"' in page
    # The proposing side cannot approve its own proposal.
    assert "Approve" not in eu.get(proposal).text
    assert eu.post(proposal + "/approve", {}).status == 403
    assert s.login("eu-admin").post(proposal + "/approve", {}).status == 403
    assert s.login("kr-editor").post(proposal + "/approve", {}).status == 403
    assert section(s, "future-collaboration", "joint")[0] == old
    kr = s.login("kr-cochair")
    view = kr.get(proposal).text
    assert "Approve" in view and 'class="ins"' in view
    r = kr.post(proposal + "/approve", {})
    assert r.status == 303 and r.header("Location") == proposal + "?done=approved"
    assert section(s, "future-collaboration", "joint")[0] == "Joint summary, revised by the EU co-chair."
    assert kr.post(proposal + "/approve", {}).status == 303          # a double click changes nothing
    assert kr.post(proposal + "/reject", {}).status == 409
    rev = s.sql("SELECT r.origin, r.ref, a.login, r.side FROM revisions r JOIN accounts a ON a.id = r.account_id "
                "ORDER BY r.seq DESC LIMIT 1")[0]
    assert rev == ["proposal", pid, "eu-cochair", "EU"], rev
    actions = [row[0] for row in s.sql(f"SELECT action FROM audit_log WHERE detail LIKE 'proposal {pid}:%' ORDER BY seq")]
    assert actions == ["proposal_created", "proposal_approved"], actions
    history = kr.get("/areas/future-collaboration/history").text
    assert f'href="/proposals/{pid}"' in history and "approved proposal" in history


def test_commitment_proposal_marks_done_and_reject_and_withdraw(s):
    cid = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'cybersecurity' AND c.number = 1")
    kr = s.login("kr-cochair")
    f = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/propose")
    row = s.sql(f"SELECT body_ko, target_ko FROM commitments WHERE id = {cid}")[0]
    fields = dict(f, text="Enhance information sharing on cybersecurity threats.", text_ko=row[0], lead="joint",
                  status="done", progress="100", target="Council, Brussels, early 2024", target_ko=row[1],
                  summary="Done: sharing in place")
    r = kr.post(f"/commitments/{cid}/propose", fields)
    assert r.status == 303
    done_proposal = r.header("Location")
    assert s.scalar(f"SELECT status FROM commitments WHERE id = {cid}") == "planned"
    # A second proposal, withdrawn by its side; a third, rejected by the other side.
    f2 = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/propose")
    withdrawn = kr.post(f"/commitments/{cid}/propose", dict(fields, form_token=f2["form_token"], progress="90",
                                                             status="in progress")).header("Location")
    assert s.login("eu-cochair").post(withdrawn + "/withdraw", {}).status == 403
    assert kr.post(withdrawn + "/withdraw", {}).status == 303
    eu = s.login("eu-cochair")
    assert eu.post(done_proposal + "/approve", {}).status == 303
    assert s.sql(f"SELECT status, progress FROM commitments WHERE id = {cid}")[0] == ["done", "100"]
    f3 = form_fields(kr.get(f"/commitments/{cid}").text, f"/commitments/{cid}/propose")
    rejected = kr.post(f"/commitments/{cid}/propose", dict(fields, form_token=f3["form_token"], base_version=f3["base_version"],
                                                            target="later")).header("Location")
    assert eu.post(rejected + "/reject", {}).status == 303
    assert s.scalar(f"SELECT target FROM commitments WHERE id = {cid}") == "Council, Brussels, early 2024"
    states = s.sql("SELECT state FROM proposals ORDER BY id DESC LIMIT 3")
    assert [row[0] for row in states] == ["rejected", "withdrawn", "approved"]


def test_stale_proposal_cannot_be_approved(s):
    eu, kr = s.login("eu-cochair"), s.login("kr-cochair")
    first = save_section(eu, "quantum", "joint", "Proposal A").header("Location")
    second = save_section(eu, "quantum", "joint", "Proposal B").header("Location")
    assert kr.post(first + "/approve", {}).status == 303
    r = kr.post(second + "/approve", {})
    assert r.status == 409 and "cannot be approved as it is" in r.text
    assert section(s, "quantum", "joint")[0] == "Proposal A"
    assert eu.post(second + "/withdraw", {}).status == 303


def test_new_commitment_by_proposal(s):
    eu = s.login("eu-cochair")
    page = eu.get("/areas/6g/commitments/new")
    assert page.status == 200
    f = form_fields(page.text, "/areas/6g/commitments")
    r = eu.post("/areas/6g/commitments", dict(f, text="Joint 6G test-bed workshop.", text_ko="6G 시험대 공동 워크숍",
                                               lead="EU", target="Council, Brussels, early 2024",
                                               target_ko="협의회(브뤼셀, 2024년 초)", summary="workshop"))
    assert r.status == 303
    assert s.scalar("SELECT COUNT(*) FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = '6g'") == "2"
    assert s.login("kr-cochair").post(r.header("Location") + "/approve", {}).status == 303
    row = s.sql("SELECT c.number, c.body, c.body_ko, c.lead_side, c.status, c.progress FROM commitments c JOIN areas a "
                "ON a.id = c.area_id WHERE a.slug = '6g' ORDER BY c.number DESC LIMIT 1")[0]
    assert row == ["3", "Joint 6G test-bed workshop.", "6G 시험대 공동 워크숍", "EU", "planned", "0"], row
    new_id = s.scalar("SELECT MAX(id) FROM commitments")
    assert s.scalar(f"SELECT COUNT(*) FROM commitment_notes WHERE commitment_id = {new_id}") == "4"
    assert ">4.3<" in eu.get("/areas/6g").text
    bad = form_fields(eu.get("/areas/6g/commitments/new").text, "/areas/6g/commitments")
    for fields in ({"text": "", "lead": "EU", "target": "t"}, {"text": "two\nlines", "lead": "EU", "target": "t"},
                   {"text": "ok", "lead": "US", "target": "t"}, {"text": "ok", "text_ko": "두\n줄", "lead": "EU", "target": "t"}):
        fields = dict({"text_ko": "", "target_ko": ""}, **fields)
        assert eu.post("/areas/6g/commitments", dict(bad, summary="", **fields)).status == 400
    assert s.login("eu-editor").get("/areas/6g/commitments/new").status == 403


def test_history_revision_compare_and_restore(s):
    ed = s.login("kr-editor")
    for text in ("Version A\nsame line\n", "Version B\nsame line\n"):
        assert save_section(ed, "cybersecurity", "kr", text).status == 303
    history = ed.get("/areas/cybersecurity/history")
    assert history.status == 200
    seqs = [int(x) for x in re.findall(r'href="/revisions/(\d+)"', history.text)]
    newest = seqs[0]
    rev = ed.get(f"/revisions/{newest}")
    assert rev.status == 200 and "This is the current version." in rev.text
    assert 'class="del"' in rev.text and 'class="ins"' in rev.text
    previous = newest - 1
    page = ed.get(f"/revisions/{previous}")
    assert "Restore this version" in page.text
    r = ed.get(f"/areas/cybersecurity/compare?from={previous}&to={newest}")
    assert r.status == 200 and "Version A" in r.text and "Version B" in r.text
    f = form_fields(page.text, f"/revisions/{previous}/restore")
    r = ed.post(f"/revisions/{previous}/restore", f)
    assert r.status == 303
    assert section(s, "cybersecurity", "kr")[0] == "Version A\nsame line\n"
    last = s.sql("SELECT origin, ref FROM revisions ORDER BY seq DESC LIMIT 1")[0]
    assert last == ["restore", str(previous)]
    assert s.login("eu-editor").post(f"/revisions/{previous}/restore", f).status == 403
    # Compare is only between versions of one part of this area.
    other = s.scalar("SELECT MIN(seq) FROM revisions r JOIN areas a ON a.id = r.area_id WHERE a.slug = 'quantum'")
    assert ed.get(f"/areas/cybersecurity/compare?from={other}&to={newest}").status == 400
    assert ed.get("/areas/cybersecurity/compare?from=abc&to=1").status == 400
    assert ed.get("/revisions/99999999").status == 404


# Texts longer than this are not compared line by line (cgi/base/diff.h, DIFF_MAX_LINES).
DIFF_MAX_LINES = 5000


def test_long_texts_are_not_compared(s):
    """A diff's cost grows with the lines on each side: past DIFF_MAX_LINES
    the revision and compare pages say the texts are too long to compare (in
    either language) instead of building a page of every line."""
    ed = s.login("kr-editor")
    original = section(s, "cybersecurity", "kr")[0]
    try:
        seqs = []
        for lines in (DIFF_MAX_LINES, DIFF_MAX_LINES + 1):
            assert save_section(ed, "cybersecurity", "kr", "".join(f"{lines} {i}\n" for i in range(lines))).status == 303
            seqs.append(int(s.scalar("SELECT MAX(seq) FROM revisions")))
        at_cap, over = seqs
        r = ed.get(f"/revisions/{at_cap}")
        assert r.status == 200 and "too long to compare" not in r.text and r.text.count('class="ins"') >= DIFF_MAX_LINES
        for path in (f"/revisions/{over}", f"/areas/cybersecurity/compare?from={at_cap}&to={over}"):
            en, ko = ed.get(path), ed.get(path + ("&" if "?" in path else "?") + "lang=ko")
            assert en.status == ko.status == 200, path
            assert "These texts are too long to compare line by line." in en.text, path
            assert "이 두 텍스트는 너무 길어 줄 단위로 비교할 수 없습니다." in ko.text, path
            assert 'class="del"' not in en.text and 'class="ins"' not in en.text, path
    finally:
        assert save_section(ed, "cybersecurity", "kr", original).status == 303


def test_tampering_with_a_revision_is_detected(s):
    assert s.portalctl("verify")[0] == 0
    seq = s.scalar("SELECT MIN(seq) + 1 FROM revisions")
    old = s.scalar(f"SELECT HEX(content) FROM revisions WHERE seq = {seq}")
    s.sql(f"UPDATE revisions SET content = 'rewritten history' WHERE seq = {seq}")
    try:
        code, out = s.portalctl("verify")
        assert code == 1 and f"revisions: BROKEN at revision {seq}" in out, out
        assert f"broken at revision {seq}" in s.login("eu-admin").get("/admin/audit").text
    finally:
        s.sql(f"UPDATE revisions SET content = X'{old}' WHERE seq = {seq}")
    code, out = s.portalctl("verify")
    assert code == 0 and "revisions: intact" in out, out
