#!/usr/bin/env python3
"""Every word a user reads comes from the message catalogues: templates may
hold markup, {{VARIABLES}}, [[message.keys]] and punctuation, but no words of
their own; and the C code (every *.c and *.cc under DIR, in any subfolder)
passes no text of its own as a template value (tmpl_set, tmpl_setn) or into
an answer's body (buf_* on a ...body). In C, a string literal with letters in
such a value must be a code: a path or query ("/register?%s", "lang=%s"), or
one of CODES (CSS classes, attribute values); MACHINE lists what is read by
machines, not people. Literals given to another function inside the value
(http_form(req, "login")) are that function's arguments, not text, except
for the *printf formatters. Exits 1 naming each offending line.
    tests/static/check_no_literal_text.py DIR        templates
    tests/static/check_no_literal_text.py --c DIR    C sources"""
import html
import os
import re
import sys

ALLOWED = {"DOCTYPE", "html"}      # <!DOCTYPE html>


def words_outside_markup(line):
    line = re.sub(r"\{\{[^}]*\}\}", " ", line)             # template variables and pragmas
    line = re.sub(r"\[\[[a-z0-9_.]+\]\]", " ", line)       # catalogue messages
    line = re.sub(r"<[^>]*>", " ", line)                   # tags with their attributes
    line = html.unescape(line)
    return [w for w in re.findall(r"[^\W\d_]{2,}", line) if w not in ALLOWED]


def check_attributes(line):
    """Human-readable attributes (aria-label, title, alt, placeholder) must be messages too."""
    bad = []
    for m in re.finditer(r'\b(aria-label|title|alt|placeholder)="([^"]*)"', line):
        value = re.sub(r"\{\{[^}]*\}\}|\[\[[a-z0-9_.]+\]\]", "", m.group(2))
        if re.search(r"[^\W\d_]{2,}", value):
            bad.append(m.group(0))
    return bad


# Codes that C code may pass as template values: never shown as text.
CODES = {
    "eq", "del", "ins",                 # diff line classes (view.c)
    "ascending", "descending",          # aria-sort values (page_register.c)
}
# Literal text answered to machines: (file name, literal as written in C).
MACHINE = {
    ("page_healthz.c", r"database unavailable\n"),     # /healthz, read by load balancers and monitoring
    ("page_healthz.c", r"schema mismatch\n%s\n"),
    ("page_healthz.c", r"ok\nschema %lld\n"),
}
FORMAT = re.compile(r"%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t)?[diouxXscp%]")
ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]+|[0-7]{1,3}|.)")
PATH_OR_QUERY = re.compile(r"(?:/[\w/.?=&;%-]*|[a-z_]+=[\w%]*(?:&(?:amp;)?[a-z_]+=[\w%]*)*)")
CALL = re.compile(r"\b(tmpl_setn?|buf_puts|buf_printf|buf_append|buf_putc)\s*\(")
BODY = re.compile(r"\s*&?\s*[\w.>\-]*(?:\.|->)body\s*,")


def strip_comments(src):
    """Comments become spaces (newlines kept); string and character literals stay."""
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src[i] in "\"'":
            j = i + 1
            while j < n and src[j] != src[i]:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(src[i])
            i += 1
    return "".join(out)


def arguments(src, start):
    """The top-level arguments of the call whose "(" ends at start: [(text, offset)]."""
    args, depth, i, begin = [], 1, start, start
    while i < len(src) and depth:
        ch = src[i]
        if ch in "\"'":
            j = i + 1
            while j < len(src) and src[j] != ch:
                j += 2 if src[j] == "\\" else 1
            i = j
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append((src[begin:i], begin))
        elif ch == "," and depth == 1:
            args.append((src[begin:i], begin))
            begin = i + 1
        i += 1
    return args


def value_literals(expr):
    """The string literals of an expression that become its value: not those
    given to a function call inside it, unless that function is a *printf."""
    found, i, skip = [], 0, []
    while i < len(expr):
        ch = expr[i]
        if ch == '"':
            j = i + 1
            while j < len(expr) and expr[j] != '"':
                j += 2 if expr[j] == "\\" else 1
            if not any(skip):
                found.append((expr[i + 1:j], i))
            i = j + 1
            continue
        if ch == "'":
            j = i + 1
            while j < len(expr) and expr[j] != "'":
                j += 2 if expr[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "(":
            m = re.search(r"(\w+)\s*$", expr[:i])
            skip.append(bool(m) and not m.group(1).endswith("printf") and m.group(1) not in ("sizeof",))
        elif ch == ")" and skip:
            skip.pop()
        i += 1
    return found


def c_string(literal):
    """What a C literal holds: escapes decoded (UTF-8 written as \\xNN too), control characters as spaces."""
    def byte(m):
        e = m.group(0)[1:]
        if e[0] == "x":
            return bytes([int(e[1:], 16) & 0xFF])
        if e[0] in "01234567":
            return bytes([int(e, 8) & 0xFF])
        return b" " if e in "ntrvfab0" else e.encode()
    out, last = b"", 0
    for m in ESCAPE.finditer(literal):
        out += literal[last:m.start()].encode() + byte(m)
        last = m.end()
    return (out + literal[last:].encode()).decode("utf-8", "replace")


def is_text(literal):
    bare = c_string(FORMAT.sub("", literal)).strip()
    if not re.search(r"[^\W\d_]{2,}", bare):
        return False
    if literal in CODES or PATH_OR_QUERY.fullmatch(FORMAT.sub("x", literal)):
        return False
    return True


def check_c(root):
    failed = 0
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".c", ".cc")):
                continue
            path = os.path.join(folder, name)
            src = strip_comments(open(path, encoding="utf-8").read())
            for m in CALL.finditer(src):
                args = arguments(src, m.end())
                if m.group(1).startswith("buf_"):
                    if not BODY.match(src, m.end()):
                        continue            # a buffer that is not an answer's body
                    values = args[1:]
                else:
                    values = args[2:]
                for expr, offset in values:
                    for literal, at in value_literals(expr):
                        if is_text(literal) and (name, literal) not in MACHINE:
                            no = src.count("\n", 0, offset + at) + 1
                            print(f"{path}:{no}: text outside the catalogue: \"{literal}\"")
                            failed = 1
    return failed


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--c":
        return check_c(sys.argv[2])
    root = sys.argv[1] if len(sys.argv) > 1 else "templates"
    failed = 0
    for name in sorted(os.listdir(root)):
        if not name.endswith(".tpl"):
            continue
        lines = open(os.path.join(root, name), encoding="utf-8").read().split("\n")
        if 'context="XML"' in lines[0]:
            continue    # machine formats (the Atom feed): identifiers, not prose
        for no, line in enumerate(lines, 1):
            if no == 1 and line.startswith("{{%AUTOESCAPE"):
                line = line.split("}}", 1)[1]
            words = words_outside_markup(line) + check_attributes(line)
            if words:
                print(f"{root}/{name}:{no}: text outside the catalogue: {words}")
                failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
