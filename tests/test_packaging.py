"""The package list in pyproject.toml is written out by hand (the rule packs
live outside src/ and are mapped in); a sub-package missing from it installs
fine in editable mode and breaks every real install."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_package_is_listed_for_installation() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")}
    assert found - listed == set()
    assert "claimlint.rules" in listed


def test_built_in_packs_are_found_beside_the_package_and_through_importlib_resources(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimlint import packs, rules

    found = packs.builtin_pack_dir()
    assert (found / "overstatement.yaml").is_file()
    # Installed as a zip, say: no folder beside the module, so importlib.resources answers.
    monkeypatch.setattr(rules, "__file__", str(found / "missing" / "__init__.py"))
    assert packs.builtin_pack_dir() == found
