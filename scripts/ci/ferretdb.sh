#!/usr/bin/env bash
# The MongoDB-wire server the Mongo-mode tests talk to: FerretDB, built from its Go module once and
# cached (1-3 minutes on 2 cores), started on loopback with its SQLite backend. Prints the URI.
# `go install` of the module gives a binary that panics at start (build/version/version.txt is not
# in the module: FerretDB issue 2982), so the module is copied and that file written first.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
CACHE="${FERRETDB_CACHE:-$HOME/.cache/desk-ferretdb/$VERSION}"
BIN="$CACHE/ferretdb"
PORT="${FERRETDB_PORT:-27018}"
DATA="${FERRETDB_DATA:-/tmp/desk-ferretdb-data}"

if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { echo "ferretdb: Go is needed to build FerretDB $VERSION" >&2; exit 1; }
  mkdir -p "$CACHE"
  src_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  work=$(mktemp -d)
  cp -r "$src_dir"/. "$work"/
  chmod -R u+w "$work"
  echo "$VERSION" > "$work/build/version/version.txt"
  (cd "$work" && go build -trimpath -o "$BIN.tmp" ./cmd/ferretdb)
  mv "$BIN.tmp" "$BIN"
  rm -rf "$work"
fi

if ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  mkdir -p "$DATA"
  # Its state file in the data folder (not the working directory), and no debug listener (one port, 8088, for all instances).
  nohup "$BIN" --handler=sqlite --sqlite-url="file:$DATA/" --state-dir="$DATA" --listen-addr="127.0.0.1:$PORT" --debug-addr=- --telemetry=disable --log-level=error >"$DATA/ferretdb.log" 2>&1 &
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
fi
echo "mongodb://127.0.0.1:$PORT/"
