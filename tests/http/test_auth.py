"""Logins, sessions, CSRF, throttling, password rules and hashes, portalctl."""
import concurrent.futures
import re
import statistics
import threading
import time
import urllib.parse

from harness import fastcgi_request, hexlit, token_hash, totp_code
from instances import fresh, settings


def test_anonymous_sees_only_login_health_and_static(s):
    for path in ("/", "/areas/6g", "/register", "/account", "/admin/users", "/admin/audit"):
        r = s.get(path)
        assert r.status == 303, (path, r.status)
        assert r.header("Location") == "/login?next=" + path.replace("/", "%2F"), r.header("Location")
    assert s.get("/login").status == 200
    assert s.get("/healthz").status == 200
    assert s.get("/static/portal.css").status == 200
    body = s.get("/login").text
    assert "Defining a common vision" not in body and "commitment" not in body.lower()


def test_login_returns_to_the_page_wanted(s):
    c = s.client()
    r = c.get("/areas/6g?lang=ko")
    assert r.status == 303
    r = c.get(r.header("Location"))
    assert 'name="next" value="/areas/6g?lang=ko"' in r.text
    r = c.post("/login", {"login": "kr-editor", "password": s.passwords["kr-editor"], "next": "/areas/6g?lang=ko"})
    # The second step carries the page wanted, and then goes there.
    assert r.status == 303 and r.header("Location") == "/login/code?next=%2Fareas%2F6g%3Flang%3Dko", r.header("Location")
    page = c.get(r.header("Location"))
    assert 'name="next" value="/areas/6g?lang=ko"' in page.text
    s.fresh_step("kr-editor")
    r = c.post("/login/code", {"code": totp_code(s.totp_keys["kr-editor"]), "next": "/areas/6g?lang=ko"})
    assert r.status == 303 and r.header("Location") == "/areas/6g?lang=ko"
    assert c.get("/areas/6g?lang=ko").status == 200


def test_login_never_redirects_off_site(s):
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "", "/login/code"):
        c = s.client()
        r = c.post("/login", {"login": "eu-viewer", "password": s.passwords["eu-viewer"], "next": bad})
        assert r.status == 303 and r.header("Location") == "/login/code", (bad, r.header("Location"))
        c.get("/login/code")
        s.fresh_step("eu-viewer")
        r = c.post("/login/code", {"code": totp_code(s.totp_keys["eu-viewer"]), "next": bad})
        assert r.status == 303 and r.header("Location") == "/", (bad, r.header("Location"))


def test_session_cookie_flags_and_stored_hash(s):
    c = s.client()
    r = c.post("/login", {"login": "eu-viewer", "password": s.passwords["eu-viewer"]})
    cookie = r.header("Set-Cookie")
    assert re.match(r"portal_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$", cookie), cookie
    token = c.token
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE token_hash = X'{token_hash(token)}'") == "1"
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE HEX(token_hash) LIKE '%{token.encode().hex().upper()[:16]}%'") == "0"
    dump = "".join("".join(row) for row in s.sql("SELECT HEX(token_hash), csrf_token FROM sessions"))
    assert token not in dump


def test_unknown_account_and_wrong_password_look_alike(s):
    s.clear_throttle()
    a = s.client().post("/login", {"login": "eu-editor", "password": "wrong password 1"})
    b = s.client().post("/login", {"login": "nobody-here", "password": "wrong password 1"})
    c = s.client().post("/login", {"login": "한국어이름", "password": "wrong password 1"})
    assert a.status == b.status == c.status == 401
    norm = lambda r: r.text.replace('value="eu-editor"', "").replace('value="nobody-here"', "").replace('value="한국어이름"', "")
    assert norm(a) == norm(b) == norm(c)
    assert "The login name or the password is wrong." in a.text
    s.clear_throttle()


def test_unknown_account_costs_a_hash_too(s):
    s.clear_throttle()
    def timed(login):
        t0 = time.perf_counter()
        s.client().post("/login", {"login": login, "password": "not the password"})
        return time.perf_counter() - t0
    known = statistics.median(timed("kr-viewer") for _ in range(5))
    unknown = statistics.median(timed("no-such-person") for _ in range(5))
    s.clear_throttle()
    # Without the decoy hash an unknown name answers in ~1 ms against ~60 ms.
    assert unknown > known * 0.5, (known, unknown)


def test_disabled_account_cannot_log_in_and_loses_its_session(s):
    c = s.login("kr-viewer")
    assert c.get("/").status == 200
    code, out = s.portalctl("user", "disable", "kr-viewer")
    assert code == 0, out
    try:
        r = c.get("/")
        assert r.status == 303 and r.header("Location").startswith("/login")
        r = s.client().post("/login", {"login": "kr-viewer", "password": s.passwords["kr-viewer"]})
        assert r.status == 401
    finally:
        assert s.portalctl("user", "enable", "kr-viewer")[0] == 0
        s.clear_throttle()
    s.login("kr-viewer")


def test_role_change_applies_to_the_next_request(s):
    c = s.login("eu-admin")
    assert c.get("/admin/users").status == 200
    assert s.portalctl("user", "role", "eu-admin", "viewer")[0] == 0
    try:
        assert c.get("/admin/users").status == 403
        assert c.get("/").status == 200
    finally:
        assert s.portalctl("user", "role", "eu-admin", "admin")[0] == 0
    assert c.get("/admin/users").status == 200


def test_no_session_fixation(s):
    planted = "A" * 43
    c = s.client()
    c.cookies["portal_session"] = planted
    r = c.post("/login", {"login": "eu-viewer", "password": s.passwords["eu-viewer"]})
    assert r.status == 303
    assert c.token and c.token != planted
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE token_hash = X'{token_hash(planted)}'") == "0"
    # A second login in the same browser replaces the session too.
    first = c.token
    c.post("/login", {"login": "eu-viewer", "password": s.passwords["eu-viewer"]})
    assert c.token != first
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE token_hash = X'{token_hash(first)}'") == "0"


def test_logout_ends_the_session_on_the_server(s):
    c = s.login("eu-editor")
    token = c.token
    r = c.post("/logout", {})
    assert r.status == 303 and r.header("Location") == "/login?done=logout"
    assert "Max-Age=0" in r.header("Set-Cookie")
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE token_hash = X'{token_hash(token)}'") == "0"
    replay = s.client()
    replay.cookies["portal_session"] = token
    r = replay.get("/")
    assert r.status == 303
    assert "You have logged out." in s.get("/login?done=logout").text


def test_logout_needs_the_csrf_token(s):
    c = s.login("eu-editor")
    assert c.post("/logout", {}, csrf=False).status == 403
    assert c.get("/").status == 200   # still logged in


def test_idle_and_absolute_expiry(s):
    c = s.login("eu-cochair")
    h = token_hash(c.token)
    s.sql(f"UPDATE sessions SET last_used_at = UTC_TIMESTAMP(6) - INTERVAL 31 MINUTE WHERE token_hash = X'{h}'")
    r = c.get("/register")
    assert r.status == 303
    assert "Your session has ended" in c.get(r.header("Location")).text
    assert s.scalar(f"SELECT COUNT(*) FROM sessions WHERE token_hash = X'{h}'") == "0"
    c = s.login("eu-cochair")
    h = token_hash(c.token)
    s.sql(f"UPDATE sessions SET created_at = UTC_TIMESTAMP(6) - INTERVAL 13 HOUR WHERE token_hash = X'{h}'")
    assert c.get("/").status == 303


def test_last_use_is_recorded_at_most_once_a_minute(s):
    c = s.login("kr-cochair")
    h = token_hash(c.token)
    s.sql(f"UPDATE sessions SET last_used_at = UTC_TIMESTAMP(6) - INTERVAL 5 MINUTE WHERE token_hash = X'{h}'")
    c.get("/")
    age = int(s.scalar(f"SELECT TIMESTAMPDIFF(SECOND, last_used_at, UTC_TIMESTAMP(6)) FROM sessions WHERE token_hash = X'{h}'"))
    assert age < 5, age


def test_csrf_and_origin_checks(s):
    c = s.login("kr-editor")
    other = s.login("kr-viewer")
    before = s.scalar("SELECT password_hash FROM accounts WHERE login = 'kr-editor'")
    fields = {"current": s.passwords["kr-editor"], "new": "a new password 123", "confirm": "a new password 123"}
    cases = [
        dict(csrf=False),                                       # missing
        dict(csrf="0" * 64),                                    # wrong
        dict(csrf=other.csrf),                                  # another session's
        dict(origin="https://evil.example"),                    # cross-site Origin
        dict(origin="http://127.0.0.1:1"),                      # another port is another origin
        dict(headers={"Sec-Fetch-Site": "cross-site"}),
        dict(headers={"Sec-Fetch-Site": "same-site"}),
    ]
    for kw in cases:
        r = c.post("/account/password", fields, **kw)
        assert r.status == 403, (kw, r.status)
    assert s.scalar("SELECT password_hash FROM accounts WHERE login = 'kr-editor'") == before
    # Login is checked for origin too (login CSRF).
    r = s.client().post("/login", {"login": "kr-editor", "password": s.passwords["kr-editor"]}, origin="https://evil.example")
    assert r.status == 403


def configured_hash_prefix(s):
    """The argon2id parameters the instance's portal.conf asks for (defaults: INTERACTIVE)."""
    conf = dict(line.split(" = ", 1) for line in open(s.config).read().splitlines() if " = " in line)
    ops, mib = int(conf.get("pwhash_ops", 2)), int(conf.get("pwhash_mem_mib", 64))
    return f"$argon2id$v=19$m={mib * 1024},t={ops},p=1$", (ops, mib)


def test_password_hash_format_and_rules(s):
    prefix, _ = configured_hash_prefix(s)
    for (login, h) in s.sql("SELECT login, password_hash FROM accounts"):
        assert h.startswith(prefix), (login, h)
    assert s.portalctl("user", "passwd", "eu-viewer", stdin="short\n")[0] == 1
    assert s.portalctl("user", "passwd", "eu-viewer", stdin="x" * 257 + "\n")[0] == 1
    assert s.portalctl("user", "passwd", "eu-viewer", stdin="\n")[0] == 1


def test_long_korean_and_exact_passwords(s):
    original = s.passwords["eu-viewer"]
    korean = "디지털 파트너십 협의회의 비밀번호는 정확히 입력한 그대로 비교됩니다"
    long_pw = "ü" * 256
    try:
        for pw in (korean, long_pw, "  spaces at both ends  ", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３"):
            code, out = s.portalctl("user", "passwd", "eu-viewer", stdin=pw + "\n")
            assert code == 0, out
            s.login("eu-viewer", password=pw)
            # Compared exactly as typed: no trimming, no Unicode normalisation.
            for wrong in (pw.strip() + "x", pw.upper() if pw != pw.upper() else pw.lower()):
                if wrong != pw:
                    assert s.client().post("/login", {"login": "eu-viewer", "password": wrong}).status == 401
    finally:
        assert s.portalctl("user", "passwd", "eu-viewer", stdin=original + "\n")[0] == 0
        s.clear_throttle()


def test_old_hashes_are_upgraded_at_login(s):
    import os
    prefix, costs = configured_hash_prefix(s)
    old = (2, 16) if costs == (1, 8) else (1, 8)    # other costs than the configured ones
    weak = os.path.join(s.instance, "weak.conf")
    with open(s.config) as f, open(weak, "w") as out:
        out.write(f.read() + f"pwhash_ops = {old[0]}\npwhash_mem_mib = {old[1]}\n")
    pw = "upgrade me please 42"
    try:
        assert s.portalctl("user", "passwd", "kr-viewer", stdin=pw + "\n", config=weak)[0] == 0
        old_prefix = f"$argon2id$v=19$m={old[1] * 1024},t={old[0]},p=1$"
        assert s.scalar("SELECT password_hash FROM accounts WHERE login = 'kr-viewer'").startswith(old_prefix)
        s.login("kr-viewer", password=pw)
        assert s.scalar("SELECT password_hash FROM accounts WHERE login = 'kr-viewer'").startswith(prefix)
        s.login("kr-viewer", password=pw)
    finally:
        assert s.portalctl("user", "passwd", "kr-viewer", stdin=s.passwords["kr-viewer"] + "\n")[0] == 0


def test_change_own_password(s):
    c = s.login("kr-editor")
    elsewhere = s.login("kr-editor")
    new = "새 비밀번호는 충분히 길다 2024"
    r = c.post("/account/password", {"current": "wrong!" * 3, "new": new, "confirm": new, "end_others": "1"})
    assert r.status == 403 and "The current password is wrong" in r.text
    r = c.post("/account/password", {"current": s.passwords["kr-editor"], "new": new, "confirm": new + "x"})
    assert r.status == 400 and "not the same" in r.text
    r = c.post("/account/password", {"current": s.passwords["kr-editor"], "new": "short", "confirm": "short"})
    assert r.status == 400 and "too short" in r.text
    r = c.post("/account/password", {"current": s.passwords["kr-editor"], "new": new, "confirm": new, "end_others": "1"})
    assert r.status == 303 and r.header("Location") == "/account?done=password"
    try:
        assert "Your password has been changed." in c.get("/account?done=password").text
        assert elsewhere.get("/").status == 303          # the other session ended
        s.login("kr-editor", password=new)
        assert s.client().post("/login", {"login": "kr-editor", "password": s.passwords["kr-editor"]}).status == 401
    finally:
        assert s.portalctl("user", "passwd", "kr-editor", stdin=s.passwords["kr-editor"] + "\n")[0] == 0
        s.clear_throttle()


def test_failed_logins_lock_the_name_then_expire(s):
    s.clear_throttle()
    try:
        for login in ("eu-cochair", "nobody-at-all"):
            statuses = [s.client().post("/login", {"login": login, "password": "wrong wrong wrong"}).status
                        for _ in range(6)]
            assert statuses == [401] * 6, statuses
            r = s.client().post("/login", {"login": login, "password": s.passwords.get(login, "x" * 12)})
            assert r.status == 429, (login, r.status)
            assert "Too many failed attempts" in r.text
            assert 1 <= int(r.header("Retry-After")) <= 30
        # Other names are not affected.
        s.login("eu-viewer")
        # When the lock has passed, the right password works and clears the count.
        s.sql("UPDATE login_throttle SET locked_until = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND")
        s.login("eu-cochair")
        assert s.scalar("SELECT COUNT(*) FROM login_throttle WHERE kind = 'account' AND k = 'eu-cochair'") == "0"
    finally:
        s.clear_throttle()


def test_failed_logins_lock_the_address(s):
    s.clear_throttle()
    try:
        for i in range(31):
            s.client().post("/login", {"login": f"guess-{i}", "password": "wrong wrong wrong"})
        r = s.client().post("/login", {"login": "eu-viewer", "password": s.passwords["eu-viewer"]})
        assert r.status == 429
    finally:
        s.clear_throttle()
    s.login("eu-viewer")


def login_from(s, addr, login, password="wrong wrong wrong"):
    """POST /login as nginx would pass it on for a client at addr (REMOTE_ADDR):
    straight to the app's socket, since nginx here only listens on 127.0.0.1.
    Returns the status."""
    sock = next(line.split("=", 1)[1].strip() for line in open(s.config) if line.startswith("listen "))
    body = urllib.parse.urlencode({"login": login, "password": password}).encode()
    answer = fastcgi_request(sock, {"REQUEST_METHOD": "POST", "REQUEST_URI": "/login", "REMOTE_ADDR": addr,
                                    "SERVER_PROTOCOL": "HTTP/1.1", "CONTENT_TYPE": "application/x-www-form-urlencoded",
                                    "CONTENT_LENGTH": str(len(body))}, body)
    m = re.match(rb"Status: (\d{3})", answer)
    assert m, answer[:200]
    return int(m.group(1))


def test_failed_logins_from_ipv6_count_per_64(s):
    """An IPv6 client usually holds a whole /64 and can send from any address
    in it: failures are counted per /64, an IPv4-mapped address as its IPv4
    address (cgi/model/throttle.c, throttle_addr_key)."""
    s.clear_throttle()
    try:
        for i, addr in enumerate(("2001:db8:1:2:aaaa::1", "2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:0DB8:0001:0002::ffff",
                                  "2001:db8:1:3::1", "::ffff:192.0.2.7", "192.0.2.7", "::1")):
            assert login_from(s, addr, f"v6-guess-{i}") == 401, addr
        rows = dict(s.sql("SELECT k, failures FROM login_throttle WHERE kind = 'addr'"))
        assert rows == {"2001:db8:1:2::/64": "3", "2001:db8:1:3::/64": "1", "192.0.2.7": "2", "::/64": "1"}, rows
        # Beyond login_addr_threshold (30) failures the whole /64 is locked, other prefixes are not.
        s.clear_throttle()
        s.sql("INSERT INTO login_throttle (kind, k, failures, window_start) "
              "VALUES ('addr', '2001:db8:5:6::/64', 30, UTC_TIMESTAMP(6))")
        assert login_from(s, "2001:db8:5:6:1::1", "v6-lock") == 401
        assert login_from(s, "2001:db8:5:6:ffff:ffff:ffff:ffff", "eu-viewer", s.passwords["eu-viewer"]) == 429
        assert login_from(s, "2001:db8:5:7::1", "eu-viewer", s.passwords["eu-viewer"]) == 303
    finally:
        s.clear_throttle()


def test_login_storm_is_bounded(s):
    s.clear_throttle()
    workers = s.worker_pids()
    def rss():
        total = 0
        for pid in workers:
            with open(f"/proc/{pid}/status") as f:
                total = max(total, int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)))
        return total
    before = rss()
    peak = [before]
    stop = [False]
    def sample():
        while not stop[0]:
            peak[0] = max(peak[0], rss())
            time.sleep(0.01)
    def attempt(i):
        login = ("eu-viewer", "kr-viewer", "eu-editor", "kr-editor")[i % 4]
        return s.client().post("/login", {"login": login, "password": s.passwords[login]}).status
    with concurrent.futures.ThreadPoolExecutor(70) as pool:
        sampler = pool.submit(sample)
        statuses = list(pool.map(attempt, range(240)))
        health = [s.get("/healthz").status for _ in range(5)]
        stop[0] = True
        sampler.result()
    s.clear_throttle()
    # 303 logged in; 429 from nginx's limit_req; 503 from the app's hash slots.
    assert set(statuses) <= {303, 429, 503}, statuses
    assert statuses.count(303) >= 1, "nobody got in"
    assert statuses.count(429) >= 1, "nginx's limit never applied"
    assert statuses.count(503) >= 1, "the hash slots never filled"
    assert health == [200] * 5
    time.sleep(1)
    s.login("eu-viewer")      # and logins work again right after
    # The test stack runs hash_slots = 1 per worker (run-all.sh) at 64 MiB each;
    # allow the sanitizer's own overhead.
    grown_mib = (peak[0] - before) / 1024
    assert grown_mib < 64 + 150, grown_mib


def test_audit_records_logins_without_secrets(s):
    s.clear_throttle()
    c = s.login("kr-cochair")
    s.client().post("/login", {"login": "kr-cochair", "password": "definitely-wrong-pw"})
    c.post("/logout", {})
    rows = s.sql("SELECT action, login, side, client_addr, detail FROM audit_log ORDER BY seq DESC LIMIT 3")
    assert [r[0] for r in rows] == ["logout", "login_failed", "login"], rows
    assert all(r[1] == "kr-cochair" and r[2] == "KR" and r[3] == "127.0.0.1" for r in rows), rows
    everything = " ".join(" ".join(r) for r in s.sql("SELECT login, side, action, detail, client_addr FROM audit_log"))
    for pw in list(s.passwords.values()) + ["definitely-wrong-pw"]:
        assert pw not in everything
    s.clear_throttle()


def test_portalctl_usage_and_errors(s):
    assert s.portalctl()[0] == 2
    assert s.portalctl("user")[0] == 2
    assert s.portalctl("user", "frobnicate")[0] == 2
    assert s.portalctl("user", "add", "--login", "x1")[0] == 2
    code, out = s.portalctl("user", "add", "--login", "new-one", "--name", "N", "--side", "JP", "--role", "editor", stdin="long enough pw\n")
    assert code == 1 and "EU or KR" in out
    code, out = s.portalctl("user", "add", "--login", "Bad Name!", "--name", "N", "--side", "EU", "--role", "editor", stdin="long enough pw\n")
    assert code == 1 and "login name" in out
    code, out = s.portalctl("user", "disable", "ghost-user")
    assert code == 1 and "no such account" in out
    code, out = s.portalctl("user", "add", "--login", "eu-viewer", "--name", "Dup", "--side", "EU", "--role", "viewer", stdin="long enough pw\n")
    assert code == 1 and "exists" in out
    code, out = s.portalctl("user", "list")
    assert code == 0 and "eu-admin" in out and "kr-cochair" in out
    code, out = s.portalctl("user", "list", config="/nonexistent.conf")
    assert code == 1 and "/nonexistent.conf" in out


def test_portalctl_creates_accounts_that_can_log_in(s):
    pw = "비밀번호-portalctl-1"
    code, out = s.portalctl("user", "add", "--login", "KR-Analyst", "--name", "이 분석관", "--side", "KR",
                            "--role", "editor", stdin=pw + "\n")
    assert code == 0, out
    assert s.scalar("SELECT CONCAT(login, '/', side, '/', role) FROM accounts WHERE login = 'kr-analyst'") == "kr-analyst/KR/editor"
    c = s.login("kr-analyst", password=pw)
    assert "이 분석관" in c.get("/").text
    assert s.scalar("SELECT action FROM audit_log WHERE detail LIKE '%kr-analyst%' ORDER BY seq DESC LIMIT 1") == "account_created"


def burst(n, attempt):
    """n attempts at once (each thread waits for all the others first); their statuses."""
    start = threading.Barrier(n)
    def one(i):
        start.wait()
        return attempt(i)
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def failed_logins(st, login=None):
    where = "action = 'login_failed'" + (f" AND login = {hexlit(login)}" if login else "")
    return int(st.scalar(f"SELECT COUNT(*) FROM audit_log WHERE {where}"))


def test_parallel_guesses_check_no_more_passwords_than_a_sequence(s):
    """40 wrong passwords at once, for one name, from one address and for the
    current password of a session: each attempt is counted before its password
    is checked, so no more are checked than one after another would be (the
    lock comes after login_account_threshold + 1 failures: six 401s, then 429,
    as in test_failed_logins_lock_the_name_then_expire). The race needs the
    whole burst hashed at once: a fresh instance with a hash slot and a
    thread for every attempt (the test instance has one slot per worker), and
    cheap hashes. Without the count first, 29 to 40 of the 40 were checked."""
    threshold, addr_threshold = 5, 30           # the defaults (README, "Failed logins")
    with fresh(s, "c") as c:
        # The forty attempts' transactions queue for one row: the default row-lock wait (run-all.sh sets 1 s).
        with settings(PORTAL_WORKERS="2", PORTAL_THREADS="20", PORTAL_HASH_SLOTS="20", PORTAL_HASH_WAIT_MS="10000",
                      PORTAL_PWHASH_OPS="1", PORTAL_PWHASH_MEM_MIB="16", PORTAL_DB_LOCK_WAIT="5"):
            c.start()
        st = c.stack

        # One name: six passwords checked (401), the rest refused before hashing (429).
        time.sleep(2.1)             # nginx's login limit (20/s, burst 40) full again
        statuses = burst(40, lambda i: st.client().post(
            "/login", {"login": "eu-editor", "password": f"wrong password {i}"}).status)
        checked = statuses.count(401)
        assert set(statuses) <= {401, 429}, statuses
        assert 1 <= checked <= threshold + 1, statuses
        assert failed_logins(st, "eu-editor") == checked
        r = st.client().post("/login", {"login": "eu-editor", "password": st.passwords["eu-editor"]})
        assert r.status == 429, r.status

        # One address, forty names: five failures short of its threshold, six more are checked.
        st.clear_throttle()
        st.sql("INSERT INTO login_throttle (kind, k, failures, window_start) "
               f"VALUES ('addr', '127.0.0.1', {addr_threshold - threshold}, UTC_TIMESTAMP(6))")
        before = failed_logins(st)
        time.sleep(2.1)
        statuses = burst(40, lambda i: st.client().post(
            "/login", {"login": f"guess-{i}", "password": "wrong password"}).status)
        checked = statuses.count(401)
        assert set(statuses) <= {401, 429}, statuses
        assert 1 <= checked <= threshold + 1, statuses
        assert failed_logins(st) - before == checked
        r = st.client().post("/login", {"login": "eu-viewer", "password": st.passwords["eu-viewer"]})
        assert r.status == 429, r.status

        # The current password of a session, which counts as a login (per name and address).
        st.clear_throttle()
        kr = st.login("kr-editor")
        fields = {"current": "not my password", "new": "a new password 123", "confirm": "a new password 123"}
        statuses = burst(40, lambda i: kr.post("/account/password", fields).status)
        assert set(statuses) <= {403, 429}, statuses
        assert 1 <= statuses.count(403) <= threshold + 1, statuses
        fields["current"] = st.passwords["kr-editor"]
        assert kr.post("/account/password", fields).status == 429
        # A success gives its attempt back: at the address's threshold, a login
        # is counted (crossing it) and then uncounted, and the next one is let in.
        st.clear_throttle()
        st.sql("INSERT INTO login_throttle (kind, k, failures, window_start) "
               f"VALUES ('addr', '127.0.0.1', {addr_threshold}, UTC_TIMESTAMP(6))")
        st.login("eu-viewer")
        st.login("eu-viewer")
        assert st.sql("SELECT failures, locked_until FROM login_throttle") == [[str(addr_threshold), "NULL"]]
