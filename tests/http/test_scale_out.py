"""Two application instances behind one nginx upstream (docs/scaling.md): a
second app process on its own socket, a second nginx whose upstream holds
both sockets. Sessions and data live in MariaDB, so either instance serves
any request; a change made through one shows through the other at once (each
worker's cache checks the content generation); when one instance goes away
the other carries on."""
import os
import re
import signal
import subprocess
import time

from harness import ROOT, Client, Stack, wait_until


def start_second_instance(s):
    """The app again (its own socket, pid file and log) and an nginx with both
    in one upstream, on port + 2. Returns (stack2, stop)."""
    inst = s.instance
    conf = open(os.path.join(inst, "portal.conf")).read()
    conf = conf.replace("run/app.sock", "run/app2.sock").replace("portal.pid", "portal2.pid")
    conf = conf.replace("run/status\n", "run/status2\n")     # else it takes over, then removes, the first one's
    with open(os.path.join(inst, "portal2.conf"), "w") as f:
        f.write(conf)
    log = open(os.path.join(inst, "log", "app2.log"), "ab")
    app = subprocess.Popen([os.path.join(ROOT, "build", "san", "portal"), "-c", os.path.join(inst, "portal2.conf")],
                           stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    sock2 = os.path.join(inst, "run", "app2.sock")
    wait_until(lambda: os.path.exists(sock2), timeout=30, what="the second instance's socket")

    port2 = s.port + 2
    ngx = os.path.join(inst, "nginx2")
    os.makedirs(ngx, exist_ok=True)
    text = open(os.path.join(inst, "nginx", "nginx.conf")).read()
    sock1 = os.path.join(inst, "run", "app.sock")
    text = text.replace(f"fastcgi_pass unix:{sock1};", "fastcgi_pass portal_apps;")
    text = text.replace("http {", "http {\n    upstream portal_apps {\n"
                        f"        server unix:{sock1};\n        server unix:{sock2};\n    }}\n", 1)
    text = text.replace(f"listen 127.0.0.1:{s.port};", f"listen 127.0.0.1:{port2};")
    text = text.replace(os.path.join(inst, "nginx") + "/", ngx + "/")
    text = re.sub(r"log/nginx-(access|error)\.log", r"log/nginx2-\1.log", text)
    assert "portal_apps;" in text and f":{port2};" in text
    with open(os.path.join(ngx, "nginx.conf"), "w") as f:
        f.write(text)
    subprocess.run(["nginx", "-p", ngx + "/", "-c", os.path.join(ngx, "nginx.conf"), "-e",
                    os.path.join(inst, "log", "nginx2-error.log")], check=True)
    wait_until(lambda: os.path.exists(os.path.join(ngx, "nginx.pid")), timeout=10, what="the second nginx")

    def stop():
        with open(os.path.join(ngx, "nginx.pid")) as f:
            os.kill(int(f.read()), signal.SIGQUIT)
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(30)
        log.close()
        wait_until(lambda: not os.path.exists(os.path.join(ngx, "nginx.pid")), timeout=10, what="nginx stopped")

    s2 = Stack(port2, inst)
    return s2, app, stop


def requests_in(path, target, since):
    with open(path, encoding="utf-8", errors="replace") as f:
        f.seek(since)
        return f.read().count(f'target="{target}"')


def test_two_instances_behind_one_upstream(s):
    log1 = os.path.join(s.instance, "log", "app.log")
    log2 = os.path.join(s.instance, "log", "app2.log")
    start1 = os.path.getsize(log1)
    start2 = os.path.getsize(log2) if os.path.exists(log2) else 0
    s2, app2, stop = start_second_instance(s)
    try:
        c = Client(s2)
        c.get("/login")
        origin = f"http://127.0.0.1:{s.port}"     # the origin both instances' configuration allows
        r = c.post("/login", {"login": "eu-editor", "password": s.passwords["eu-editor"]}, origin=origin)
        assert r.status == 303
        s.second_step(c, "eu-editor", r, origin=origin)
        statuses = [c.get("/areas/quantum").status for _ in range(40)]
        assert statuses == [200] * 40
        # nginx spread them over both instances: each logged some.
        assert requests_in(log1, "/areas/quantum", start1) > 0
        assert requests_in(log2, "/areas/quantum", start2) > 0

        # A save through either instance is seen through both, at once.
        page = c.get("/areas/quantum/eu/edit").text
        fields = dict(re.findall(r'name="(csrf|base_version|form_token|in)" value="([^"]*)"', page))
        text = "Saved through two instances " + os.urandom(4).hex()
        fields.update(body=text, summary="", action="save")
        assert c.post("/areas/quantum/eu/edit", fields, origin=origin).status == 303
        assert all(text in c.get("/areas/quantum").text for _ in range(20))

        # One instance goes; the other carries on.
        app2.send_signal(signal.SIGTERM)
        app2.wait(30)
        time.sleep(0.1)
        assert [c.get("/areas/quantum").status for _ in range(20)] == [200] * 20
    finally:
        stop()
