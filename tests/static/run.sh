#!/bin/bash
# Static checks with their negative controls: each rule must pass on the
# repository and fail on a deliberately broken copy (so the check can fail).
cd "$(dirname "$0")/../.."
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "static: ok   $1"; }
ko() { failed=$((failed + 1)); echo "static: FAIL $1"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if tests/static/check_templates.sh templates; then ok "templates: pragma first, one :none"; else ko "templates: pragma first, one :none"; fi

cp templates/*.tpl "$tmp/"
sed -i '1d' "$tmp/error.tpl"
if tests/static/check_templates.sh "$tmp" >/dev/null; then ko "a template without the pragma is caught"; else ok "a template without the pragma is caught"; fi
cp templates/*.tpl "$tmp/"
echo '{{COMMITMENT_TEXT:none}}' >> "$tmp/commitment.tpl"
if tests/static/check_templates.sh "$tmp" >/dev/null; then ko "a second :none is caught"; else ok "a second :none is caught"; fi

# Every word in the templates comes from the catalogues.
if python3 tests/static/check_no_literal_text.py templates; then ok "templates hold no text of their own"; else ko "templates hold no text of their own"; fi
cp templates/*.tpl "$tmp/"
sed -i 's|<h1>{{HEADING}}</h1>|<h1>Error {{HEADING}}</h1>|' "$tmp/error.tpl"
if python3 tests/static/check_no_literal_text.py "$tmp" >/dev/null; then ko "a hard-coded word is caught"; else ok "a hard-coded word is caught"; fi

# Nor does the C code (cgi/ and its layer folders) pass text of its own to a template or an answer's body.
if python3 tests/static/check_no_literal_text.py --c cgi; then ok "C code passes no text of its own to pages"; else ko "C code passes no text of its own to pages"; fi
mkdir -p "$tmp/cgi" && cp -r cgi/. "$tmp/cgi/"
printf '%s\n' 'static void x(tmpl_dict *d) { tmpl_set(d, T_TITLE, ok ? "eq" : "Saved successfully"); }' >> "$tmp/cgi/pages/page_area.c"
if python3 tests/static/check_no_literal_text.py --c "$tmp/cgi" >/dev/null; then ko "an English string given to tmpl_set is caught"; else ok "an English string given to tmpl_set is caught"; fi
cp cgi/pages/page_area.c "$tmp/cgi/pages/page_area.c"
printf '%s\n' 'static void y(struct reply *rep) { buf_printf(&rep->body, "%d items not found", 3); }' >> "$tmp/cgi/view/render.c"
if python3 tests/static/check_no_literal_text.py --c "$tmp/cgi" >/dev/null; then ko "an English reply body is caught"; else ok "an English reply body is caught"; fi

# Every SQL statement of the app is in sql.c and goes through a prepared statement.
if grep -rnE 'mysql_(real_)?query[[:space:]]*\(' cgi/ >/dev/null; then ko "no unprepared SQL in cgi/"; else ok "no unprepared SQL in cgi/"; fi
if grep -rnE '\b(atoi|sprintf|strcpy|strcat|gets)[[:space:]]*\(' cgi/ >/dev/null; then
	ko "no unbounded C string calls in cgi/"
else
	ok "no unbounded C string calls in cgi/"
fi

# No database password on a command line (ps shows every process's arguments to every user).
if python3 tests/static/check_no_password_argv.py tools cgi tests bench dist Makefile; then
	ok "no database password on a command line"
else
	ko "no database password on a command line"
fi
# (written with the client's name in capitals, so this file does not trip the check itself)
mkdir -p "$tmp/pw"
printf '%s\n' 'MARIADB --defaults-file="$CNF" -e "CREATE USER x;' "  ALTER USER x IDENTIFIED BY '\$pw'\"" > "$tmp/pw/a.sh"
printf '%s\n' 'subprocess.run(["MYSQLADMIN", "-u", "root",' '                "--password=" + pw, "ping"])' > "$tmp/pw/b.py"
printf '%s\n' 'MARIADB-dump -uroot -psecret portal > dump.sql' > "$tmp/pw/c.sh"
sed -i 's/MARIADB/mariadb/; s/MYSQLADMIN/mysqladmin/' "$tmp/pw/"*
if [ "$(python3 tests/static/check_no_password_argv.py "$tmp/pw" | wc -l)" = 3 ]; then
	ok "a password on a command line is caught (-e SQL, --password, -pVALUE)"
else
	ko "a password on a command line is caught (-e SQL, --password, -pVALUE)"
fi

# The message catalogues: same keys, same placeholders (the generator refuses otherwise).
if awk -v out_h="$tmp/m.h" -v out_c="$tmp/m.c" -f tools/gen-messages.awk templates/messages/en.txt templates/messages/ko.txt; then
	ok "message catalogues agree"
else
	ko "message catalogues agree"
fi
grep -v '^error.404.text' templates/messages/ko.txt > "$tmp/ko.txt"
if awk -v out_h="$tmp/m.h" -v out_c="$tmp/m.c" -f tools/gen-messages.awk templates/messages/en.txt "$tmp/ko.txt" 2>/dev/null; then
	ko "a missing Korean message is caught"
else
	ok "a missing Korean message is caught"
fi
# The layers of cgi/ (cgi/README.md): no upward include, no two layers including each other.
if tools/check-layers.sh >/dev/null; then ok "layers: every include goes down (make check-layers)"; else ko "layers: every include goes down (make check-layers)"; fi
cp -r cgi "$tmp/layers"
printf '#include "http/http.h"\n' >> "$tmp/layers/model/content.h"
out=$(tools/check-layers.sh "$tmp/layers")
if [ $? -ne 0 ] && grep -q 'model/content.h:.*#include "http/http.h": model/ may not include http/' <<<"$out"; then
	ok "an upward include (model/ -> http/) is caught and named"
else
	ko "an upward include (model/ -> http/) is caught and named"
fi
rm -rf "$tmp/layers" && cp -r cgi "$tmp/layers"
printf '#include "ops/backup.h"\n' >> "$tmp/layers/http/form.h"
out=$(tools/check-layers.sh "$tmp/layers")
if [ $? -ne 0 ] && grep -q 'http/form.h:.*#include "ops/backup.h"' <<<"$out"; then
	ok "an include across layers (http/ -> ops/) is caught and named"
else
	ko "an include across layers (http/ -> ops/) is caught and named"
fi
rm -rf "$tmp/layers" && cp -r cgi "$tmp/layers"
printf '#include "base/buf.h"\n' >> "$tmp/layers/base/arena.h"
printf '#include "base/arena.h"\n' >> "$tmp/layers/base/buf.h"
if tools/check-layers.sh "$tmp/layers" | grep -q 'cycle'; then
	ok "a header cycle is caught"
else
	ko "a header cycle is caught"
fi

echo "static checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
