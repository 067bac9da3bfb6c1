"""Sub-commands of the ``gatekeeper`` command line, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(argparse.Namespace) -> int`` returning the exit code.
Modules import only the standard library at import time, so ``--help`` stays
instant; the work (and any heavy import) happens inside the handler.
"""

COMMANDS = (
    "audit",
    "build_input",
    "bundle",
    "check",
    "doctor",
    "log",
    "replay",
    "scenarios",
    "schema",
    "serve",
)
"""Every sub-command module, in help order (a test keeps it in step with the package)."""
