# Reads the message catalogues (English first, then Korean) and writes
# messages.h / messages.c for the C side. Fails the build when a key is
# missing from a catalogue, defined twice, or has other {{PLACEHOLDERS}}
# in one language than in the other.
#   awk -v out_h=F.h -v out_c=F.c -f tools/gen-messages.awk en.txt ko.txt

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function fail(msg) { print FILENAME ":" FNR ": " msg > "/dev/stderr"; failed = 1; exit 1 }
function ident(k) { k = toupper(k); gsub(/\./, "_", k); return "M_" k }
# The placeholders of a message as a sorted, space-separated list.
function placeholders(s,    list, n, i, j, t, out) {
	n = 0
	while (match(s, /\{\{[A-Z0-9_]+\}\}/)) {
		list[++n] = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
	}
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
			t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
		}
	out = ""
	for (i = 1; i <= n; i++)
		out = out " " list[i]
	return out
}

FNR == 1 { lang++; file[lang] = FILENAME }
/^[ \t]*(#|$)/ { next }
{
	eq = index($0, "=")
	if (!eq) fail("expected key = text")
	key = trim(substr($0, 1, eq - 1))
	val = trim(substr($0, eq + 1))
	if (key !~ /^[a-z][a-z0-9_.]*$/) fail("bad key '" key "'")
	if (val == "") fail("empty text for " key)
	if ((lang, key) in text) fail("duplicate key " key)
	text[lang, key] = val
	if (lang == 1)
		order[++nkeys] = key
	else if (!((1, key) in text))
		fail("key " key " is not in " file[1])
}
END {
	if (failed) exit 1
	if (lang != 2) { print "gen-messages: need exactly two catalogues" > "/dev/stderr"; exit 1 }
	for (i = 1; i <= nkeys; i++) {
		k = order[i]
		if (!((2, k) in text)) { print file[2] ": missing key " k > "/dev/stderr"; bad = 1; continue }
		if (placeholders(text[1, k]) != placeholders(text[2, k])) {
			print file[2] ": key " k " has other placeholders than in " file[1] > "/dev/stderr"; bad = 1
		}
	}
	if (bad) exit 1
	print "/* Generated from templates/messages by tools/gen-messages.awk. Do not edit. */" > out_h
	print "#ifndef PORTAL_MESSAGES_H\n#define PORTAL_MESSAGES_H\n\nenum msg_id {" > out_h
	for (i = 1; i <= nkeys; i++) print "\t" ident(order[i]) "," > out_h
	print "\tM__MAX\n};\n\n/* [language][message]; languages as in enum lang (i18n.h). */" > out_h
	print "extern const char *const msg_table[2][M__MAX];\n\n#endif" > out_h
	print "/* Generated from templates/messages by tools/gen-messages.awk. Do not edit. */" > out_c
	print "#include \"messages.h\"\n\nconst char *const msg_table[2][M__MAX] = {" > out_c
	for (l = 1; l <= 2; l++) {
		print "\t{" > out_c
		for (i = 1; i <= nkeys; i++) print "\t\t[" ident(order[i]) "] = " cstr(text[l, order[i]]) "," > out_c
		print "\t}," > out_c
	}
	print "};" > out_c
}
