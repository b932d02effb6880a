"""Security headers on every answer, from the app or from nginx itself."""
import concurrent.futures
import os
import re

from harness import form_fields


CSP_PARTS = ("default-src 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
             "base-uri 'none'", "frame-ancestors 'none'")


def check_headers(r, where):
    csp = r.header("Content-Security-Policy")
    assert csp, where
    for part in CSP_PARTS:
        assert part in csp, (where, part)
    assert "unsafe-inline" not in csp, where
    assert r.header("X-Content-Type-Options") == "nosniff", where
    assert r.header("Referrer-Policy") == "same-origin", where
    assert r.header("X-Frame-Options") == "DENY", where
    assert r.header("Server") == "nginx", where  # no version


def test_headers_on_every_kind_of_answer(s):
    c = s.login("eu-viewer")
    answers = {
        200: c.get("/"),
        "static": c.get("/static/portal.css"),
        404: c.get("/nope"),
        400: c.get("/?x=%FF"),
        405: c.request("DELETE", "/"),
        413: c.request("POST", "/", body="a=" + "x" * (2 << 20),
                       headers={"Content-Type": "application/x-www-form-urlencoded"}),
        414: c.get("/?x=" + "a" * 9000),
    }
    for where, r in answers.items():
        if isinstance(where, int):
            assert r.status == where, (where, r.status)
        check_headers(r, where)


def test_headers_on_redirects_refusals_conflicts_and_limits(s):
    ed = s.login("eu-editor")
    answers = {303: s.client().get("/"), 403: ed.post("/areas/cybersecurity/eu/edit", {"body": "x"}, csrf="0" * 64)}
    # Two forms on the same version: the second save is a conflict.
    forms = [form_fields(ed.get("/areas/cybersecurity/eu/edit").text, "/areas/cybersecurity/eu/edit") for _ in range(2)]
    for i, f in enumerate(forms):
        f.update(body=f"Headers test text {i} {os.urandom(4).hex()}", summary="", action="save")
        r = ed.post("/areas/cybersecurity/eu/edit", f, csrf=False)
    answers[409] = r
    # The app's own lock after failed logins, and nginx's rate limit on login posts.
    for _ in range(10):   # the lock starts after login_account_threshold (5) failures
        r = s.client().post("/login", {"login": "headers-nobody", "password": "wrong password 1"}, csrf=False)
        if r.status == 429:
            break
    answers[429] = r
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        burst = list(pool.map(lambda _: s.client().post("/login", {"login": "", "password": ""}, csrf=False),
                              range(120)))
    answers["429 from nginx"] = next(r for r in burst if r.status == 429)
    s.clear_throttle()
    s.stack("db-stop", s.instance)
    try:
        answers[503] = ed.get("/areas/cybersecurity")
    finally:
        s.stack("db-start", s.instance)
    for where, r in answers.items():
        assert r.status == int(str(where)[:3]), (where, r.status)
        check_headers(r, where)


def test_pages_have_no_inline_script_or_style(s):
    c = s.login("eu-viewer")
    for path in ("/", "/areas/6g", "/register", "/nope"):
        text = c.get(path).text
        assert "<script" not in text, path
        # Text is escaped, so every "<" left starts a real tag.
        assert not re.search(r"<style|<[a-zA-Z][^>]*\s(style|on[a-z]+)=", text), path
