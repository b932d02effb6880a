"""What the HTTP tests share: requests through the real nginx, SQL against the
instance's own MariaDB (values always passed as hex literals), and control of
the stack's processes for the fault tests."""

import contextlib
import hashlib
import http.client
import io
import os
import re
import signal
import subprocess
import time
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value) as sent
        self.body = body                # bytes

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        """The value of a header that appears once (None when absent)."""
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} appears {len(values)} times"
        return values[0] if values else None

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


def token_hash(token):
    """BLAKE2b-256 of a session token, as the sessions table stores it."""
    return hashlib.blake2b(token.encode(), digest_size=32).hexdigest().upper()


def hexlit(value):
    """A SQL literal for any text: X'...' cannot be broken out of."""
    if value is None:
        return "NULL"
    return "X'" + value.encode("utf-8").hex() + "'"


def session_cookie_name(config):
    """The session cookie's name under a portal.conf: __Host-portal_session
    when cookies are Secure, portal_session on plain HTTP (cgi/http/session.h)."""
    secure = True    # the application's default
    if os.path.exists(config):
        for line in open(config, encoding="utf-8"):
            m = re.match(r"\s*secure_cookies\s*=\s*([01])\s*$", line)
            if m:
                secure = m.group(1) == "1"
    return "__Host-portal_session" if secure else "portal_session"


def totp_code(key, at=None, step=0):
    """The six-digit code of an authenticator app (RFC 6238: HMAC-SHA-1, 30 s)
    for a base32 key, now (or at a time), step 30-second steps away."""
    import base64, hashlib, hmac, struct, time
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // 30) + step
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
    return "%06d" % value


class Client:
    """A browser, as far as the tests need one: a cookie jar, the page's CSRF
    token, and the Origin header a browser sends with a form."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies = {}
        self.csrf = None

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _remember(self, r):
        for k, v in r.headers:
            if k.lower() != "set-cookie":
                continue
            pair = v.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if "max-age=0" in v.lower() or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.body.decode("utf-8", "replace"))
        if m:
            self.csrf = m.group(1)

    def request(self, method, path, body=None, headers=None):
        path = path.split("#", 1)[0]     # a browser never sends the fragment
        hdrs = dict(headers or {})
        if self.cookies and "Cookie" not in hdrs:
            hdrs["Cookie"] = self._cookie_header()
        r = self.stack.request(method, path, body=body, headers=hdrs)
        self._remember(r)
        return r

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, csrf=True, origin=True, headers=None):
        """A form POST as a browser sends it: urlencoded, same Origin, and the
        CSRF token of the last page seen unless csrf=False (or a given str)."""
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if any(k == "csrf" for k, _ in fields):
            csrf = None     # the form's own hidden field
        if csrf is True and self.csrf:
            fields.append(("csrf", self.csrf))
        elif isinstance(csrf, str):
            fields.append(("csrf", csrf))
        hdrs = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is True:
            hdrs["Origin"] = f"http://127.0.0.1:{self.stack.port}"
        elif isinstance(origin, str):
            hdrs["Origin"] = origin
        hdrs.update(headers or {})
        return self.request("POST", path, body=urllib.parse.urlencode(fields), headers=hdrs)

    @property
    def token(self):
        return self.cookies.get(self.stack.session_cookie)


class Stack:
    def __init__(self, port, instance):
        self.port = port
        self.instance = os.path.abspath(instance)
        self.admin_cnf = os.path.join(self.instance, "mariadb", "admin.cnf")
        self.config = os.path.join(self.instance, "portal.conf")
        self.passwords = {}
        self.totp_keys = {}        # login -> base32 key of its authenticator app
        demo = os.path.join(self.instance, "demo-accounts.txt")
        if os.path.exists(demo):
            for line in open(demo, encoding="utf-8"):
                login, pw, key = line.split()
                self.passwords[login] = pw
                self.totp_keys[login] = key

    # ---- sessions -----------------------------------------------------------
    @property
    def session_cookie(self):
        return session_cookie_name(self.config)

    def client(self):
        return Client(self)

    def login(self, login, password=None, expect=303):
        """A client logged in as a demo account (or with the given password),
        through the second step: the app's code, or setting up an app for an
        account that has none (its key then kept in totp_keys)."""
        c = Client(self)
        c.get("/login")
        r = c.post("/login", {"login": login, "password": password or self.passwords[login]})
        assert r.status == expect, (login, r.status, r.text[:300])
        if expect == 303:
            self.second_step(c, login, r)
            c.get("/")   # picks up the CSRF token
        return c

    def second_step(self, c, login, r, origin=True):
        """Finishes a login whose password was right (r: the answer to it),
        through c (which may talk to another instance of the same database)."""
        where = r.header("Location") or ""
        if where.endswith("/login/code"):
            self.fresh_step(login)
            c.get("/login/code")
            r = c.post("/login/code", {"code": totp_code(self.totp_keys[login])}, origin=origin)
            assert r.status == 303 and r.header("Location").endswith("/"), (login, r.status, r.text[:300])
        elif where.endswith("/login/enrol"):
            page = c.get("/login/enrol")
            m = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.text)
            assert m, page.text[:500]
            self.totp_keys[login] = m.group(1).replace(" ", "")
            r = c.post("/login/enrol", {"code": totp_code(self.totp_keys[login])}, origin=origin)
            assert r.status == 303 and r.header("Location").endswith("/login/recovery-codes"), (r.status, r.text[:300])
            c.get("/login/recovery-codes")
            r = c.post("/login/recovery-codes", {"saved": "1"}, origin=origin)
            assert r.status == 303, (r.status, r.text[:300])

    def fresh_step(self, login):
        """The harness stands in for the clock: an app's code is accepted once
        per 30-second step, and the tests log the same accounts in many times
        a minute, so before each login the account's last used step is
        forgotten (test_second_factor.py checks the refusal itself)."""
        self.sql("UPDATE accounts SET totp_last_counter = NULL WHERE login = " + hexlit(login))

    def portalctl(self, *args, stdin=None, config=None):
        """Runs build/san/portalctl against this instance; returns (exit code, output)."""
        ctl = os.path.join(ROOT, "build", "san", "portalctl")
        p = subprocess.run([ctl, "-c", config or self.config, *args], input=stdin,
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout + p.stderr

    def clear_throttle(self):
        self.sql("DELETE FROM login_throttle")

    def fingerprint(self):
        """What a refused write must leave unchanged: every table of content and
        accounts, recovery codes, and the audit log but for logins, failed
        logins and downloads."""
        # Accounts but for the last step of their app used: the harness forgets it
        # before each login (fresh_step), standing in for the clock.
        accounts = self.sql("SET SESSION group_concat_max_len = 16000000; "
                            "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', id, login, display_name, side, role, password_hash, "
                            "disabled, lang, HEX(totp_secret), totp_enrolled_at) ORDER BY id)) FROM accounts")
        return accounts + self.sql("CHECKSUM TABLE sections, commitments, commitment_notes, proposals, revisions, "
                                   "councils, council_snapshots, form_submissions, recovery_codes") + \
            self.sql("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM audit_log "
                     "WHERE action NOT IN ('login', 'login_failed', 'download')")

    # ---- HTTP -------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            hdrs = dict(headers or {})
            if body is not None:
                if isinstance(body, str):
                    body = body.encode("utf-8")
                hdrs.setdefault("Content-Length", str(len(body)))
            for k, v in hdrs.items():
                conn.putheader(k, v)
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, resp.getheaders(), data)
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def raw(self, data, timeout=10):
        """Sends bytes as they are and returns what the server answers until it
        closes the connection, or goes quiet for a second after answering."""
        import socket
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                s.settimeout(1)
            return b"".join(chunks)

    # ---- SQL --------------------------------------------------------------
    def sql(self, query):
        """Runs SQL as the database administrator; returns rows of strings.
        Batch output escapes tabs, newlines, backslashes and NULs in values:
        they are unescaped here, so multi-line text comes back whole."""
        out = subprocess.run(
            ["mariadb", f"--defaults-file={self.admin_cnf}", "--batch", "--skip-column-names",
             "portal", "-e", query],
            check=True, capture_output=True)
        text = out.stdout.decode("utf-8")
        unescape = {"n": "\n", "t": "\t", "\\": "\\", "0": "\0"}
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()          # after the last row; an empty line before it is a row of ""
        return [[re.sub(r"\\(.)", lambda m: unescape.get(m.group(1), m.group(0)), field)
                 for field in line.split("\t")] for line in lines]

    def scalar(self, query):
        rows = self.sql(query)
        return rows[0][0] if rows else None

    # ---- processes --------------------------------------------------------
    def stack(self, *args):
        subprocess.run([os.path.join(ROOT, "tools", "stack.sh"), *args], check=True,
                       capture_output=True)

    def master_pid(self):
        with open(os.path.join(self.instance, "portal.pid")) as f:
            return int(f.read().strip())

    def worker_pids(self):
        """Live workers (a killed one not yet reaped is a zombie: not counted)."""
        out = subprocess.run(["ps", "-o", "pid=,stat=", "--ppid", str(self.master_pid())],
                             capture_output=True, text=True)
        rows = [line.split() for line in out.stdout.splitlines() if line.strip()]
        return sorted(int(pid) for pid, stat in rows if not stat.startswith("Z"))

    def wait_workers(self, count, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pids = self.worker_pids()
            if len(pids) == count:
                return pids
            time.sleep(0.05)
        raise AssertionError(f"expected {count} workers, have {self.worker_pids()}")

    def kill(self, pid, sig=signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass   # it ended on its own meanwhile

    def app_log(self):
        with open(os.path.join(self.instance, "log", "app.log"), encoding="utf-8", errors="replace") as f:
            return f.read()


def fastcgi_request(sock_path, params, body=b"", timeout=30):
    """One request straight to the application's FastCGI socket, past nginx:
    for what nginx decides and the tests cannot choose through it (such as
    REMOTE_ADDR). Returns the application's answer (headers and body) as bytes."""
    import socket
    import struct

    def record(kind, content):
        return struct.pack(">BBHHBx", 1, kind, 1, len(content), 0) + content

    def length(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    pairs = b"".join(length(len(k)) + length(len(v)) + k + v
                     for k, v in ((k.encode(), v.encode()) for k, v in params.items()))
    data = record(1, struct.pack(">HB5x", 1, 0)) + record(4, pairs) + record(4, b"")
    if body:
        data += record(5, body)
    data += record(5, b"")
    out = b""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        s.sendall(data)
        pending = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            pending += chunk
            while len(pending) >= 8:
                _, kind, _, clen, plen = struct.unpack(">BBHHBx", pending[:8])
                if len(pending) < 8 + clen + plen:
                    break
                if kind == 6:
                    out += pending[8:8 + clen]
                elif kind == 3:
                    return out
                pending = pending[8 + clen + plen:]
    return out


def cases(generate):
    """Marks a test as run once per case: generate(stack) gives (name, case)
    pairs and the test is called as test(stack, case); run.py counts each."""
    def mark(fn):
        fn.cases = generate
        return fn
    return mark


def wait_until(predicate, timeout=15, interval=0.1, what="condition"):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def strip_tags(html):
    return re.sub(r"<[^>]+>", " ", html)


# ---- helpers the test files share (each test sets up its own data with them) ----

def form_fields(html, action):
    """The hidden fields of the form posting to action, as a dict."""
    m = re.search(r'<form method="post" action="' + re.escape(action) + r'"(.*?)</form>', html, re.S)
    assert m, f"no form for {action}"
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', m.group(1)))


def section(s, slug, side, lang="en"):
    return s.sql(f"SELECT s.body, s.version FROM sections s JOIN areas a ON a.id = s.area_id "
                 f"WHERE a.slug = '{slug}' AND s.side = '{side}' AND s.lang = '{lang}'")[0]


def note(s, cid, side, lang="en"):
    return s.scalar(f"SELECT body FROM commitment_notes WHERE commitment_id = {cid} AND side = '{side}' AND lang = '{lang}'")


def revisions_count(s):
    return int(s.scalar("SELECT COUNT(*) FROM revisions"))


def save_section(c, slug, side, body, summary="", action="save"):
    page = c.get(f"/areas/{slug}/{side}/edit")
    assert page.status == 200, page.status
    f = form_fields(page.text, f"/areas/{slug}/{side}/edit")
    f.update(body=body, summary=summary, action=action)
    return c.post(f"/areas/{slug}/{side}/edit", f)


def created_password(html):
    m = re.search(r'<p class="secret"><code>([^<]+)</code></p>', html)
    assert m, html[:2000]
    return m.group(1)


def xlsx_cells(data):
    """Every cell of the first sheet as {(row, col): value}, and the workbook's parts."""
    z = zipfile.ZipFile(io.BytesIO(data))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for c in sheet.iter("{%s}c" % ns["m"]):
        ref = c.get("r")
        col = ord(re.match(r"[A-Z]+", ref).group(0)) - ord("A")
        row = int(re.search(r"\d+", ref).group(0)) - 1
        if c.get("t") == "inlineStr":
            value = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
        elif c.get("t") == "s":
            value = shared[int(c.find("m:v", ns).text)]
        else:
            value = float(c.find("m:v", ns).text)
        cells[(row, col)] = value
    return z, cells


@contextlib.contextmanager
def ten_thousand_commitments(s):
    """10,000 extra commitments in area 8 (about 1.3 MB of CSV), each with four notes."""
    s.sql("INSERT INTO commitments (area_id, number, body, body_ko, lead_side, status, progress, target, target_ko) "
          "SELECT 8, 1000 + seq, CONCAT('Load test commitment ', seq, ', with a comma'), CONCAT('부하 시험 ', seq), "
          "ELT(1 + seq % 3, 'EU', 'KR', 'joint'), ELT(1 + seq % 4, 'planned', 'in progress', 'done', 'dropped'), "
          "seq % 101, 'Council, Brussels', '브뤼셀' FROM seq_1_to_10000")
    s.sql("INSERT INTO commitment_notes (commitment_id, side, lang, body) SELECT c.id, s.side, l.lang, "
          "CONCAT('note ', c.id) FROM commitments c JOIN (SELECT 'eu' side UNION SELECT 'kr') s "
          "JOIN (SELECT 'en' lang UNION SELECT 'ko') l WHERE c.number > 1000")
    try:
        yield
    finally:
        s.sql("DELETE n FROM commitment_notes n JOIN commitments c ON c.id = n.commitment_id WHERE c.number > 1000")
        s.sql("DELETE FROM commitments WHERE number > 1000")
