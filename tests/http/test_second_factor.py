"""The second factor (issue 16, docs/totp.md): every demo account signs in
with its password and then its authenticator app's code; a new account is led
through setting one up; codes are accepted once, within one step of clock
skew; recovery codes once each; wrong codes are throttled like passwords; a
half-done login reaches nothing; admins reset a lost factor on their own side
only; a password reset keeps the factor."""
import re
import time

from harness import totp_code
from instances import fresh, settings


def password_step(s, login, password=None):
    """A client whose password was right: its half-done login, and the answer."""
    c = s.client()
    c.get("/login")
    r = c.post("/login", {"login": login, "password": password or s.passwords[login]})
    return c, r


def at_code_page(s, login):
    c, r = password_step(s, login)
    assert r.status == 303 and r.header("Location").endswith("/login/code"), (r.status, r.text[:300])
    assert c.get("/login/code").status == 200
    s.fresh_step(login)
    return c


OWN_PASSWORD = "second-factor-suite-pw"


def own_account(s, login, side, role):
    """An account of this file's own, with an app set up through portalctl
    (its key kept in s.totp_keys): tests that reset or replace a factor leave
    the demo accounts' keys, which other suites read, as they are."""
    if not s.scalar(f"SELECT id FROM accounts WHERE login = '{login}'"):
        rc, out = s.portalctl("user", "add", "--login", login, "--name", f"Second factor {login}", "--side", side,
                              "--role", role, stdin=OWN_PASSWORD + "\n")
        assert rc == 0, out
    rc, out = s.portalctl("user", "totp", login)
    assert rc == 0, out
    s.passwords[login] = OWN_PASSWORD
    s.totp_keys[login] = out.split()[0]
    return login


def last_audit(s, n=1):
    return s.sql(f"SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT {n}")


def test_every_demo_account_is_asked_for_its_code(s):
    for login in ("eu-viewer", "eu-editor", "eu-cochair", "eu-admin", "kr-viewer", "kr-editor", "kr-cochair", "kr-admin"):
        c, r = password_step(s, login)
        assert r.status == 303 and r.header("Location").endswith("/login/code"), (login, r.status)
        page = c.get("/login/code")
        assert page.status == 200 and 'name="code"' in page.text
        # No session yet: the dashboard sends the half-done login back to the login, which sends it on.
        assert c.get("/").status == 303
        s.fresh_step(login)
        r = c.post("/login/code", {"code": totp_code(s.totp_keys[login])})
        assert r.status == 303 and r.header("Location") == "/", (login, r.status, r.text[:200])
        assert c.get("/").status == 200
        assert last_audit(s) == [["login", "password and TOTP code"]]


def test_a_half_done_login_reaches_no_page(s):
    c = at_code_page(s, "eu-admin")
    for path in ("/", "/areas/hpc", "/register", "/register.csv", "/account", "/admin/users", "/admin/audit",
                 "/councils", "/changes", "/proposals/1", "/login/enrol", "/login/recovery-codes"):
        r = c.get(path)
        assert r.status in (303, 404), (path, r.status)
        assert "/login" in (r.header("Location") or ""), (path, r.header("Location"))
    for path, fields in (("/logout", {}), ("/account/password", {"current": "x", "new": "y" * 12, "confirm": "y" * 12}),
                         ("/admin/users", {"login": "x-y", "name": "X", "role": "viewer"}),
                         ("/areas/hpc/eu/edit", {"body": "x"})):
        assert c.post(path, fields).status == 403, path
    # Cancelled: the half-done session is gone.
    r = c.post("/login/cancel", {})
    assert r.status == 303 and r.header("Location").endswith("/login")
    assert c.get("/login/code").header("Location").endswith("/login")


def test_a_half_done_login_does_not_outlive_a_logout(s):
    half = at_code_page(s, "kr-editor")
    whole = s.login("kr-editor")
    whole.get("/")
    assert whole.post("/logout", {}).status == 303
    r = half.post("/login/code", {"code": totp_code(s.totp_keys["kr-editor"])})
    assert r.status == 403 and half.get("/login/code").header("Location").endswith("/login")


def test_a_half_done_login_ends_after_five_minutes(s):
    c = at_code_page(s, "kr-viewer")
    s.sql("UPDATE sessions SET created_at = created_at - INTERVAL 301 SECOND WHERE stage <> 'full'")
    r = c.post("/login/code", {"code": totp_code(s.totp_keys["kr-viewer"])})
    assert r.status == 403          # no session left to finish
    assert c.get("/").status == 303


def test_a_code_is_accepted_once(s):
    c = at_code_page(s, "eu-viewer")
    code = totp_code(s.totp_keys["eu-viewer"])
    assert c.post("/login/code", {"code": code}).status == 303
    c2, r = password_step(s, "eu-viewer")
    c2.get("/login/code")
    r = c2.post("/login/code", {"code": code})
    assert r.status == 401 and "used already" in r.text
    assert last_audit(s) == [["login_failed", "TOTP code used before"]]
    s.clear_throttle()


def test_one_step_of_clock_skew_is_accepted_two_are_not(s):
    key = s.totp_keys["kr-editor"]
    for step, ok in ((-2, False), (2, False), (-1, True), (1, True), (0, None)):
        c = at_code_page(s, "kr-editor")
        r = c.post("/login/code", {"code": totp_code(key, step=step)})
        if ok is None:
            continue
        assert (r.status == 303) == ok, (step, r.status)
    s.clear_throttle()


def test_wrong_codes_are_throttled_like_passwords(s):
    """After login_account_threshold (5) failures the name is locked: six
    wrong codes answer 401, then 429, even with the right code."""
    s.clear_throttle()
    c = at_code_page(s, "kr-cochair")
    good = totp_code(s.totp_keys["kr-cochair"])
    wrong = "%06d" % ((int(good) + 1) % 1000000)
    statuses = [c.post("/login/code", {"code": wrong}).status for _ in range(6)]
    assert statuses == [401] * 6, statuses
    r = c.post("/login/code", {"code": good})
    assert r.status == 429 and r.header("Retry-After"), r.status
    # The password step is locked too: the same count.
    assert password_step(s, "kr-cochair")[1].status == 429
    s.clear_throttle()


def test_a_recovery_code_works_once(s):
    """New codes made through the account page, then one used twice."""
    login = own_account(s, "sf-eu-codes", "EU", "cochair")
    c = s.login(login)
    c.get("/account")
    r = c.post("/account/recovery-codes", {"password": s.passwords[login]})
    assert r.status == 303 and r.header("Location") == "/account/recovery-codes"
    page = c.get("/account/recovery-codes")
    codes = re.findall(r"<li><code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})</code></li>", page.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    text = c.get("/account/recovery-codes.txt")
    assert text.status == 200 and text.header("Content-Type").startswith("text/plain")
    assert all(code in text.text for code in codes)
    assert c.post("/account/recovery-codes/done", {"saved": "1"}).status == 303
    assert c.get("/account/recovery-codes").status == 303      # shown once
    used = codes[3]
    c2 = at_code_page(s, login)
    r = c2.post("/login/code", {"code": used.upper().replace("-", " ")})   # as typed, any case or spacing
    assert r.status == 303 and c2.get("/").status == 200
    assert last_audit(s, 2) == [["login", "password and recovery code"],
                                ["recovery_code_used", last_audit(s, 2)[1][1]]]
    c3 = at_code_page(s, login)
    assert c3.post("/login/code", {"code": used}).status == 401
    assert "Recovery codes left: 9 of 10" in c2.get("/account").text
    s.clear_throttle()


def test_a_new_account_sets_up_its_app_and_then_uses_it(s):
    admin = s.login("kr-admin")
    r = admin.post("/admin/users", {"login": "kr-totp-new", "name": "새 계정", "role": "viewer"})
    pw = re.search(r'<p class="secret"><code>([^<]+)</code></p>', r.text).group(1)
    c, r = password_step(s, "kr-totp-new", pw)
    assert r.status == 303 and r.header("Location").endswith("/login/enrol")
    page = c.get("/login/enrol")
    m = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.text)
    assert m and len(m.group(1).replace(" ", "")) == 32
    key = m.group(1).replace(" ", "")
    assert f"secret={key}" in page.text and "otpauth://totp/" in page.text
    qr = c.get("/login/enrol/qr.svg")
    assert qr.status == 200 and qr.header("Content-Type").startswith("image/svg+xml") and qr.text.startswith("<svg")
    assert c.get("/").status == 303                       # nothing else before it is done
    wrong = "%06d" % ((int(totp_code(key)) + 1) % 1000000)
    assert c.post("/login/enrol", {"code": wrong}).status == 401
    r = c.post("/login/enrol", {"code": totp_code(key)})
    assert r.status == 303 and r.header("Location").endswith("/login/recovery-codes")
    codes = re.findall(r"<li><code>([0-9a-z-]{14})</code></li>", c.get("/login/recovery-codes").text)
    assert len(codes) == 10
    assert c.post("/login/recovery-codes", {}).status == 400     # not confirmed: not done
    r = c.post("/login/recovery-codes", {"saved": "1"})
    assert r.status == 303 and c.get("/").status == 200
    assert [a for a, _ in last_audit(s, 2)] == ["login", "totp_enrolled"]
    # The next login asks for the app's code.
    s.totp_keys["kr-totp-new"] = key
    c2, r = password_step(s, "kr-totp-new", pw)
    assert r.header("Location").endswith("/login/code")
    s.clear_throttle()


def test_admins_reset_a_lost_factor_on_their_own_side_only(s):
    eu_admin, kr_admin = s.login("eu-admin"), s.login("kr-admin")
    login = own_account(s, "sf-eu-lost", "EU", "viewer")
    victim = s.login(login)
    vid = s.scalar(f"SELECT id FROM accounts WHERE login = '{login}'")
    before = s.fingerprint()
    assert kr_admin.post(f"/admin/users/{vid}", {"action": "mfa_reset"}).status == 403
    assert s.fingerprint() == before
    r = eu_admin.post(f"/admin/users/{vid}", {"action": "mfa_reset"})
    assert r.status == 200 and "reset" in r.text
    assert s.scalar(f"SELECT totp_secret IS NULL FROM accounts WHERE id = {vid}") == "1"
    assert s.scalar(f"SELECT COUNT(*) FROM recovery_codes WHERE account_id = {vid}") == "0"
    assert victim.get("/").status == 303                   # its sessions ended
    assert last_audit(s)[0][0] == "mfa_reset"
    c, r = password_step(s, login)
    assert r.header("Location").endswith("/login/enrol")


def test_portalctl_resets_a_factor(s):
    login = own_account(s, "sf-kr-lost", "KR", "viewer")
    rc, out = s.portalctl("user", "mfa-reset", login)
    assert rc == 0, out
    c, r = password_step(s, login)
    assert r.header("Location").endswith("/login/enrol")
    rc, out = s.portalctl("user", "totp", login)
    assert rc == 0 and re.fullmatch(r"[A-Z2-7]{32}", out.split()[0]), out
    assert len(out.split()) == 11                           # the key and ten recovery codes
    s.totp_keys[login] = out.split()[0]
    s.login(login)


def test_a_password_reset_keeps_the_factor(s):
    admin = s.login("kr-admin")
    tid = s.scalar("SELECT id FROM accounts WHERE login = 'kr-editor'")
    r = admin.post(f"/admin/users/{tid}", {"action": "reset"})
    pw = re.search(r'<p class="secret"><code>([^<]+)</code></p>', r.text).group(1)
    try:
        c, r = password_step(s, "kr-editor", pw)
        assert r.header("Location").endswith("/login/code")        # not bypassed
        assert s.scalar(f"SELECT totp_secret IS NOT NULL FROM accounts WHERE id = {tid}") == "1"
    finally:
        assert s.portalctl("user", "passwd", "kr-editor", stdin=s.passwords["kr-editor"] + "\n")[0] == 0


def test_replacing_the_app_needs_the_password_and_a_current_code(s):
    login = own_account(s, "sf-kr-new-phone", "KR", "admin")
    c = s.login(login)
    c.get("/account")
    key = s.totp_keys[login]
    assert c.post("/account/totp", {"password": "wrong password", "code": totp_code(key)}).status == 403
    s.fresh_step(login)
    r = c.post("/account/totp", {"password": s.passwords[login], "code": totp_code(key)})
    assert r.status == 303 and r.header("Location") == "/account/totp"
    page = c.get("/account/totp")
    new_key = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
    assert new_key != key
    r = c.post("/account/totp/confirm", {"code": totp_code(new_key)})
    assert r.status == 303 and r.header("Location") == "/account/recovery-codes"
    assert c.post("/account/recovery-codes/done", {"saved": "1"}).status == 303
    assert last_audit(s)[0][0] == "totp_replaced"
    s.totp_keys[login] = new_key
    s.login(login)
    s.clear_throttle()


def test_the_account_page_lists_factors_and_sign_ins(s):
    c = s.login("eu-editor")
    page = c.get("/account").text
    assert "Authenticator app: set up on" in page and "Recovery codes left" in page
    assert "Password and app code" in page
    ko = c.get("/account?lang=ko").text
    assert "인증 앱" in ko and "비밀번호와 앱 코드" in ko


def test_roles_without_the_requirement_sign_in_with_a_password(s):
    """mfa_required lists the roles that must have a factor: an account of
    another role without one signs in with its password alone."""
    with settings(PORTAL_MFA_REQUIRED="admin"), fresh(s, "b") as inst:
        inst.start()
        t = inst.stack
        rc, out = t.portalctl("user", "mfa-reset", "eu-viewer")
        assert rc == 0, out
        c, r = password_step(t, "eu-viewer")
        assert r.status == 303 and r.header("Location") == "/", r.header("Location")
        assert c.get("/").status == 200
        rc, out = t.portalctl("user", "mfa-reset", "eu-admin")
        c, r = password_step(t, "eu-admin")
        assert r.header("Location").endswith("/login/enrol")
        assert t.sql("SELECT action, detail FROM audit_log WHERE action = 'login' ORDER BY seq DESC LIMIT 1") == \
            [["login", "password"]]
