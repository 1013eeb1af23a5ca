#!/usr/bin/env bash
# End-to-end in a real VS Code: packages the extension (npm run package), installs the .vsix
# into a fresh code-server profile, opens examples/apache.cluster with a mistake in headless
# Chromium, waits for the diagnostic, reads the Problems panel, hovers an attribute and saves
# screenshots. Prints where they are.
#
# usage: vscode-extension/e2e/run.sh [SETUP_DIR=/tmp/cse2e] [OUT_DIR=SETUP_DIR/quorate-shots]
# One-time set-up (code-server, node 24, playwright-core; ~5 min, needs the npm registry and apt):
#   ../shared/tools/code-server-e2e/setup.sh /tmp/cse2e
# This script runs it when SETUP_DIR is not set up yet.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SHARED="${QUORATE_SHARED:-$REPO/../shared}"
DIR="${1:-/tmp/cse2e}"
OUT="${2:-$DIR/quorate-shots}"
PORT="${PORT:-8447}"
NODE24_BIN="$DIR/node24/node_modules/node/bin"

if [ ! -x "$DIR/cs/node_modules/.bin/code-server" ] || [ ! -d "$DIR/tools/node_modules/playwright-core" ]; then
  "$SHARED/tools/code-server-e2e/setup.sh" "$DIR"
fi

(cd "$REPO" && npm run package >/dev/null)
RUN="$(mktemp -d "$DIR/quorate-run.XXXXXX")"
mkdir -p "$RUN/userdata/User" "$RUN/extensions" "$RUN/workspace" "$OUT"
cp "$SHARED/tools/code-server-e2e/settings.json" "$RUN/userdata/User/settings.json"
# The mistake: a `use` of a resource that does not exist (did you mean `wwwfs`?).
sed 's/use wwwfs/use wwwfz/' "$REPO/examples/apache.cluster" > "$RUN/workspace/apache.cluster"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
{
  echo '#!/bin/sh'
  echo "export PATH='$NODE24_BIN':\"\$PATH\""
  echo "export XDG_CONFIG_HOME='$RUN/xdg-config' XDG_DATA_HOME='$RUN/xdg-data' XDG_CACHE_HOME='$RUN/xdg-cache'"
  echo "export EXTENSIONS_GALLERY='{}'"
  echo "exec '$DIR/cs/node_modules/.bin/code-server' --config '$RUN/config.yaml' --user-data-dir '$RUN/userdata' --extensions-dir '$RUN/extensions' \"\$@\""
} > "$RUN/code-server.sh"
chmod +x "$RUN/code-server.sh"
"$RUN/code-server.sh" --install-extension "$REPO/dist/quorate.vsix"

setsid "$RUN/code-server.sh" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$RUN/workspace" > "$RUN/server.log" 2>&1 &
CS_PID=$!
trap 'kill -- -$CS_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5
done

rc=0
NODE_PATH="$DIR/tools/node_modules" node "$HERE/shot.cjs" "http://127.0.0.1:$PORT/?folder=$RUN/workspace" apache.cluster "$OUT" || rc=$?
[ "$rc" = 0 ] || { echo "--- code-server log"; tail -30 "$RUN/server.log"; }
exit "$rc"
