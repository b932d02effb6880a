#!/bin/sh
# Installs the Debian packages the portal needs to build, run and be tested,
# only those missing. Services of the packages are never started: the portal
# runs its own private MariaDB and nginx (tools/stack.sh).
#   tools/deps.sh              build and run
#   tools/deps.sh --test       also what the tests need (the cluster's packages included)
#   tools/deps.sh --cluster    also the Galera cluster's (make cluster)
#   tools/deps.sh --fuzz       also clang and libFuzzer (make fuzz)
#   tools/deps.sh --valgrind   also valgrind (make valgrind)
#   tools/deps.sh --bench      also wrk (make bench)
set -eu
PKGS="gcc g++ make pkg-config libfcgi-dev libctemplate-dev libmariadb-dev libsodium-dev
      libcmark-dev libyajl-dev libxlsxwriter-dev liboath-dev libqrencode-dev mariadb-server mariadb-client nginx curl ca-certificates"
# The browser tests: Debian's chromium (nothing downloads a browser of its
# own), a Korean font so Hangul is not drawn as empty boxes, node and npm for
# playwright-core and axe-core (tests/browser/package.json).
# tests/install: systemd-analyze verify on the units, a self-signed certificate for nginx -t.
# make cluster and its failure test: galera-4 (wsrep provider), rsync (state
# transfer), haproxy (one writer, health-checked), socat (HAProxy's stats socket).
CLUSTER_PKGS="galera-4 rsync haproxy socat"
TEST_PKGS="$CLUSTER_PKGS python3 procps psmisc unzip chromium fonts-nanum nodejs systemd openssl"
for option in "$@"; do
	case $option in
	--test)
		PKGS="$PKGS $TEST_PKGS"
		# Some nodejs builds (e.g. NodeSource's) carry npm and conflict with
		# Debian's npm package: ask for it only when there is no npm at all.
		command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm" ;;
	--cluster) PKGS="$PKGS $CLUSTER_PKGS" ;;
	--fuzz) PKGS="$PKGS clang libclang-rt-14-dev" ;;
	--valgrind) PKGS="$PKGS python3 procps psmisc unzip valgrind" ;;
	--bench) PKGS="$PKGS python3 procps psmisc unzip wrk" ;;
	*) echo "deps: unknown option $option" >&2; exit 2 ;;
	esac
done

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run 'make deps' as root (or: sudo apt-get install$missing)" >&2
	exit 1
fi
echo "deps: installing$missing"
# Keep the packages' own services from starting (Debian's policy-rc.d protocol).
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy"
	chmod 755 "$policy"
	created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
