#!/usr/bin/env bash
# Prepares a fresh machine for `npm start` and `npm test`: the system packages (Debian/Ubuntu, as
# root: installed with apt; otherwise the exact command is printed) and node_modules (npm ci when
# missing or stale). Sourced by scripts/start.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# libsecret: keytar's build and the Secret Service client; gnome-keyring + dbus: a keychain for the
# tests' private session; chromium: the Playwright harness's browser; xvfb: a display for Electron;
# tinyproxy and microsocks: the real HTTP and SOCKS5 proxies the network tests start on 127.0.0.1.
system_packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium xvfb xauth tinyproxy microsocks poppler-utils)

ensure_system_packages() {
  [ "$(uname -s)" = "Linux" ] || return 0
  command -v dpkg-query >/dev/null 2>&1 || {
    echo "setup: not a Debian/Ubuntu system; install the equivalents of: ${system_packages[*]}" >&2
    return 0
  }
  local missing=()
  for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

ensure_node_modules() {
  local stamp=node_modules/.install-stamp
  local want
  want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/node ]; then
    return 0
  fi
  echo "setup: installing npm packages (npm ci)"
  # Browsers and the Electron binary are never downloaded by install: Playwright drives the system
  # Chromium, and Electron's binary is fetched by `npx install-electron` where its host is reachable.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

ensure_system_packages
ensure_node_modules
export PATH="$PWD/node_modules/.bin:$PATH"
node scripts/check-node.mjs
