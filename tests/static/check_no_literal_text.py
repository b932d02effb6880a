#!/usr/bin/env python3
"""Every word a user reads comes from the message catalogues: templates may
hold markup, {{VARIABLES}}, [[message.keys]] and punctuation, but no words of
their own. Exits 1 naming each offending line.
    tests/static/check_no_literal_text.py DIR"""
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


def main():
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
