"""The command line: the entry point (``_main``) and one module per sub-command.

Each command module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(argparse.Namespace) -> int`` returning the exit code.
Commands only parse options and wire the stages: they build the typed options of
:mod:`gatekeeper.check` once and hand them over. Modules import only the standard
library at import time, so ``--help`` stays instant; the work (and any heavy
import) happens inside the handler.
"""

COMMANDS = (
    "audit",
    "backtest",
    "build_input",
    "bundle",
    "check",
    "decide",
    "doctor",
    "log",
    "pending",
    "replay",
    "scenarios",
    "schema",
    "serve",
)
"""Every sub-command module, in help order (a test keeps it in step with the package)."""
