#!/usr/bin/env bash
# Build the controller harnesses (Argo Rollouts' web metric provider, Flagger's
# webhook client) into $GATEKEEPER_HARNESS_DIR (default ~/.cache/gatekeeper/harness).
# A binary newer than its main.go, go.mod and go.sum is kept as it is.
set -euo pipefail
cd "$(dirname "$0")"
out="${GATEKEEPER_HARNESS_DIR:-$HOME/.cache/gatekeeper/harness}"
mkdir -p "$out"
for name in argo flagger; do
  bin="$out/$name-harness"
  fresh=1
  for src in "$name/main.go" "$name/go.mod" "$name/go.sum"; do
    [ -x "$bin" ] && [ "$bin" -nt "$src" ] || fresh=0
  done
  if [ "$fresh" -eq 1 ]; then
    echo "$bin: up to date"
    continue
  fi
  echo "$bin: building"
  (cd "$name" && GOFLAGS=-mod=mod go build -trimpath -o "$bin.tmp" . && mv "$bin.tmp" "$bin")
done
