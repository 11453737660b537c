#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its chromedriver are installed, for the console's
# browser tests (ConsoleBrowserTests runs this when it cannot find them). Installs the Debian
# packages when they are missing and we are root with apt-get; otherwise says how, and fails.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium and chromedriver found: $(command -v chromium), $(command -v chromedriver)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium and chromium-driver for the console's browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver
  command -v chromium >/dev/null && command -v chromedriver >/dev/null
  exit 0
fi

cat >&2 <<'MSG'
The console's browser tests need Chromium and chromedriver, and this script can install them only
as root on Debian/Ubuntu. Install them, then run the build again:
  sudo apt-get update && sudo apt-get install -y chromium chromium-driver
or point the tests at existing binaries:
  ./mvnw -B verify -Dconsole.chromium=/path/to/chromium -Dconsole.chromedriver=/path/to/chromedriver
MSG
exit 1
