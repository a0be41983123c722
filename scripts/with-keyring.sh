#!/usr/bin/env bash
# Runs a command with an unlocked, throw-away Secret Service (gnome-keyring) on the current D-Bus
# session bus; meant to run inside `dbus-run-session`, so the tests never touch the user's keychain.
set -euo pipefail
keyring_home=$(mktemp -d /tmp/mp-keyring.XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
# The daemon keeps its keyrings under $XDG_DATA_HOME/keyrings: a fresh folder, a fresh login keyring.
printf 'test-keyring-password' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
