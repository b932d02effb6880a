# Writes one template in one language: every [[message.key]] is replaced by
# the catalogue's text, HTML-escaped. An unknown key fails the build.
#   awk -v catalogue=templates/messages/en.txt -f tools/localize.awk in.tpl > out.tpl

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function html(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s); gsub(/'/, "\\&#39;", s)
	return s
}
BEGIN {
	while ((getline line < catalogue) > 0) {
		if (line ~ /^[ \t]*(#|$)/) continue
		eq = index(line, "=")
		msg[trim(substr(line, 1, eq - 1))] = trim(substr(line, eq + 1))
	}
	close(catalogue)
}
{
	out = ""
	s = $0
	while (match(s, /\[\[[a-z][a-z0-9_.]*\]\]/)) {
		key = substr(s, RSTART + 2, RLENGTH - 4)
		if (!(key in msg)) {
			print FILENAME ":" FNR ": unknown message [[" key "]]" > "/dev/stderr"
			exit 1
		}
		out = out substr(s, 1, RSTART - 1) html(msg[key])
		s = substr(s, RSTART + RLENGTH)
	}
	if (s ~ /\[\[/) {
		print FILENAME ":" FNR ": malformed [[...]] marker" > "/dev/stderr"
		exit 1
	}
	print out s
}
