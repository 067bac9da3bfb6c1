#!/usr/bin/env bash
# Start an image built by build.sh without a container engine, as a runtime
# would: unpack it (umoci), then run its entry point and command as the image's
# user (uid 10001) in a private mount and PID namespace, chrooted into the root
# filesystem mounted read-only, with a tmpfs /tmp, a writable DATA folder at
# /var/lib/gatekeeper and a read-only SECRETS folder at /etc/gatekeeper/tokens.
# The network is the host's: the image listens on its port there.
#
#   bash deploy/image/start.sh OCI_LAYOUT:TAG BUNDLE DATA SECRETS [--entrypoint] [-- ARGS...]
#
# ARGS (one line each) replace the image's command (its entry point, `gatekeeper serve`, stays);
# with --entrypoint they replace both, as `--entrypoint` of a container runtime.
# Needs root (unshare, mount, chroot) and umoci. tests/deploy/test_image.py runs it.
set -euo pipefail
image="$1" bundle="$2" data="$3" secrets="$4"
shift 4
entrypoint=0
if [ "${1:-}" = "--entrypoint" ]; then entrypoint=1; shift; fi
[ "${1:-}" = "--" ] && shift
if [ ! -f "$bundle/config.json" ]; then
  umoci unpack --image "$image" "$bundle" >/dev/null
fi
# the runtime configuration umoci derived from the image config
mapfile -t spec < <(python3 - "$bundle/config.json" "$entrypoint" "$#" "$@" <<'PY'
import json, sys
process = json.load(open(sys.argv[1]))["process"]
entrypoint, count = sys.argv[2] == "1", int(sys.argv[3])
args = process["args"]
if count:
    # keep the entry point (the program and `serve`) unless told, replace the command
    args = (args[:0] if entrypoint else args[:2]) + sys.argv[4:4 + count]
user = process["user"]
print(f"{user['uid']}:{user['gid']}")
print(process.get("cwd", "/"))
print(len(process.get("env", [])))
for item in process.get("env", []):
    print(item)
for item in args:
    print(item)
PY
)
userspec="${spec[0]}" cwd="${spec[1]}" envcount="${spec[2]}"
env_items=("${spec[@]:3:$envcount}")
args=("${spec[@]:$((3 + envcount))}")
root="$bundle/rootfs"
exec unshare --mount --pid --fork --kill-child --propagation private -- /bin/sh -ec '
  root="$1" data="$2" secrets="$3" userspec="$4" cwd="$5"; shift 5
  mount --bind "$root" "$root"
  mount -o remount,bind,ro "$root"
  mount -t tmpfs -o mode=1777,size=64m tmpfs "$root/tmp"
  mount -t tmpfs -o mode=0755,size=1m tmpfs "$root/dev"
  for node in null zero random urandom; do
    touch "$root/dev/$node" && mount --bind "/dev/$node" "$root/dev/$node"
  done
  mount -t proc proc "$root/proc"
  mount --bind "$data" "$root/var/lib/gatekeeper"
  mount --bind "$secrets" "$root/etc/gatekeeper/tokens"
  mount -o remount,bind,ro "$root/etc/gatekeeper/tokens"
  exec chroot --userspec="$userspec" --groups="" "$root" /usr/bin/env -i -C "$cwd" "$@"
' sh "$root" "$data" "$secrets" "$userspec" "$cwd" "${env_items[@]}" "${args[@]}"
