#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its chromedriver are installed, for the console's
# browser tests (ConsoleBrowserTests runs this when it cannot find them): .ci/ensure-tools.sh
# installs them when missing and we are root with apt-get; otherwise it says how, and fails.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-tools.sh" chromium chromedriver
