#!/bin/bash
# Static rules for templates, run by make test:
#  - every template's first line starts with {{%AUTOESCAPE context="HTML"}}
#    (ctemplate does not warn when it is missing, and then escapes nothing);
#  - escaping is switched off (:none) in exactly one place: markdown.tpl,
#    which every page includes to show text rendered by libcmark in safe mode.
#   tests/static/check_templates.sh DIR   exits 1 and names the file on failure
dir=${1:-templates}
status=0
count=0
for t in "$dir"/*.tpl; do
	count=$((count + 1))
	# HTML pages; the Atom feed (*_atom.tpl) is XML.
	context=HTML
	case $t in *_atom.tpl) context=XML ;; esac
	if ! head -n 1 "$t" | grep -q "^{{%AUTOESCAPE context=\"$context\"}}"; then
		echo "check_templates: $t: first line is not {{%AUTOESCAPE context=\"$context\"}}"
		status=1
	fi
done
[ "$count" -gt 0 ] || { echo "check_templates: no templates in $dir"; exit 1; }
none=$(grep -o '{{[^}]*:none[^}]*}}' "$dir"/*.tpl)
if [ "$(grep -c . <<<"$none")" != 1 ] || [ "$none" != "$dir/markdown.tpl:{{HTML:none}}" ]; then
	echo "check_templates: unescaped output allowed only as {{HTML:none}} in markdown.tpl, found:"
	echo "$none"
	status=1
fi
exit $status
