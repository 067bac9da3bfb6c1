"""Why the embedded engine keeps no compiled-bundle cache on disk.

regopy can save a compiled bundle and load it again, which would take the
compile (0.1-0.4 s) off a cold ``gatekeeper check``. Its binary format loads in
about 10 ms but is wrong; its JSON format is right but loads slower than a fresh
compile (docs/engines.md, "Start-up cost"). This test pins the bug, so the day
regopy fixes it, it fails and the cache can be reconsidered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_regopy_binary_bundle_still_misformats_data_strings(tmp_path: Path) -> None:
    """Why there is no compiled-bundle cache: regopy 1.5.2's binary bundle is wrong.

    After ``load_bundle(..., BundleFormat.Binary)``, ``sprintf`` prints a string from
    the data document with its JSON quotes and unescaped (``""hi"!"``), so decisions
    with a data label in a message come out as unreadable JSON (46 of 98 scenarios).
    The JSON format is correct but loads slower than a fresh compile. When this test
    fails, regopy has fixed the bug and a disk cache may pay (about 10 ms to load
    against 0.2-0.4 s to compile the rule set).
    """
    import regopy

    module = 'package t\n\nmsg := sprintf("%s!", [data.t.label])\n'
    built = regopy.Interpreter()
    built.log_level = regopy.LogLevel.NONE
    built.add_data_json(json.dumps({"t": {"label": "hi"}}))
    built.add_module("t.rego", module)
    bundle = built.build(None, ["t/msg"])
    path = str(tmp_path / "t.rbb")
    built.save_bundle(path, bundle, regopy.BundleFormat.Binary)
    loaded = regopy.Interpreter()
    loaded.log_level = regopy.LogLevel.NONE
    reloaded = loaded.load_bundle(path, regopy.BundleFormat.Binary)
    built.set_input_term("{}")
    loaded.set_input_term("{}")
    fresh_text = _entrypoint_text(built, bundle, "t/msg")
    loaded_text = _entrypoint_text(loaded, reloaded, "t/msg")
    assert json.loads(fresh_text) == {"expressions": ["hi!"]}
    assert loaded_text != fresh_text, "regopy fixed binary bundles: revisit a bundle cache"
    assert '""hi"!"' in loaded_text


def _entrypoint_text(interpreter: Any, bundle: Any, entrypoint: str) -> str:
    from regopy.rego_shared import rego_bundle_query_entrypoint, rego_output_string

    output = rego_bundle_query_entrypoint(interpreter._impl, bundle._impl, entrypoint)
    return str(rego_output_string(output))
