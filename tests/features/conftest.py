"""Loads gatekeeper's step library for the feature tests.

Once the package declares the ``pytest11`` entry point ``gatekeeper`` the plugin is
already registered and this file does nothing; until then it registers the plugin
itself. (``pytest_plugins`` here would break a whole-suite run: pytest refuses it in a
conftest below the root.) Registered while options are added, so the
``--gatekeeper-*`` options work when this folder is named on the command line.
"""

from __future__ import annotations

import pytest

from gatekeeper.bdd import plugin as _plugin


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    if not pluginmanager.is_registered(_plugin):
        pluginmanager.consider_module(_plugin)
        pluginmanager.register(_plugin, "gatekeeper.bdd.plugin")
