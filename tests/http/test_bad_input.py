"""Malformed requests get a clear 4xx (from the app or from nginx), never a 5xx,
and the workers keep serving."""


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
    for _ in range(3):
        test_malformed_query_strings_get_400(s)
        test_unknown_paths_get_the_404_page(s)
    assert s.worker_pids() == before
    assert "killed by signal" not in s.app_log()
