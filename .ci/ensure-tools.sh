#!/usr/bin/env bash
# Makes sure the Debian tools the tests need are installed: each argument is a command, installed
# from its Debian package when it is missing and we are root with apt-get (one apt-get update for
# all). Otherwise says how, and fails. Used by .ci/run and by the tests themselves.
#   chromium, chromedriver -> chromium, chromium-driver (the console's browser tests)
#   redis-server           -> redis-server             (the replicas' shared-state tests)
#   promtool               -> prometheus               (the alert rules' tests)
set -euo pipefail

package_of() {
  case "$1" in
    chromium) echo chromium ;;
    chromedriver) echo chromium-driver ;;
    redis-server) echo redis-server ;;
    promtool) echo prometheus ;;
    *) echo "ensure-tools: unknown tool $1" >&2; return 1 ;;
  esac
}

missing=()
for tool in "$@"; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/bin/$tool" ] || [ -x "/usr/sbin/$tool" ] \
    || missing+=("$(package_of "$tool")")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  exit 0
fi

cat >&2 <<MSG
The tests need these Debian packages, and this script can install them only as root on
Debian/Ubuntu: ${missing[*]}
  sudo apt-get update && sudo apt-get install -y ${missing[*]}
MSG
exit 1
