"""The application's FastCGI socket is reachable by nginx alone (SECURITY.md,
the residual risk of libfcgi): its group is a group of its own whose only
member is nginx's worker user, and the application is not in it."""
import grp
import os
import pwd
import stat
import subprocess


def conf_value(s, key):
    for line in open(s.config, encoding="utf-8"):
        name, _, value = line.partition("=")
        if name.strip() == key:
            return value.strip()
    return None


def groups_of(pid):
    """Every group id a process holds: real, effective, saved, fs and supplementary."""
    ids = set()
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(("Gid:", "Groups:")):
            ids.update(int(g) for g in line.split()[1:])
    return ids


def uid_of(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("Uid:"):
            return int(line.split()[2])   # effective
    raise AssertionError(f"no Uid line for {pid}")


def nginx_workers(s):
    with open(os.path.join(s.instance, "nginx", "nginx.pid")) as f:
        master = f.read().strip()
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", master], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_only_nginx_can_reach_the_app_socket(s):
    sock = conf_value(s, "listen")
    st = os.stat(sock)
    assert stat.S_ISSOCK(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o660, oct(st.st_mode)
    run_dir = os.stat(os.path.dirname(sock))
    assert run_dir.st_gid == st.st_gid and stat.S_IMODE(run_dir.st_mode) & 0o7077 == 0o2050, oct(run_dir.st_mode)
    assert grp.getgrgid(st.st_gid).gr_name == conf_value(s, "socket_group")
    workers = nginx_workers(s)
    assert workers
    nginx_user = pwd.getpwuid(uid_of(workers[0])).pw_name
    app = [s.master_pid()] + s.worker_pids()
    if os.geteuid() != 0:
        # Not root: nginx's workers and the app both run as the caller, so
        # there is no one else to keep out; only the modes above apply.
        assert nginx_user == pwd.getpwuid(os.geteuid()).pw_name
        return
    group = grp.getgrgid(st.st_gid)
    assert group.gr_mem == [nginx_user], (group.gr_name, group.gr_mem, nginx_user)
    primary = [u.pw_name for u in pwd.getpwall() if u.pw_gid == st.st_gid]
    assert primary == [], f"{group.gr_name} is the primary group of {primary}: their every process may connect"
    for pid in workers:
        assert st.st_gid in groups_of(pid), f"nginx worker {pid} is not in {group.gr_name}"
    for pid in app:
        assert st.st_gid not in groups_of(pid), f"the app process {pid} is in {group.gr_name}"
