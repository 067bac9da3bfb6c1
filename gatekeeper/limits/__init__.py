"""Bounds on a decision: how long it may take and what it may read.

``_deadline``: one deadline for each HTTP request and one for a whole decision of
the command line (reading the input to writing the log record). ``_http``: an
httpx client whose every request ends by that deadline. ``_files``: the
log, its head, keys and inputs are read only from regular files (or a pipe, for an
input), with size bounds, so a device, a FIFO nobody writes or an endless file
ends with exit 2 naming it (docs/security.md).
"""

from __future__ import annotations

from gatekeeper.limits._deadline import decision_deadline, paused

__all__ = ["decision_deadline", "paused"]
