#!/bin/bash
# make check-layers: the layers of cgi/ (cgi/README.md) may include only what
# the table below allows. Fails, naming each offending #include, when a file
# includes a header of a layer it may not use (a layer above its own), when
# two layers include each other, when an include names no header of the
# tree, or when headers include each other in a cycle.
#   tools/check-layers.sh [DIR]   (DIR: the source tree, default cgi)
set -u
cd "$(dirname "$0")/.."
SRC=${1:-cgi}

# Each layer and the layers it may include (its own included). Top: the
# program entry points directly in cgi/. Generated headers (build/gen) count
# as the layer named for them below.
declare -A may=(
	[base]="base"
	[db]="base db"
	[model]="base db model"
	[ops]="base db model ops"
	[http]="base db model http"
	[view]="base db model http view"
	[pages]="base db model ops http view pages"
	[top]="base db model ops http view pages top"
)
declare -A generated=( [messages.h]=base [tmpl_names.h]=view [schema_version.h]=db )
order="base db model ops http view pages top"

[ -d "$SRC" ] || { echo "check-layers: no $SRC directory" >&2; exit 2; }

layer_of_path() { # path relative to SRC -> layer
	case $1 in
	*/*) echo "${1%%/*}" ;;
	*) echo top ;;
	esac
}

problems=0
edges=$(mktemp)
hedges=$(mktemp)
trap 'rm -f "$edges" "$hedges"' EXIT

while IFS= read -r file; do
	rel=${file#"$SRC"/}
	from=$(layer_of_path "$rel")
	if [ -z "${may[$from]+x}" ]; then
		echo "check-layers: $file: $from/ is not a layer (add it to tools/check-layers.sh and cgi/README.md)"
		problems=$((problems + 1))
		continue
	fi
	dir=$(dirname "$rel")
	while IFS=: read -r line inc; do
		[ -n "$inc" ] || continue
		target=""
		if [ -n "${generated[$inc]+x}" ]; then
			to=${generated[$inc]}
			target="gen/$inc"
		elif [[ $inc == */* ]] && [ -f "$SRC/$inc" ]; then
			to=$(layer_of_path "$inc")
			target=$inc
		elif [ "$dir" != . ] && [ -f "$SRC/$dir/$inc" ]; then
			to=$from
			target="$dir/$inc"
		elif [ "$dir" = . ] && [ -f "$SRC/$inc" ]; then
			to=top
			target=$inc
		else
			echo "check-layers: $file:$line: #include \"$inc\" is no header of $SRC/ (write it as \"layer/name.h\")"
			problems=$((problems + 1))
			continue
		fi
		if [[ " ${may[$from]} " != *" $to "* ]]; then
			echo "check-layers: $file:$line: #include \"$inc\": $from/ may not include $to/ (it may use: ${may[$from]})"
			problems=$((problems + 1))
		fi
		[ "$from" != "$to" ] && echo "$from $to $file:$line $inc" >>"$edges"
		case $rel in *.h) echo "$rel $target" >>"$hedges" ;; esac
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
		sed -E 's/^([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1:\2/')
done < <(find "$SRC" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) | sort)

# Two layers that include each other (whatever the table says).
while read -r a b; do
	if grep -q "^$b $a " "$edges"; then
		echo "check-layers: $a/ and $b/ include each other:"
		grep -E "^($a $b|$b $a) " "$edges" | awk '{ print "  " $3 ": #include \"" $4 "\"" }' | head -n 6
		problems=$((problems + 1))
	fi
done < <(awk '{ print $1, $2 }' "$edges" | sort -u | awk '$1 < $2')

# Header cycles: a header that reaches itself through its includes.
cycle=$(awk '
	{ next_of[$1] = next_of[$1] " " $2 }
	function visit(h, path,    n, parts, i) {
		if (h in onpath) { print path; found = 1; return }
		if (h in done || found) return
		onpath[h] = 1
		n = split(next_of[h], parts, " ")
		for (i = 1; i <= n && !found; i++) visit(parts[i], path " -> " parts[i])
		delete onpath[h]
		done[h] = 1
	}
	END { for (h in next_of) if (!found) visit(h, h) }' "$hedges")
if [ -n "$cycle" ]; then
	echo "check-layers: headers include each other in a cycle: $cycle"
	problems=$((problems + 1))
fi

if [ "$problems" -gt 0 ]; then
	echo "check-layers: $problems problem(s); the layers and what each may include: cgi/README.md"
	exit 1
fi
echo "check-layers: ok ($(find "$SRC" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) | wc -l) files, layers: $order)"
