#!/usr/bin/env bash
# The one run command (`npm start`): set-up, build, then the Electron app. Where the Electron binary
# is not installed yet, it is fetched first (`npx install-electron`); on Linux with no display,
# the app runs under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
node scripts/build.mjs
electron_bin() {
  local pathfile=node_modules/electron/path.txt
  [ -f "$pathfile" ] && [ -x "node_modules/electron/dist/$(cat "$pathfile")" ]
}
if ! electron_bin; then
  echo "start: fetching the Electron binary (node node_modules/electron/install.js)"
  if ! timeout 300 node node_modules/electron/install.js; then
    echo "start: the Electron binary could not be downloaded (its release host is out of reach)." >&2
    echo "start: everything but the window runs without it: try the demo API with 'npm run sandbox'," >&2
    echo "start: and see the app in the browser harness with 'npm test'." >&2
    exit 1
  fi
fi
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a electron . "$@"
fi
exec electron . "$@"
