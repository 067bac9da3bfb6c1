"""The decision log: append-only JSON lines chained by digest, optionally signed;
its keys, its queries, and the redaction of input fields before they are kept."""

from __future__ import annotations

from gatekeeper.log._decision_log import DecisionLog, iter_records, log_path, new_record, verify_log
from gatekeeper.log._keys import signer_from
from gatekeeper.log._redaction import redaction_paths
from gatekeeper.log._writer import LOG_STORES, DecisionLogWriter, open_log

__all__ = [
    "LOG_STORES",
    "DecisionLog",
    "DecisionLogWriter",
    "iter_records",
    "log_path",
    "new_record",
    "open_log",
    "redaction_paths",
    "signer_from",
    "verify_log",
]
