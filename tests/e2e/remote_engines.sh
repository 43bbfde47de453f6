#!/usr/bin/env bash
# Runs tst_e2e_remote: the console's remote client against a second headless Tablespan
# process (HTTP and HTTPS, --require-auth keys) and against dynalite, a DynamoDB engine no
# one here wrote. Installs dynalite from npm at the version dynalite/package-lock.json
# names, once, into MODULES_DIR.
# Usage: remote_engines.sh TEST_BINARY TABLESPAN_BINARY MODULES_DIR
set -euo pipefail

test_binary=${1:?usage: remote_engines.sh TEST_BINARY TABLESPAN_BINARY MODULES_DIR}
tablespan=${2:?usage: remote_engines.sh TEST_BINARY TABLESPAN_BINARY MODULES_DIR}
modules=${3:?usage: remote_engines.sh TEST_BINARY TABLESPAN_BINARY MODULES_DIR}
here=$(cd "$(dirname "$0")" && pwd)

if ! cmp -s "$here/dynalite/package-lock.json" "$modules/package-lock.json" ||
    [ ! -x "$modules/node_modules/.bin/dynalite" ]; then
    mkdir -p "$modules"
    rm -rf "$modules/node_modules"
    cp "$here/dynalite/package.json" "$here/dynalite/package-lock.json" "$modules/"
    (cd "$modules" && npm ci --no-audit --no-fund --silent >&2)
fi

export TABLESPAN_BINARY="$tablespan"
export TABLESPAN_DYNALITE="$modules/node_modules/.bin/dynalite"
export QT_QPA_PLATFORM=offscreen
exec "$test_binary"
