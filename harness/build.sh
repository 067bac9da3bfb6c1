#!/usr/bin/env bash
# Build the Go harnesses (Argo Rollouts' analysis controller and web metric
# provider, Flagger's webhook client, an HTTP load driver, a strict decoder of
# Kubernetes manifests) into $GATEKEEPER_HARNESS_DIR (default ~/.cache/gatekeeper/harness).
# A binary is kept when it is newer than its Go files, go.mod and go.sum, or when it
# was built from sources with the same digest (a fresh clone has new file times).
set -euo pipefail
cd "$(dirname "$0")"
out="${GATEKEEPER_HARNESS_DIR:-$HOME/.cache/gatekeeper/harness}"
(umask 077 && mkdir -p "$out")  # the cache folder above it must stay private (docs/security.md)
for name in argo flagger load k8s; do
  bin="$out/$name-harness"
  sources=("$name"/*.go "$name/go.mod" "$name/go.sum")
  digest="$(cat "${sources[@]}" | sha256sum | cut -d' ' -f1)"
  newer=1
  for src in "${sources[@]}"; do
    [ -x "$bin" ] && [ "$bin" -nt "$src" ] || newer=0
  done
  if [ -x "$bin" ] && { [ "$newer" -eq 1 ] || [ "$(cat "$bin.sha256" 2>/dev/null)" = "$digest" ]; }; then
    echo "$bin: up to date"
    continue
  fi
  echo "$bin: building"
  (cd "$name" && GOFLAGS=-mod=mod go build -trimpath -o "$bin.tmp" .)
  mv "$bin.tmp" "$bin"
  echo "$digest" > "$bin.sha256"
done
