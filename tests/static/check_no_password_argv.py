#!/usr/bin/env python3
"""No database password on a command line: a process's arguments are readable
by every user of the machine (ps, /proc/PID/cmdline). Scans the files under
the given paths for each command that runs a MariaDB client program and
fails when one carries a password: --password, -pVALUE, or SQL that sets one
(IDENTIFIED BY, PASSWORD(...)) given with -e. Passwords belong in a defaults
file of mode 0600 (--defaults-file), SQL that sets one on the client's stdin.

    check_no_password_argv.py PATH...      (prints each offence; exit 1 if any)
"""
import os
import re
import sys

CLIENT = re.compile(r"(?<![\w./-])(mariadb|mysql|mariadb-dump|mysqldump|mariadb-admin|mysqladmin)(?![\w./-])")
SECRET = re.compile(r"--password|(?<![\w-])-p[^\s\"',\]]|IDENTIFIED\s+(BY|VIA|WITH)|PASSWORD\s*\(", re.I)
TEXT_SUFFIXES = (".sh", ".py", ".js", ".c", ".h", ".in", ".lua", ".service", ".cnf", ".mk", ".inc", "Makefile")


def command_at(lines, i):
    """The command on lines[i]: the line, and the next ones while a quote or
    bracket is open or the line ends with a backslash."""
    text = lines[i]
    j = i
    while j + 1 < len(lines) and j - i < 12:
        open_quotes = (text.count('"') - text.count('\\"')) % 2 or text.count("'") % 2
        open_brackets = text.count("[") + text.count("(") > text.count("]") + text.count(")")
        if not (open_quotes or open_brackets or text.rstrip().endswith("\\")):
            break
        j += 1
        text += "\n" + lines[j]
    return text


def offences(path):
    try:
        lines = open(path, encoding="utf-8").read().split("\n")
    except (UnicodeDecodeError, OSError):
        return
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("#", "//", "*", "/*")):
            continue
        for m in CLIENT.finditer(line):
            command = command_at(lines, i)
            if SECRET.search(command):
                yield f"{path}:{i + 1}: a password on {m.group(1)}'s command line: {line.strip()[:120]}"
                break


def files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, names in os.walk(p):
            dirs[:] = [d for d in dirs if d not in ("node_modules", ".git", "corpus")]
            for n in sorted(names):
                if n.endswith(TEXT_SUFFIXES):
                    yield os.path.join(root, n)


def main(paths):
    me = os.path.realpath(__file__)
    bad = [o for f in files(paths) if os.path.realpath(f) != me for o in offences(f)]
    for o in bad:
        print(o)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["tools", "cgi", "tests", "bench", "dist", "Makefile"]))
