#!/bin/sh
# Installs the Debian packages the portal needs to build, run and be tested,
# only those missing. Services of the packages are never started: the portal
# runs its own private MariaDB and nginx (tools/stack.sh).
#   tools/deps.sh           build and run
#   tools/deps.sh --test    also what the tests need
set -eu
PKGS="gcc g++ make pkg-config libfcgi-dev libctemplate-dev libmariadb-dev libsodium-dev
      libcmark-dev libyajl-dev libxlsxwriter-dev mariadb-server mariadb-client nginx curl ca-certificates"
TEST_PKGS="python3 procps psmisc unzip"
[ "${1:-}" = "--test" ] && PKGS="$PKGS $TEST_PKGS"
# tests/install: systemd-analyze verify on the units, a self-signed certificate for nginx -t.
[ "${1:-}" = "--test" ] && PKGS="$PKGS systemd openssl"

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
