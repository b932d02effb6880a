"""Malformed requests get a clear 4xx (from the app or from nginx), never a 5xx,
and the workers keep serving."""
import html
import re
import urllib.parse


def assert_status(c, path, expected, method="GET", **kw):
    r = c.request(method, path, **kw)
    assert r.status in expected, (path, r.status, r.text[:200])
    return r


def test_unknown_paths_get_the_404_page(s):
    c = s.login("eu-viewer")
    for path in ("/nope", "/areas/no-such-area", "/areas/6g/", "/areas/", "/AREAS/6g",
                 "/areas/%ED%95%9C%EA%B5%AD", "/areas/6g/extra/x/y", "/index.php", "/.git/config",
                 "/static/../cgi/main.c", "/static/../.git/config"):
        r = assert_status(c, path, {404})
        assert "Page not found" in r.text, path


def test_path_traversal_never_reaches_a_file(s):
    c = s.login("eu-viewer")
    for path in ("/areas/..%2f..%2fetc%2fpasswd", "/static/..%2f..%2fetc%2fpasswd", "/static/%2e%2e/Makefile",
                 "/../../etc/passwd", "/static/../../../../etc/passwd"):
        r = assert_status(c, path, {400, 404})
        assert b"root:" not in r.body and b"PORT ?=" not in r.body, path


def test_malformed_query_strings_get_400(s):
    c = s.login("eu-viewer")
    for q in ("x=%", "x=%4", "x=%GG", "x=%FF", "x=%C0%AF", "x=%ED%A0%80", "x=%00", "x=a%0Db",
              "x=a%0Ab", "lang=fr", "lang=en&lang=ko", "=v", "lang=%00"):
        r = assert_status(c, "/areas/6g?" + q, {400})
        assert "Bad request" in r.text, q


def test_bad_paths_get_400(s):
    c = s.login("eu-viewer")
    for path in ("/areas/6g%00", "/areas/%FF", "/areas/%C0%AE%C0%AE", "/a%0d%0aSet-Cookie:%20x=1"):
        assert_status(c, path, {400})


def test_unsupported_methods_get_405(s):
    c = s.login("eu-viewer")
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        r = assert_status(c, "/", {405}, method=method)
        assert r.header("Allow") == "GET, HEAD, POST"


def test_post_to_a_page_that_takes_none(s):
    c = s.login("eu-viewer")
    r = assert_status(c, "/areas/6g", {405}, method="POST", body="a=1",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert "Method not allowed" in r.text


def test_post_bodies_are_checked_before_routing(s):
    c = s.login("eu-viewer")
    assert_status(c, "/", {415}, method="POST", body="{}", headers={"Content-Type": "application/json"})
    assert_status(c, "/", {400}, method="POST", body="a=%ZZ",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_status(c, "/", {413}, method="POST", body="a=" + "x" * (2 << 20),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_overlong_url_and_headers(s):
    c = s.login("eu-viewer")
    assert_status(c, "/areas/6g?x=" + "a" * 9000, {414})
    assert_status(c, "/", {400, 431}, headers={"X-Big": "b" * 10000})


def test_raw_garbage_requests(s):
    c = s.login("eu-viewer")
    for raw in (b"GET /\r\n\r\n", b"\x00\x01\x02\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
                b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"):
        answer = s.raw(raw, timeout=5)
        status = answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/") else b"000"
        assert not status.startswith(b"5"), (raw, answer[:100])
    assert c.get("/").status == 200


def test_anonymous_requests_for_unknown_paths_get_the_login_page(s):
    for path in ("/nope", "/areas/no-such-area", "/.git/config"):
        r = s.get(path)
        assert r.status == 303 and r.header("Location").startswith("/login?next="), (path, r.status)
    assert s.request("POST", "/nope", body="a=1", headers={"Content-Type": "application/x-www-form-urlencoded"}).status == 403


def test_errors_never_crash_a_worker(s):
    before = s.worker_pids()
    log_start = len(s.app_log())      # only this test's lines: the fault tests kill workers on purpose
    for _ in range(3):
        test_malformed_query_strings_get_400(s)
        test_unknown_paths_get_the_404_page(s)
    assert s.worker_pids() == before
    assert "killed by signal" not in s.app_log()[log_start:]


# Paths whose decoded form would make a link leave the site, or point elsewhere
# on it, if it were written back into a page as it is.
OFF_SITE_PATHS = ("/%2F%2Fevil.example", "/%2Fevil.example", "/%5Cevil.example", "/%2F%5Cevil.example",
                  "/%5C%5Cevil.example", "/%2F%2Fevil.example%2F%2E%2E", "/a%3Fb%23c", "/%ED%95%9C%20x%25",
                  "/%2F%2Fevil.example%3Flang=en")


def links_of(page):
    """Every href of a page and the value of every field named next, unescaped."""
    found = re.findall(r'href="([^"]*)"', page) + re.findall(r'name="next" value="([^"]*)"', page)
    return [html.unescape(v) for v in found]


def assert_link_to(link, path):
    """link stays on this site and names exactly path (decoded), whatever the
    browser makes of slashes and backslashes."""
    assert link.startswith("/") and link[1:2] not in ("/", "\\") and "\\" not in link, link
    assert all(0x21 <= ord(ch) < 0x7F for ch in link), link     # percent-encoded: no space, control or raw UTF-8
    assert urllib.parse.urlsplit(urllib.parse.urljoin("http://127.0.0.1/a/b", link)).netloc == "127.0.0.1", link
    assert urllib.parse.unquote(urllib.parse.urlsplit(link).path) == urllib.parse.unquote(path), (link, path)


def test_language_links_on_error_pages_stay_on_the_site(s):
    """The anonymous language links of an error page repeat this page's
    address: built from the decoded path, //evil.example became a link to
    another site (issue 14). The path is percent-encoded again instead."""
    for path in OFF_SITE_PATHS:
        r = s.get(path + "?lang=x&q=%26%2F")
        assert r.status == 400, (path, r.status)
        urls = [u for u in links_of(r.text) if "lang=" in u]
        assert len(urls) == 2, (path, urls)
        for url, code in zip(urls, ("en", "ko")):
            assert_link_to(url, path)
            assert urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query) == [("q", "&/"), ("lang", code)], url
        for url in links_of(r.text):
            if not url.startswith("#"):
                assert_link_to(url, urllib.parse.urlsplit(url).path)


def test_the_language_switch_returns_to_the_same_page(s):
    """A signed-in page's language form sends the page's own address as next:
    it stays on the site and names the same page."""
    c = s.login("eu-viewer")
    for path in OFF_SITE_PATHS:
        r = c.get(path)
        assert r.status == 404, (path, r.status)
        nexts = [html.unescape(v) for v in re.findall(r'name="next" value="([^"]*)"', r.text)]
        assert len(nexts) == 1, nexts
        assert_link_to(nexts[0], path)
        back = c.post("/account/language", {"lang": "ko", "next": nexts[0]})
        assert back.status == 303 and back.header("Location") == nexts[0], (path, back.header("Location"))
    c.post("/account/language", {"lang": "auto", "next": "/"})


# The highest page number the paginated pages accept (cgi/http/http.h, HTTP_PAGE_MAX).
PAGE_MAX = 100000


def test_page_numbers_are_capped(s):
    """?page= on every paginated page: a number beyond the cap, however long,
    is a 400 (it once overflowed a multiplication into a negative OFFSET)."""
    admin = s.login("eu-admin")
    before = s.worker_pids()
    for path in ("/admin/audit", "/areas/6g/history"):
        for page in ("999999999999999999", "92233720368547759", "184467440737095516", str(PAGE_MAX + 1), "0", "-1",
                     "01", "1e3", "", " 1", "1.0", "+1"):
            r = admin.get(f"{path}?page={urllib.parse.quote(page)}")
            assert r.status == 400 and "Bad request" in r.text, (path, page, r.status)
        for page in ("1", "2", str(PAGE_MAX)):
            assert admin.get(f"{path}?page={page}").status == 200, (path, page)
    assert s.worker_pids() == before
