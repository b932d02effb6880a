"""Security headers on every answer, from the app or from nginx itself."""
import re

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


def test_pages_have_no_inline_script_or_style(s):
    c = s.login("eu-viewer")
    for path in ("/", "/areas/6g", "/register", "/nope"):
        text = c.get(path).text
        assert "<script" not in text, path
        # Text is escaped, so every "<" left starts a real tag.
        assert not re.search(r"<style|<[a-zA-Z][^>]*\s(style|on[a-z]+)=", text), path
