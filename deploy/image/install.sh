#!/bin/sh
# Inside the image's root filesystem (as root, at build time): install the wheel
# given as $1 with its serve and metrics extras (and postgres, the PostgreSQL
# state store the chart can turn on) into a virtual environment at
# /opt/gatekeeper, add the non-root user gatekeeper (uid and gid 10001) and the
# folders it may write when mounted: /var/lib/gatekeeper (decision log, state)
# and /etc/gatekeeper (tokens, read-only). Nothing is left for the runtime user
# to write in the image itself: it runs with a read-only root filesystem.
set -eu
wheel="$1"
python3 -m venv /opt/gatekeeper
# the builder's CA bundle (GATEKEEPER_BUILD_CA) for the downloads; removed with /tmp
PIP_CERT="${GATEKEEPER_BUILD_CA:-/etc/ssl/certs/ca-certificates.crt}" \
  /opt/gatekeeper/bin/python -m pip install --quiet --no-cache-dir --disable-pip-version-check \
  "$wheel[serve,metrics,postgres]"
/opt/gatekeeper/bin/gatekeeper --version
# pip is not needed at run time
/opt/gatekeeper/bin/python -m pip uninstall --quiet --yes pip
grep -q '^gatekeeper:' /etc/group || echo 'gatekeeper:x:10001:' >> /etc/group
grep -q '^gatekeeper:' /etc/passwd ||
  echo 'gatekeeper:x:10001:10001:gatekeeper:/var/lib/gatekeeper:/usr/sbin/nologin' >> /etc/passwd
mkdir -p /var/lib/gatekeeper /etc/gatekeeper/tokens
chown 10001:10001 /var/lib/gatekeeper
chmod 0700 /var/lib/gatekeeper
chmod 0755 /etc/gatekeeper /etc/gatekeeper/tokens
