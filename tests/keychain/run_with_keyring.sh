#!/bin/sh
# Runs a command with a Secret Service of its own: a private D-Bus session
# (dbus-run-session) in which gnome-keyring-daemon has created a login keyring and
# unlocked it, in a temporary home directory removed afterwards. The command's keychain
# calls (QtKeychain, through libsecret) reach this keyring, never the user's.
# Usage: tests/keychain/run_with_keyring.sh COMMAND [ARG...]
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
        echo "run_with_keyring.sh: $tool is missing (scripts/deps installs it)" >&2
        exit 1
    fi
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/runtime"
# gnome-keyring keeps its keyrings under XDG_DATA_HOME and its sockets under
# XDG_RUNTIME_DIR: both in the temporary home.
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime"
# --unlock reads a password on stdin, creates the login keyring with it when there is none,
# and unlocks it; the daemon then serves org.freedesktop.secrets on the session bus.
dbus-run-session -- sh -c '
    printf tablespan | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' run_with_keyring "$@"
