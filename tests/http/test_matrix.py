"""The permission matrix over every route: anonymous and each role of each side,
every route and method of cgi/routes.c. A refused write changes nothing. A new
route without an entry here fails test_every_route_is_covered."""
import os
import re

from harness import ROOT

ROLES = ("viewer", "editor", "cochair", "admin")
SUBJECTS = [None] + [f"{side}-{role}" for side in ("eu", "kr") for role in ROLES]


def declared_routes():
    text = open(os.path.join(ROOT, "cgi", "routes.c")).read()
    return re.findall(r'\{ "(GET|POST)", "([^"]+)", \w+, (ACT_\w+) \}', text)


def eu_account_id(s):
    return s.scalar("SELECT id FROM accounts WHERE login = 'eu-viewer'")


def expected(route, who):
    """Status for (method, pattern) and a subject, from DESIGN.md's matrix."""
    method, pattern = route
    role = who.split("-")[1] if who else None
    side = who.split("-")[0] if who else None
    anon_get = 303 if method == "GET" else 403
    if pattern in ("/", "/areas/*", "/register"):
        return 200 if who else anon_get
    if pattern == "/healthz":
        return 200
    if pattern == "/login":
        return (303 if who else 200) if method == "GET" else 400
    if pattern in ("/logout", "/account", "/account/password"):
        if not who:
            return anon_get
        return {"/logout": 303, "/account": 200, "/account/password": 400}[pattern]
    if pattern in ("/admin/users", "/admin/users/*"):
        if not who:
            return anon_get
        if role != "admin" or (pattern.endswith("*") and side != "eu"):
            return 403
        return 200 if method == "GET" else 400
    if pattern == "/admin/audit":
        return 200 if role == "admin" else (403 if who else 303)
    raise AssertionError(f"no expectation for {route}")


def probe(s, route):
    """A request for the route that is harmless when allowed (invalid form data)."""
    method, pattern = route
    path = {"/areas/*": "/areas/6g", "/admin/users/*": f"/admin/users/{eu_account_id(s)}"}.get(pattern, pattern)
    fields = {"/login": {}, "/logout": {}, "/account/password": {},
              "/admin/users": {"login": "", "name": "", "role": "viewer"},
              "/admin/users/*": {"action": "no-such-action"}}.get(pattern, {})
    return method, path, fields


COVERED = {("GET", "/"), ("GET", "/areas/*"), ("GET", "/register"), ("GET", "/healthz"), ("GET", "/login"),
           ("POST", "/login"), ("POST", "/logout"), ("GET", "/account"), ("POST", "/account/password"),
           ("GET", "/admin/users"), ("POST", "/admin/users"), ("GET", "/admin/users/*"),
           ("POST", "/admin/users/*"), ("GET", "/admin/audit")}


def test_every_route_is_covered(s):
    routes = declared_routes()
    assert len(routes) >= 14
    assert {(m, p) for m, p, _ in routes} == COVERED, "update the matrix test for the new routes"
    assert all(need != "ACT_UNDECLARED" for _, _, need in routes)


def test_matrix(s):
    s.clear_throttle()
    failures = []
    for who in SUBJECTS:
        for method, pattern, _ in declared_routes():
            c = s.login(who) if who else s.client()
            m, path, fields = probe(s, (method, pattern))
            before = s.fingerprint() if m == "POST" else None
            r = c.get(path) if m == "GET" else c.post(path, fields)
            want = expected((method, pattern), who)
            if r.status != want:
                failures.append((who, method, pattern, r.status, want))
            if m == "POST" and r.status in (400, 403) and s.fingerprint() != before:
                failures.append((who, method, pattern, "changed the database"))
    s.clear_throttle()
    assert not failures, failures


def test_admins_manage_only_their_own_side(s):
    kr_id = s.scalar("SELECT id FROM accounts WHERE login = 'kr-editor'")
    c = s.login("eu-admin")
    page = c.get("/admin/users").text
    assert "eu-editor" in page and "kr-editor" not in page
    assert c.get(f"/admin/users/{kr_id}").status == 403
    before = s.fingerprint()
    for action in ("disable", "reset", "role"):
        r = c.post(f"/admin/users/{kr_id}", {"action": action, "role": "admin"})
        assert r.status == 403, (action, r.status)
    assert s.fingerprint() == before
    assert s.scalar(f"SELECT CONCAT(role, disabled) FROM accounts WHERE id = {kr_id}") == "editor0"
