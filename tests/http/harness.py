"""What the HTTP tests share: requests through the real nginx, SQL against the
instance's own MariaDB (values always passed as hex literals), and control of
the stack's processes for the fault tests."""

import http.client
import os
import re
import signal
import subprocess
import time

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


def hexlit(value):
    """A SQL literal for any text: X'...' cannot be broken out of."""
    if value is None:
        return "NULL"
    return "X'" + value.encode("utf-8").hex() + "'"


class Stack:
    def __init__(self, port, instance):
        self.port = port
        self.instance = os.path.abspath(instance)
        self.admin_cnf = os.path.join(self.instance, "mariadb", "admin.cnf")

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
        """Runs SQL as the database administrator; returns rows of strings."""
        out = subprocess.run(
            ["mariadb", f"--defaults-file={self.admin_cnf}", "--batch", "--skip-column-names",
             "--raw", "portal", "-e", query],
            check=True, capture_output=True)
        text = out.stdout.decode("utf-8")
        return [line.split("\t") for line in text.splitlines()]

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
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.master_pid())],
                             capture_output=True, text=True)
        return sorted(int(p) for p in out.stdout.split())

    def wait_workers(self, count, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pids = self.worker_pids()
            if len(pids) == count:
                return pids
            time.sleep(0.05)
        raise AssertionError(f"expected {count} workers, have {self.worker_pids()}")

    def kill(self, pid, sig=signal.SIGKILL):
        os.kill(pid, sig)

    def app_log(self):
        with open(os.path.join(self.instance, "log", "app.log"), encoding="utf-8", errors="replace") as f:
            return f.read()


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
