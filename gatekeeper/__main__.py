"""``python -m gatekeeper``."""

from gatekeeper._cli import console_main

console_main()
