#!/usr/bin/env bash
# Build gatekeeper's container image as an OCI image layout, from Debian packages
# and the gatekeeper wheel, without a container engine: mmdebstrap lays out the
# root filesystem (Debian bookworm, python3), install.sh installs the wheel with
# its serve and metrics extras into /opt/gatekeeper and adds the non-root user,
# umoci packs the folder as one layer and writes the image config (user, entry
# point, port, volume). docs/deploy.md describes the image.
#
#   bash deploy/image/build.sh [--wheel FILE.whl] [--out DIR]
#
# DIR (default $GATEKEEPER_IMAGE_DIR, else ~/.cache/gatekeeper/image) receives
# oci/ (the image layout, tag gatekeeper:VERSION) and inputs.sha256. The build is
# skipped when inputs.sha256 matches the digest of its inputs (the wheel, these
# scripts, the Debian suite and mirrors): the Python dependencies are resolved
# from the package index at build time, so a rebuild may pick newer ones.
# Needs root (mmdebstrap's root mode), mmdebstrap and umoci.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${GATEKEEPER_IMAGE_DIR:-$HOME/.cache/gatekeeper/image}"
wheel=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --wheel) wheel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
SUITE="${GATEKEEPER_IMAGE_SUITE:-bookworm}"
MIRROR="${GATEKEEPER_IMAGE_MIRROR:-http://deb.debian.org/debian}"
SECURITY="${GATEKEEPER_IMAGE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
PACKAGES="python3,python3-venv,ca-certificates,tzdata"

for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is not installed (apt-get install $tool)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$wheel" ]; then
  python3 -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
  wheel="$(ls "$work"/dist/*.whl)"
fi
[ -f "$wheel" ] || { echo "build.sh: no wheel at $wheel" >&2; exit 2; }
version="$(basename "$wheel" | cut -d- -f2)"
tag="gatekeeper-$version"

digest="$(
  {
    sha256sum "$wheel" "$here/build.sh" "$here/install.sh" | cut -d' ' -f1
    echo "$SUITE $MIRROR $SECURITY $PACKAGES"
  } | sha256sum | cut -d' ' -f1
)"
if [ -f "$out/inputs.sha256" ] && [ "$(cat "$out/inputs.sha256")" = "$digest" ] && [ -d "$out/oci" ]; then
  echo "$out/oci:$tag: up to date (inputs $digest)"
  exit 0
fi
echo "$out/oci:$tag: building (inputs $digest)"

# The builder's CA bundle, for pip's downloads at build time only (a proxy of the
# build network may sign them); the image keeps Debian's ca-certificates.
build_ca="$work/build-ca.crt"
cp "${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}" "$build_ca"

rootfs="$work/rootfs"
mmdebstrap --quiet --variant=essential --mode=root \
  --include="$PACKAGES" \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook="copy-in $wheel $here/install.sh $build_ca /tmp" \
  --customize-hook='chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      GATEKEEPER_BUILD_CA=/tmp/'"$(basename "$build_ca")"' sh /tmp/install.sh /tmp/'"$(basename "$wheel")" \
  --customize-hook='rm -rf "$1"/tmp/* "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
  "$SUITE" "$rootfs" \
  "deb $MIRROR $SUITE main" \
  "deb $MIRROR $SUITE-updates main" \
  "deb $SECURITY $SUITE-security main"

rm -rf "$work/oci" "$work/bundle"
umoci init --layout "$work/oci"
umoci new --image "$work/oci:$tag"
umoci unpack --image "$work/oci:$tag" "$work/bundle" >/dev/null
rmdir "$work/bundle/rootfs" && mv "$rootfs" "$work/bundle/rootfs"
umoci repack --image "$work/oci:$tag" "$work/bundle"
umoci config --image "$work/oci:$tag" \
  --author="gatekeeper" \
  --config.user="10001:10001" \
  --config.workingdir=/var/lib/gatekeeper \
  --config.env="PATH=/opt/gatekeeper/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --config.env="PYTHONDONTWRITEBYTECODE=1" \
  --config.env="GATEKEEPER_CACHE_DIR=/tmp/gatekeeper-cache" \
  --config.entrypoint=/opt/gatekeeper/bin/gatekeeper \
  --config.entrypoint=serve \
  --config.cmd=--host --config.cmd=0.0.0.0 \
  --config.cmd=--port --config.cmd=8787 \
  --config.cmd=--tokens-file --config.cmd=/etc/gatekeeper/tokens/tokens.yaml \
  --config.cmd=--decision-log --config.cmd=/var/lib/gatekeeper/decisions.jsonl \
  --config.exposedports=8787/tcp \
  --config.volume=/var/lib/gatekeeper \
  --config.label="org.opencontainers.image.title=gatekeeper" \
  --config.label="org.opencontainers.image.version=$version" \
  --config.label="org.opencontainers.image.licenses=Apache-2.0" \
  --config.label="org.opencontainers.image.description=gatekeeper serve on 8787; probes: GET /healthz (liveness), GET /readyz (readiness); run with a read-only root filesystem and a tmpfs at /tmp"
umoci gc --layout "$work/oci"

mkdir -p "$out"
rm -rf "$out/oci" "$out/inputs.sha256"
mv "$work/oci" "$out/oci"
echo "$digest" > "$out/inputs.sha256"
echo "$tag" > "$out/tag"
echo "$out/oci:$tag: built"
