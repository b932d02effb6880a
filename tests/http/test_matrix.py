"""The permission matrix over every route: anonymous and each role of each side,
every route and method of cgi/pages/routes.c. A refused write changes nothing. A new
route without an entry here fails test_every_route_is_covered."""
import os
import re

from harness import ROOT, save_section

ROLES = ("viewer", "editor", "cochair", "admin")
SUBJECTS = [None] + [f"{side}-{role}" for side in ("eu", "kr") for role in ROLES]


def declared_routes():
    text = open(os.path.join(ROOT, "cgi", "pages", "routes.c")).read()
    return re.findall(r'\{ "(GET|POST)", "([^"]+)", \w+, (ACT_\w+) \}', text)


def eu_account_id(s):
    return s.scalar("SELECT id FROM accounts WHERE login = 'eu-viewer'")


def fixtures(s):
    """Things the probes point at: an EU-led commitment, an approved EU proposal,
    a revision of an EU section."""
    f = {"eu_led": s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id "
                            "WHERE a.slug = 'hpc' AND c.number = 1")}
    if not s.scalar("SELECT id FROM proposals WHERE side = 'EU' AND state = 'approved' LIMIT 1"):
        loc = save_section(s.login("eu-cochair"), "platforms", "joint", "Matrix fixture text").header("Location")
        assert s.login("kr-cochair").post(loc + "/approve", {}).status == 303
    f["proposal"] = s.scalar("SELECT id FROM proposals WHERE side = 'EU' AND state = 'approved' LIMIT 1")
    if not s.scalar("SELECT seq FROM revisions WHERE commitment_id = 0 AND part = 'eu' LIMIT 1"):
        assert save_section(s.login("eu-editor"), "platforms", "eu", "Matrix fixture").status == 303
    f["revision"] = s.scalar("SELECT seq FROM revisions WHERE commitment_id = 0 AND part = 'eu' "
                             "ORDER BY seq DESC LIMIT 1")
    return f


def expected(route, who):
    """Status for (method, pattern) and a subject, from docs/design.md's matrix.
    The probes target the EU's things: the EU section, an EU-led commitment,
    an approved proposal of the EU side."""
    method, pattern = route
    role = who.split("-")[1] if who else None
    side = who.split("-")[0] if who else None
    anon_get = 303 if method == "GET" else 403
    if pattern == "/healthz":
        return 200
    if pattern == "/login":
        return (303 if who else 200) if method == "GET" else 400
    if pattern.startswith("/login/"):
        return 303 if method == "GET" else 403      # only a half-done login's own steps (gate.c)
    if not who:
        return anon_get
    editor = role in ("editor", "cochair")
    cochair = role == "cochair"
    eu_writer = editor and side == "eu"
    content = {
        ("GET", "/areas/*/*/edit"): 200 if eu_writer else 403,
        ("POST", "/areas/*/*/edit"): 200 if eu_writer else 403,          # a preview
        ("GET", "/areas/*/history"): 200,
        ("GET", "/areas/*/compare"): 400,                                # no versions named
        ("GET", "/areas/*/commitments/new"): 200 if cochair else 403,
        ("POST", "/areas/*/commitments"): 400 if cochair else 403,       # empty fields
        ("GET", "/commitments/*"): 200,
        ("POST", "/commitments/*/note"): 400 if eu_writer else 403,      # the EU note, fields missing
        ("POST", "/commitments/*/progress"): 400 if eu_writer else 403,  # EU-led, fields missing
        ("POST", "/commitments/*/propose"): 400 if cochair else 403,
        ("GET", "/proposals/*"): 200,
        ("POST", "/proposals/*/approve"): 303 if cochair and side == "kr" else 403,   # approved already: no-op
        ("POST", "/proposals/*/reject"): 409 if cochair and side == "kr" else 403,
        ("POST", "/proposals/*/withdraw"): 409 if cochair and side == "eu" else 403,
        ("GET", "/revisions/*"): 200,
        ("POST", "/revisions/*/restore"): 400 if eu_writer else 403,     # fields missing
        ("POST", "/areas/*/*/confirm"): 303 if eu_writer else 403,       # nothing out of date: no change
        ("POST", "/commitments/*/confirm"): 303 if eu_writer else 403,   # the EU note, up to date
        ("POST", "/account/language"): 400,                              # no language named
        ("POST", "/councils"): 400 if cochair else 403,                  # fields missing
        ("POST", "/councils/*/held"): 303 if cochair else 403,           # held already: no change
    }
    if (method, pattern) in content:
        return content[(method, pattern)]
    if pattern in ("/", "/areas/*", "/register", "/register.csv", "/register.json", "/register.xlsx",
                   "/councils", "/changes", "/changes.atom"):
        return 200
    factor = {
        ("POST", "/account/totp"): 400,                          # no password given
        ("GET", "/account/totp"): 303,                           # no new app started: back to the account
        ("GET", "/account/totp/qr.svg"): 404,
        ("POST", "/account/totp/confirm"): 409,                  # no new app started
        ("POST", "/account/recovery-codes"): 400,                # no password given
        ("GET", "/account/recovery-codes"): 303,                 # none waiting to be shown
        ("GET", "/account/recovery-codes.txt"): 404,
        ("POST", "/account/recovery-codes/done"): 400,           # not confirmed
    }
    if (method, pattern) in factor:
        return factor[(method, pattern)]
    if pattern in ("/logout", "/account", "/account/password"):
        return {"/logout": 303, "/account": 200, "/account/password": 400}[pattern]
    if pattern in ("/admin/users", "/admin/users/*"):
        if role != "admin" or (pattern.endswith("*") and side != "eu"):
            return 403
        return 200 if method == "GET" else 400
    if pattern in ("/admin/audit", "/admin/audit.csv"):
        return 200 if role == "admin" else 403
    raise AssertionError(f"no expectation for {route}")


def probe(s, route, fx):
    """A request for the route that is harmless when allowed (invalid form data)."""
    method, pattern = route
    path = {"/areas/*": "/areas/6g", "/admin/users/*": f"/admin/users/{eu_account_id(s)}",
            "/areas/*/*/edit": "/areas/hpc/eu/edit", "/areas/*/history": "/areas/hpc/history",
            "/areas/*/compare": "/areas/hpc/compare", "/areas/*/commitments/new": "/areas/hpc/commitments/new",
            "/areas/*/commitments": "/areas/hpc/commitments", "/revisions/*": f"/revisions/{fx['revision']}",
            "/revisions/*/restore": f"/revisions/{fx['revision']}/restore",
            "/areas/*/*/confirm": "/areas/hpc/eu/confirm", "/councils/*/held": "/councils/1/held"}.get(pattern, pattern)
    if pattern.startswith("/commitments/*"):
        path = pattern.replace("*", str(fx["eu_led"]))
    if pattern.startswith("/proposals/*"):
        path = pattern.replace("*", str(fx["proposal"]))
    fields = {"/login": {}, "/logout": {}, "/account/password": {},
              "/admin/users": {"login": "", "name": "", "role": "viewer"},
              "/admin/users/*": {"action": "no-such-action"},
              "/areas/*/*/edit": {"body": "probe", "summary": "", "base_version": "1", "form_token": "d" * 32,
                                  "action": "preview", "in": "en"},
              "/areas/*/*/confirm": {"in": "en"},
              "/commitments/*/note": {"part": "eu"}, "/commitments/*/confirm": {"part": "eu", "in": "en"}}.get(pattern, {})
    return method, path, fields


COVERED = {("GET", "/"), ("GET", "/areas/*"), ("GET", "/register"), ("GET", "/healthz"), ("GET", "/login"),
           ("POST", "/login"), ("POST", "/logout"), ("GET", "/account"), ("POST", "/account/password"),
           ("GET", "/admin/users"), ("POST", "/admin/users"), ("GET", "/admin/users/*"),
           ("POST", "/admin/users/*"), ("GET", "/admin/audit"), ("GET", "/admin/audit.csv"),
           ("GET", "/areas/*/*/edit"), ("POST", "/areas/*/*/edit"), ("GET", "/areas/*/history"),
           ("GET", "/areas/*/compare"), ("GET", "/areas/*/commitments/new"), ("POST", "/areas/*/commitments"),
           ("GET", "/commitments/*"), ("POST", "/commitments/*/note"), ("POST", "/commitments/*/progress"),
           ("POST", "/commitments/*/propose"), ("GET", "/proposals/*"), ("POST", "/proposals/*/approve"),
           ("POST", "/proposals/*/reject"), ("POST", "/proposals/*/withdraw"), ("GET", "/revisions/*"),
           ("POST", "/revisions/*/restore"), ("POST", "/areas/*/*/confirm"), ("POST", "/commitments/*/confirm"),
           ("POST", "/account/language"), ("GET", "/register.csv"), ("GET", "/register.json"),
           ("GET", "/register.xlsx"), ("GET", "/councils"), ("POST", "/councils"), ("POST", "/councils/*/held"),
           ("GET", "/changes"), ("GET", "/changes.atom"),
           ("GET", "/login/code"), ("POST", "/login/code"), ("GET", "/login/enrol"), ("GET", "/login/enrol/qr.svg"),
           ("POST", "/login/enrol"), ("GET", "/login/recovery-codes"), ("GET", "/login/recovery-codes.txt"),
           ("POST", "/login/recovery-codes"), ("POST", "/login/cancel"),
           ("POST", "/account/totp"), ("GET", "/account/totp"), ("GET", "/account/totp/qr.svg"),
           ("POST", "/account/totp/confirm"), ("POST", "/account/recovery-codes"), ("GET", "/account/recovery-codes"),
           ("GET", "/account/recovery-codes.txt"), ("POST", "/account/recovery-codes/done")}


def test_every_route_is_covered(s):
    routes = declared_routes()
    assert len(routes) >= 30
    assert {(m, p) for m, p, _ in routes} == COVERED, "update the matrix test for the new routes"
    assert all(need != "ACT_UNDECLARED" for _, _, need in routes)


def test_matrix(s):
    s.clear_throttle()
    fx = fixtures(s)
    failures = []
    for who in SUBJECTS:
        for method, pattern, _ in declared_routes():
            c = s.login(who) if who else s.client()
            m, path, fields = probe(s, (method, pattern), fx)
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
