"""Settings: layering and documentation."""

from __future__ import annotations

import pytest

from drugkg.config import DEFAULTS, load_config
from drugkg.errors import DrugkgError
from tests.conftest import ROOT


def test_layers(tmp_path):
    (tmp_path / "drugkg.toml").write_text('max_rows = 5\nstore = "memory:"\nport = 9000\n')
    cfg = load_config({"PORT": "9100"}, instance_dir=tmp_path,
                      environ={"DRUGKG_MAX_ROWS": "7", "DRUGKG_ALLOW_UPDATES": "yes"})
    assert cfg["STORE"] == "memory:"  # instance file
    assert cfg["MAX_ROWS"] == 7  # environment over instance file
    assert cfg["PORT"] == 9100  # explicit over everything
    assert cfg["ALLOW_UPDATES"] is True
    assert cfg["QUERY_TIMEOUT"] == DEFAULTS["QUERY_TIMEOUT"]


def test_unknown_and_malformed_settings_are_errors(tmp_path):
    (tmp_path / "drugkg.toml").write_text("colour = 'red'\n")
    with pytest.raises(DrugkgError, match="unknown setting"):
        load_config(instance_dir=tmp_path, environ={})
    with pytest.raises(DrugkgError, match="not a int"):
        load_config(environ={"DRUGKG_MAX_ROWS": "many"}, instance_dir=ROOT / "docs")


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "configuration.md").read_text()
    for name in DEFAULTS:
        assert f"`{name}`" in doc, name
