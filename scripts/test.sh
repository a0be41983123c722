#!/usr/bin/env bash
# The one test command (`npm test`): set-up, then lint, typecheck, build, unit, integration and e2e,
# ending with one line "N passed, N failed, N skipped". On Linux the suites run inside a private D-Bus
# session with a throw-away unlocked keychain, so keychain tests use a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
if [ "$(uname -s)" = "Linux" ]; then
  exec dbus-run-session -- bash scripts/with-keyring.sh node scripts/run-all-tests.mjs "$@" 2> >(grep -v '^dbus-daemon\[' >&2)
fi
exec node scripts/run-all-tests.mjs "$@"
