#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests when /usr/bin/chromium is missing.
# Playwright cannot download its own browser build on these machines, so the tests drive Debian's.
# The browser tests' fixture runs it when the browser is missing; it is safe to run by hand and from parallel processes.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

# One install at a time across processes: the others wait here, then find the browser installed.
exec 9>"${TMPDIR:-/tmp}/durableagents-chromium-install.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 900 9
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed at /usr/bin/chromium and apt-get is not available on this machine." >&2
  echo "Install Chromium with your package manager, then run the tests again." >&2
  exit 3
fi

run=()
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then
    run=(sudo -n)
  else
    echo "chromium is missing and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium' once." >&2
    exit 4
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
# Without the recommended desktop services (printing, upower, udev); fonts-liberation gives screenshots their fonts.
"${run[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium fonts-liberation
test -x /usr/bin/chromium
