#!/usr/bin/env python3
"""Logs in through both steps (password, then the authenticator app's code)
as a demo account of an instance, the way a browser does.

    bench/login.py BASE INSTANCE LOGIN           prints the session cookie
    bench/login.py BASE INSTANCE LOGIN --time N  N logins one after the other:
                                                 median ms of a whole login,
                                                 and of its second step alone
"""
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "http"))
from harness import totp_code, hexlit  # noqa: E402


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


opener = urllib.request.build_opener(NoRedirect)


def post(url, fields, cookie=None):
    req = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST")
    req.add_header("Origin", BASE)
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        req.add_header("Cookie", cookie)
    try:
        r = opener.open(req)
    except urllib.error.HTTPError as e:
        r = e
    return r.status, r.headers


def get(url, cookie):
    req = urllib.request.Request(url)
    req.add_header("Cookie", cookie)
    try:
        r = opener.open(req)
    except urllib.error.HTTPError as e:
        r = e
    return r.status, r.read().decode("utf-8", "replace")


def cookie_of(headers):
    for v in headers.get_all("Set-Cookie") or []:
        m = re.match(r"((?:__Host-)?portal_session=[^;]+)", v)
        if m:
            return m.group(1)
    return None


def login():
    """One whole login: (cookie, ms of both steps, ms of the second)."""
    subprocess.run(["mariadb", f"--defaults-file={ADMIN_CNF}", "portal", "-e",
                    f"UPDATE accounts SET totp_last_counter = NULL WHERE login = {hexlit(LOGIN)}"], check=True)
    t0 = time.monotonic()
    status, headers = post(BASE + "/login", {"login": LOGIN, "password": PASSWORD})
    half = cookie_of(headers)
    assert status == 303 and half, status
    t1 = time.monotonic()
    status, page = get(BASE + "/login/code", half)
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    status, headers = post(BASE + "/login/code", {"code": totp_code(KEY), "csrf": csrf}, half)
    whole = cookie_of(headers)
    assert status == 303 and whole, status
    t2 = time.monotonic()
    return whole, (t2 - t0) * 1000, (t2 - t1) * 1000


BASE, INSTANCE, LOGIN = sys.argv[1], sys.argv[2], sys.argv[3]
# A stack's administrator (tools/stack.sh), or a cluster's (tools/cluster.sh).
ADMIN_CNF = next((p for p in (os.path.join(INSTANCE, "mariadb", "admin.cnf"), os.path.join(INSTANCE, "admin.cnf"))
                  if os.path.exists(p)), os.path.join(INSTANCE, "mariadb", "admin.cnf"))
for line in open(os.path.join(INSTANCE, "demo-accounts.txt"), encoding="utf-8"):
    fields = line.split()
    if fields and fields[0] == LOGIN:
        PASSWORD, KEY = fields[1], fields[2]
if len(sys.argv) == 6 and sys.argv[4] == "--time":
    runs = [login() for _ in range(int(sys.argv[5]))]
    print("%.2f %.2f" % (statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)))
else:
    print(login()[0])
