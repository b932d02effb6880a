"""The hostile-input suite: several hundred malformed requests through nginx,
each checked for its status (a clear 4xx, never a 5xx) and for having written
nothing. Requests: query strings and paths (invalid and overlong UTF-8, NUL,
bad and double percent-encoding, CR/LF, duplicates, traversal, huge), headers
and bodies (Content-Length, over-limit bodies, cookies, content types,
methods), and every form of the portal with each field missing, empty, huge,
of the wrong type, with bad bytes or given twice. Finally: no worker died,
and every line the app logged is one printable line."""
import html.parser
import os
import re

from harness import cases, totp_code

PASSWORD = "hostile-suite-password-1"
ACCOUNTS = {"hx-eu-cochair": ("EU", "cochair"), "hx-kr-cochair": ("KR", "cochair"), "hx-eu-admin": ("EU", "admin"),
            "hx-eu-editor": ("EU", "editor")}
state = {}


def setup(s):
    """Once: the suite's own accounts (so a changed password or language
    touches nobody else), the workers and where the app log stands."""
    if state:
        return state
    for login, (side, role) in ACCOUNTS.items():
        if not s.scalar(f"SELECT id FROM accounts WHERE login = '{login}'"):
            code, out = s.portalctl("user", "add", "--login", login, "--name", "Hostile " + login, "--side", side,
                                    "--role", role, stdin=PASSWORD + "\n")
            assert code == 0, out
    s.clear_throttle()
    state["clients"] = {login: s.login(login, PASSWORD) for login in ACCOUNTS}
    state["viewer"] = s.login("eu-viewer")
    state["workers"] = s.worker_pids()
    state["log_start"] = os.path.getsize(os.path.join(s.instance, "log", "app.log"))
    state["fingerprint"] = s.fingerprint()
    return state


def check(s, r, allowed, what):
    """The answer is one of the allowed statuses (a 5xx only where nginx answers
    a protocol error itself); a refusal wrote nothing."""
    before, now = state["fingerprint"], s.fingerprint()
    state["fingerprint"] = now
    assert r.status in allowed, (what, r.status, r.text[:300])
    if 400 <= r.status < 500:
        assert now == before, (what, "a refused request changed the database")


# ---- query strings and paths -------------------------------------------------

PAGES = ["/", "/areas/hpc", "/register", "/register.csv", "/councils", "/changes", "/areas/hpc/history",
         "/commitments/1", "/account"]
BAD_QUERIES = {
    "invalid-utf8": "x=%FF", "overlong-2": "x=%C0%AF", "overlong-3": "x=%E0%80%AF", "surrogate": "x=%ED%A0%80",
    "above-max": "x=%F4%90%80%80", "truncated": "x=%E2%82", "nul": "x=a%00b", "lone-percent": "x=%",
    "short-escape": "x=%4", "bad-escape": "x=%GG", "crlf": "x=a%0D%0ASet-Cookie:%20y=1", "lf": "x=%0A",
    "bad-lang": "lang=xx", "duplicate-lang": "lang=en&lang=ko", "empty-name": "=v",
}


def query_cases(s):
    setup(s)
    out = [(f"{page} {name}", (page + "?" + q, {400})) for page in PAGES for name, q in BAD_QUERIES.items()]
    out += [(f"{page} huge-query", (page + "?x=" + "a" * 9000, {414})) for page in PAGES]
    return out


@cases(query_cases)
def test_bad_query_strings(s, case):
    target, allowed = case
    check(s, state["viewer"].get(target), allowed, target)


BAD_PATHS = {
    "crlf": ("/areas/hpc%0d%0aSet-Cookie:%20x=1", {400}),
    "nul": ("/areas/hpc%00", {400}),
    "nul-extension": ("/register.csv%00.html", {400}),
    "invalid-utf8": ("/areas/%FF", {400}),
    "overlong-dots": ("/areas/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd", {400}),
    "truncated-utf8": ("/areas/%E2%82", {400}),
    "encoded-traversal": ("/areas/..%2f..%2fetc%2fpasswd", {400, 404}),
    "double-encoded-traversal": ("/static/%252e%252e/%252e%252e/etc/passwd", {404}),
    "dot-segments": ("/static/../../../../etc/passwd", {400, 404}),
    "encoded-dot-segments": ("/static/%2e%2e/Makefile", {400, 404}),
    "backslashes": ("/static/..%5c..%5cMakefile", {400, 404}),
    "double-slash": ("//etc/passwd", {404}),
    "slash-in-slug": ("/areas/hpc%2Fhistory", {200, 400, 404}),   # the same page as /areas/hpc/history
    "negative-id": ("/commitments/-1", {404}),
    "zero-id": ("/commitments/0", {404}),
    "huge-id": ("/commitments/99999999999999999999999", {404}),
    "exponent-id": ("/commitments/1e3", {404}),
    "hex-id": ("/commitments/0x10", {404}),
    "space-id": ("/proposals/%201", {404}),
    "word-id": ("/revisions/abc", {404}),
    "plus-id": ("/commitments/+1", {404}),
    "leading-zeros": ("/commitments/0001", {404}),
    "unknown-council": ("/councils/999/held", {405}),
    "long-path": ("/areas/" + "a" * 9000, {414}),
    "hangul-slug": ("/areas/%ED%95%9C", {404}),
    "control-char": ("/areas/%01", {400}),
    "del-char": ("/areas/%7F", {400}),
    "tab": ("/areas/hpc%09", {400}),
}


@cases(lambda s: (setup(s), list(BAD_PATHS.items()))[1])
def test_bad_paths(s, case):
    target, allowed = case
    r = state["viewer"].get(target)
    check(s, r, allowed, target)
    assert b"root:x:" not in r.body and b"PORT ?=" not in r.body, target


# ---- headers, bodies, methods ------------------------------------------------

def cookie(c):
    return c._cookie_header()


def raw_cases(s):
    setup(s)
    session = cookie(state["viewer"])
    form = "lang=ko&next=/account"
    origin = f"http://127.0.0.1:{s.port}"

    def post(body, headers, clen=None):
        lines = ["POST /account/language HTTP/1.1", "Host: 127.0.0.1", f"Cookie: {session}", f"Origin: {origin}",
                 "Connection: close"] + headers
        if clen is not None:
            lines.append(f"Content-Length: {clen}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def get(path, headers):
        return ("\r\n".join([f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + headers)
                + "\r\n\r\n").encode()

    ct = "Content-Type: application/x-www-form-urlencoded"
    return [
        ("huge-content-length", (post(b"", [ct], "99999999999999999999"), {400, 413})),
        ("negative-content-length", (post(b"", [ct], "-1"), {400})),
        ("text-content-length", (post(b"", [ct], "abc"), {400})),
        ("two-content-lengths", (post(form.encode(), [ct, "Content-Length: 3"], len(form)), {400})),
        ("content-length-over-limit", (post(b"", [ct], 2 << 20), {413})),
        ("body-over-limit", (post(b"a=" + b"x" * (2 << 20), [ct], 2 + (2 << 20)), {413})),
        ("chunked-over-limit", (post(b"".join(b"%x\r\n%s\r\n" % (65536, b"x" * 65536) for _ in range(20)) + b"0\r\n\r\n",
                                     [ct, "Transfer-Encoding: chunked"]), {413})),
        ("bad-chunk", (post(b"zz\r\nabc\r\n0\r\n\r\n", [ct, "Transfer-Encoding: chunked"]), {400})),
        ("json-body", (post(b'{"lang":"ko"}', ["Content-Type: application/json"], 13), {415})),
        ("multipart-body", (post(b"--b\r\n\r\n--b--\r\n", ["Content-Type: multipart/form-data; boundary=b"], 14),
                            {415})),
        ("text-body", (post(form.encode(), ["Content-Type: text/plain"], len(form)), {415})),
        ("no-content-type", (post(form.encode(), [], len(form)), {415})),
        ("latin1-form", (post(b"lang=ko&next=/account%E9", [ct], 24), {400})),
        ("garbage-session", (get("/", ["Cookie: portal_session=" + "Z" * 64]), {303})),
        ("empty-session", (get("/", ["Cookie: portal_session="]), {303})),
        ("short-session", (get("/", ["Cookie: portal_session=abc"]), {303})),
        ("huge-cookie", (get("/", ["Cookie: portal_session=" + "a" * 9000]), {400})),
        ("many-cookies", (get("/", ["Cookie: " + "; ".join(f"c{i}=v" for i in range(400))]), {303, 400})),
        ("cookie-without-equals", (get("/", ["Cookie: portal_session"]), {303})),
        ("cookie-control-bytes", (get("/", ["Cookie: portal_session=\x01\x02"]), {303, 400})),
        ("cookie-high-bytes", (get("/", ["Cookie: portal_session=\xff\xfe".encode("latin-1").decode("latin-1")]),
                               {303, 400})),
        ("two-sessions", (get("/", [f"Cookie: {session}; portal_session={'0' * 64}"]), {303, 400})),
        ("header-with-cr", (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\rb\r\nConnection: close\r\n\r\n", {400})),
        ("no-host", (b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", {400})),
        ("http-0.9", (b"GET /\r\n", {400, 0})),
        ("bad-version", (b"GET / HTTP/7.1\r\nHost: x\r\nConnection: close\r\n\r\n", {505, 400})),
        ("lowercase-method", (b"get / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400})),
        ("raw-invalid-utf8-path", (b"GET /areas/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400})),
        ("raw-space-in-path", (b"GET /areas/h pc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400})),
        ("absolute-form", (b"GET http://evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {303})),
    ] + [(f"method-{m}", (get_method(m, session), allowed)) for m, allowed in METHODS.items()]


METHODS = {"PUT": {405}, "DELETE": {405}, "PATCH": {405}, "OPTIONS": {405}, "TRACE": {405}, "CONNECT": {400, 405},
           "PROPFIND": {405}, "FOO": {405}, "MKCOL": {405}, "LINK": {405}}


def get_method(method, session):
    return (f"{method} /areas/hpc HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {session}\r\n"
            "Content-Length: 0\r\nConnection: close\r\n\r\n").encode()


class RawAnswer:
    def __init__(self, data):
        m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        self.status = int(m.group(1)) if m else 0
        self.body = data
        self.text = data[:300].decode("latin-1")


@cases(raw_cases)
def test_bad_headers_bodies_and_methods(s, case):
    data, allowed = case
    r = RawAnswer(s.raw(data))
    check(s, r, allowed, data[:80])


# ---- every form, every field -------------------------------------------------

class Forms(html.parser.HTMLParser):
    """The POST forms of a page: action and fields (name, value) in order, with
    the first named submit button."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self.form = {"action": a["action"], "fields": [], "button": False}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.form["fields"].append([name, a.get("value", ""), a.get("type", "text")])
        elif tag == "button" and name and not self.form["button"]:
            self.form["button"] = True
            self.form["fields"].append([name, a.get("value", ""), "button"])
        elif tag == "select" and name:
            self.select = [name, None, "select"]
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = [name, "", "textarea"]
            self.form["fields"].append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def page_forms(c, path):
    r = c.get(path)
    assert r.status == 200, (path, r.status)
    p = Forms()
    p.feed(r.text)
    return p.forms


def fixture_ids(s):
    eu_led = s.scalar("SELECT c.id FROM commitments c JOIN areas a ON a.id = c.area_id "
                      "WHERE a.slug = 'hpc' AND c.number = 1")
    revision = s.scalar("SELECT seq FROM revisions WHERE area_id = (SELECT id FROM areas WHERE slug = 'hpc') "
                        "AND commitment_id = 0 AND part = 'eu' ORDER BY seq LIMIT 1")
    if not revision:
        c = state["clients"]["hx-eu-editor"]
        f = [f for f in page_forms(c, "/areas/hpc/eu/edit") if f["action"].endswith("/edit")][0]
        fields = {k: v for k, v, _ in f["fields"]}
        fields.update(body=fields["body"] + "\n\nHostile suite fixture.", action="save")
        assert c.post("/areas/hpc/eu/edit", fields, csrf=False).status == 303
        revision = s.scalar("SELECT seq FROM revisions WHERE commitment_id = 0 AND part = 'eu' "
                            "AND area_id = (SELECT id FROM areas WHERE slug = 'hpc') ORDER BY seq LIMIT 1")
    return eu_led, revision


def pending_proposal(s):
    """A proposal of the EU side waiting for the KR co-chair (made once)."""
    pid = s.scalar("SELECT id FROM proposals WHERE state = 'pending' AND side = 'EU' ORDER BY id LIMIT 1")
    if pid:
        return pid
    c = state["clients"]["hx-eu-cochair"]
    f = [f for f in page_forms(c, "/areas/6g/joint/edit") if f["action"].endswith("/edit")][0]
    fields = {k: v for k, v, _ in f["fields"]}
    fields.update(body=fields["body"] + "\n\nHostile suite proposal.", action="save")
    r = c.post("/areas/6g/joint/edit", fields, csrf=False)
    assert r.status == 303, r.status
    return int(r.header("Location").rsplit("/", 1)[1])


GONE, EMPTY = ("missing", "empty"), ("empty",)


# (who, page, form action, fields to fill, {field: spoilings it may pass with}, one-shot)
def form_specs(s):
    eu_led, revision = fixture_ids(s)
    proposal = pending_proposal(s)
    next_council = s.scalar("SELECT MIN(id) FROM councils WHERE held = 0")
    admin_target = s.scalar("SELECT id FROM accounts WHERE login = 'hx-eu-editor'")
    serial = iter(range(10 ** 6))
    fresh_login = lambda: f"hx-new-{next(serial)}"  # noqa: E731
    fresh_target = lambda: f"Hostile target {next(serial)}"  # noqa: E731
    specs = [
        (None, "/login", "/login", {"login": "hx-eu-editor", "password": PASSWORD}, {}, False),
        ("hx-eu-editor", "/account", "/account/language", {}, {}, False),
        ("hx-eu-editor", "/account", "/account/password", {"current": PASSWORD, "new": PASSWORD,
                                                           "confirm": PASSWORD}, {"end_others": GONE}, False),
        ("hx-eu-admin", "/admin/users", "/admin/users", {"login": fresh_login, "name": "Hostile new"}, {},
         False),
        ("hx-eu-admin", f"/admin/users/{admin_target}", f"/admin/users/{admin_target}#role", {}, {}, False),
        ("hx-eu-editor", "/areas/hpc/eu/edit", "/areas/hpc/eu/edit", {}, {"summary": GONE, "body": EMPTY}, False),
        ("hx-eu-editor", f"/commitments/{eu_led}", f"/commitments/{eu_led}/note", {}, {"summary": GONE, "note": EMPTY},
         False),
        ("hx-eu-editor", f"/commitments/{eu_led}", f"/commitments/{eu_led}/progress", {}, {}, False),
        ("hx-eu-cochair", f"/commitments/{eu_led}", f"/commitments/{eu_led}/propose", {"target": fresh_target},
         {"summary": GONE, "text_ko": EMPTY, "target_ko": EMPTY, "target": EMPTY}, False),
        ("hx-eu-cochair", "/areas/hpc/commitments/new", "/areas/hpc/commitments",
         {"text": "Hostile suite commitment", "target": "2030"},
         {"summary": GONE, "text_ko": GONE, "target_ko": GONE, "target": EMPTY}, False),
        ("hx-eu-editor", f"/revisions/{revision}", f"/revisions/{revision}/restore", {}, {"summary": GONE}, False),
        ("hx-kr-cochair", f"/proposals/{proposal}", f"/proposals/{proposal}/reject", {}, {}, True),
        ("hx-kr-cochair", f"/proposals/{proposal}", f"/proposals/{proposal}/approve", {}, {}, True),
        ("hx-eu-cochair", f"/proposals/{proposal}", f"/proposals/{proposal}/withdraw", {}, {}, True),
        ("hx-eu-admin", f"/admin/users/{admin_target}", f"/admin/users/{admin_target}#disable", {}, {}, True),
        ("hx-eu-admin", f"/admin/users/{admin_target}", f"/admin/users/{admin_target}#reset", {}, {}, True),
        ("hx-eu-editor", "/", "/logout", {}, {}, True),
        # The second factor's forms (a half-done login: a new one for every case).
        (HALF, "/login/code", "/login/code", {"code": lambda: current_code(s, "hx-eu-editor")}, {}, True),
        ("hx-eu-editor", "/account", "/account/totp",
         {"password": PASSWORD, "code": lambda: current_code(s, "hx-eu-editor")}, {}, False),
        ("hx-eu-editor", "/account", "/account/recovery-codes", {"password": PASSWORD}, {}, False),
    ]
    if next_council:   # while a council is still to be held
        specs.append(("hx-eu-cochair", "/councils", f"/councils/{next_council}/held", {}, {}, True))
    return specs


HALF = "half-done login"


def current_code(s, login):
    """The account's app code now, its last used step forgotten (the harness stands in for the clock)."""
    s.fresh_step(login)
    return totp_code(s.totp_keys[login])


def client_of(s, who):
    """The spec's client: a logged-in one, an anonymous one, or a new half-done login."""
    if who == HALF:
        c = s.client()
        c.get("/login")
        r = c.post("/login", {"login": "hx-eu-editor", "password": PASSWORD})
        assert r.status == 303 and r.header("Location").endswith("/login/code"), r.status
        return c
    return state["clients"][who] if who else s.client()


def find_form(c, page, action):
    """The form posting to action on page; '#role' etc. picks among forms with
    the same action by the value of their "action" field (or a role select)."""
    path, _, which = action.partition("#")
    forms = [f for f in page_forms(c, page) if f["action"] == path]
    if which:
        forms = [f for f in forms if {k: v for k, v, _ in f["fields"]}.get("action") == which]
    assert forms, (page, action, "form not on the page")
    return forms[0]


NUMERIC = re.compile(r"^\d+$")
CHOICES = ("select", "hidden", "button", "checkbox", "radio")
NUMBERS = CHOICES + ("number",)


def mutations(value, kind):
    """Ways to spoil a field of that kind holding that value."""
    out = {"missing": None, "empty": "", "huge": "x" * 70000, "bad-utf8": b"\xff", "nul": value + "\0",
           "twice": [value, value + "x"]}
    if kind != "textarea":            # line breaks are text in a textarea
        out["crlf"] = value + "\r\nX-Injected: 1"
    if NUMERIC.match(value or "") and kind in NUMBERS:
        out.update({"not-a-number": value + "abc", "negative": "-" + value, "overflow": "9" * 30,
                    "fraction": value + ".5"})
    elif kind in CHOICES:
        out["unknown-choice"] = "zz-unknown"
    return out


def form_cases(s):
    setup(s)
    out = []
    for spec in form_specs(s):
        who, page, action, fill, optional, one_shot = spec
        c = client_of(s, who)
        form = find_form(c, page, action)
        kinds = {k: kind for k, _, kind in form["fields"]}
        values = {k: v for k, v, _ in form["fields"]}
        for name in dict.fromkeys([k for k, _, _ in form["fields"]] + list(fill)):
            value = fill[name]() if callable(fill.get(name)) else fill.get(name, values.get(name, ""))
            for mname, mutated in mutations(value, kinds.get(name, "text")).items():
                out.append((f"{action} {name} {mname}", (spec, name, mname, mutated)))
        if not one_shot:   # the form as it is must be accepted, or the refusals prove nothing
            out.append((f"{action} as-is", (spec, None, "as-is", None)))
    return out


def encode(v):
    if isinstance(v, bytes):
        return "".join(f"%{b:02X}" for b in v)
    return "".join(ch if re.match(r"[A-Za-z0-9_.~-]", ch) else "".join(f"%{b:02X}" for b in ch.encode()) for ch in v)


@cases(form_cases)
def test_every_form_field(s, case):
    (who, page, action, fill, optional, _), name, mname, mutated = case
    s.clear_throttle()
    c = client_of(s, who)
    form = find_form(c, page, action)
    present = {k for k, _, _ in form["fields"]}
    fields = [(k, v) for k, v, _ in form["fields"]] + [(k, "") for k in fill if k not in present]
    pairs = []
    for k, v in fields:
        if k in fill:
            v = fill[k]() if callable(fill[k]) else fill[k]
        if k != name:
            pairs.append((k, v))
        elif isinstance(mutated, list):
            pairs += [(k, m) for m in mutated]
        elif mutated is not None:
            pairs.append((k, mutated))
    body = "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)
    r = c.request("POST", action.partition("#")[0], body=body,
                  headers={"Content-Type": "application/x-www-form-urlencoded",
                           "Origin": f"http://127.0.0.1:{s.port}"})
    if mname == "as-is":
        check(s, r, {200, 303}, f"{action} as-is")
        return
    # An optional field may be left out or empty; a bad "next" is replaced by the default page.
    may_pass = mname in optional.get(name, ()) or name == "next"
    allowed = {400, 403, 404, 409, 413} | ({200, 303} if may_pass else set())
    if action in ("/login", "/login/code"):
        allowed.add(401)     # a spoiled login name, password or code is a failed login
    if action in ("/account/totp", "/account/recovery-codes"):
        allowed.add(403)     # a spoiled password or code: refused, nothing changed
    if name == "csrf":
        allowed = {400, 403}   # 400: not even well-formed text
    check(s, r, allowed, f"{action} {name} {mname}")
    location = r.header("Location") or "/"
    assert location.startswith("/") and not location.startswith("//"), location


# ---- afterwards --------------------------------------------------------------

def test_zz_no_worker_died_and_every_log_line_is_clean(s):
    """Runs after the cases above (names sort after them)."""
    setup(s)
    assert s.worker_pids() == state["workers"], "a worker was replaced during the hostile suite"
    with open(os.path.join(s.instance, "log", "app.log"), "rb") as f:
        f.seek(state["log_start"])
        lines = f.read().split(b"\n")
    assert len(lines) > 400
    for line in lines[:-1]:
        assert re.fullmatch(rb"[\x20-\x7e]*", line), line[:200]
    text = b"\n".join(lines)
    assert b'target="/areas/hpc%0d%0aSet-Cookie:%20x=1" status=400' in text
    assert b'target="/areas/\\xff\\xfe" status=400' in text
    s.clear_throttle()
