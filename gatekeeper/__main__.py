"""``python -m gatekeeper``."""

from gatekeeper.cli._main import console_main

console_main()
