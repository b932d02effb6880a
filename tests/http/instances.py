"""More instances of the whole stack for the operations tests (backup and
restore, upgrades): var/test-b and var/test-c beside the test instance, on
the test port + 1 and + 2, each emptied before and always stopped after
(`make stop` and tests/run-all.sh stop them too)."""

import contextlib
import os
import shutil
import subprocess

from harness import ROOT, Stack

STACK = os.path.join(ROOT, "tools", "stack.sh")
APP = os.path.join(ROOT, "build", "san", "portal")
NAMES = {"b": 1, "c": 2}     # instance name: port offset


class Instance:
    """An instance directory whose processes the test drives with tools/stack.sh."""

    def __init__(self, name, port):
        self.dir = os.path.join(ROOT, "var", "test-" + name)
        self.port = port
        self.stack = Stack(port, self.dir)

    def run(self, *args, check=True):
        p = subprocess.run([STACK, *args], capture_output=True, text=True, timeout=300)
        if check:
            assert p.returncode == 0, (args, p.stdout, p.stderr)
        return p

    def start(self, check=True):
        """MariaDB (created if new), migrations, the app and nginx (tools/stack.sh start)."""
        p = self.run("start", self.dir, str(self.port), APP, check=check)
        if p.returncode == 0:
            passwords, keys = self.stack.passwords, self.stack.totp_keys
            self.stack = Stack(self.port, self.dir)       # reads demo-accounts.txt when there is one
            self.stack.passwords = self.stack.passwords or passwords
            self.stack.totp_keys = self.stack.totp_keys or keys
        return p

    def db_start(self):
        self.run("db-start", self.dir)

    def app_stop(self):
        self.run("app-stop", self.dir)

    def stop(self):
        if os.path.isdir(self.dir):
            self.run("stop", self.dir, check=False)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)


@contextlib.contextmanager
def fresh(s, name):
    """An empty instance directory (nothing running in it), stopped at the end."""
    inst = Instance(name, s.port + NAMES[name])
    inst.stop()
    shutil.rmtree(inst.dir, ignore_errors=True)
    os.makedirs(inst.dir)
    try:
        yield inst
    finally:
        inst.stop()


@contextlib.contextmanager
def settings(**values):
    """Environment variables for tools/stack.sh while an instance starts
    (PORTAL_WORKERS, PORTAL_HASH_SLOTS, ...: they go into its portal.conf)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
