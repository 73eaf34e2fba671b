"""What claimlint may and may not do to the machine it runs on: YAML is read
with safe loaders only, code is imported only from plugins the user installed
or named, checked files are never written, the network is never touched, and
the files it does write are replaced atomically."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimlint import files, packs
from claimlint.cli import main
from claimlint.plugins import load_plugins

SRC = Path(__file__).resolve().parent.parent / "src" / "claimlint"
CLAIM = "Our stem cell therapy cures MS.\n"


# -- YAML ------------------------------------------------------------------------


def test_every_yaml_load_in_the_source_uses_a_safe_loader() -> None:
    unsafe = []
    for path in SRC.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(call in line for call in ("yaml.unsafe_load", "yaml.full_load", "yaml.load_all", "Loader=yaml.Loader",
                                             "yaml.FullLoader", "yaml.UnsafeLoader", "yaml.CLoader", "yaml.CFullLoader")):
                unsafe.append(f"{path.name}:{number}")
            if "yaml.load(" in line and "_make_loader" not in line:
                unsafe.append(f"{path.name}:{number}")
    assert unsafe == []
    constructors = packs._line_loader().__mro__
    assert yaml.constructor.SafeConstructor in constructors
    assert yaml.constructor.FullConstructor not in constructors and yaml.constructor.UnsafeConstructor not in constructors


def test_a_python_tag_in_the_configuration_is_an_error_and_runs_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "owned"
    config = tmp_path / ".claimlint.yaml"
    config.write_text(f"select: [ALL]\nignore: !!python/object/apply:os.system [\"touch {marker}\"]\n")
    (tmp_path / "page.md").write_text(CLAIM)
    assert main(["check", "--config", str(config), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"claimlint: error: {config}:2: invalid YAML: could not determine a constructor for the tag")
    assert not marker.exists()


def test_a_python_tag_in_front_matter_is_not_constructed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "owned"
    page = tmp_path / "page.md"
    page.write_text(f"---\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n---\n\n{CLAIM}")
    assert main(["check", "--isolated", "--format", "concise", str(page)]) == 1
    assert "CL101" in capsys.readouterr().out
    assert not marker.exists()


# -- code ------------------------------------------------------------------------


PLUGIN_SOURCE = "import os\nos.environ['CLAIMLINT_TEST_IMPORTED'] = __name__\nKINDS = {}\n"


def test_modules_in_the_checked_tree_or_on_the_path_are_never_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("claimlint_plugin.py", "conftest.py", "claimlint_rules.py", "plugin.py"):
        (tmp_path / name).write_text(PLUGIN_SOURCE)
    (tmp_path / "page.md").write_text(CLAIM)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMLINT_TEST_IMPORTED", raising=False)
    assert main(["check", "--isolated", str(tmp_path)]) == 1
    assert main(["rules", "--isolated"]) == 0
    capsys.readouterr()
    assert "CLAIMLINT_TEST_IMPORTED" not in os.environ
    assert not {"claimlint_plugin", "claimlint_rules", "plugin"} & set(sys.modules)


def test_plugins_load_only_from_entry_points_and_named_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "named_plugin.py").write_text(PLUGIN_SOURCE)
    (tmp_path / "installed_plugin.py").write_text(PLUGIN_SOURCE)
    # An installed distribution that declares the plugin, as pip would leave it.
    dist_info = tmp_path / "installed_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: installed-plugin\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[claimlint.plugins]\ninstalled = installed_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    load_plugins(())
    assert "installed_plugin" in sys.modules and "named_plugin" not in sys.modules
    load_plugins(("named_plugin",))
    assert "named_plugin" in sys.modules
    for name in ("named_plugin", "installed_plugin"):
        monkeypatch.delitem(sys.modules, name)


def test_without_a_declared_plugin_the_entry_point_machinery_is_not_imported(tmp_path: Path) -> None:
    from claimlint.plugins import _may_declare_plugins

    site = tmp_path / "site-packages"
    (site / "other-1.0.dist-info").mkdir(parents=True)
    (site / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    assert not _may_declare_plugins([str(site), str(tmp_path / "missing")])
    (site / "plugin-1.0.dist-info").mkdir()
    (site / "plugin-1.0.dist-info" / "entry_points.txt").write_text("[claimlint.plugins]\nplugin = plugin\n")
    assert _may_declare_plugins([str(site)])
    egg = tmp_path / "eggplug-1.0-py3.11.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "entry_points.txt").write_text("[claimlint.plugins]\neggplug = eggplug\n")
    assert _may_declare_plugins([str(egg)])
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK")
    assert _may_declare_plugins([str(archive)])  # not looked into: assumed to hold one
    code = ("import sys; from claimlint.plugins import load_plugins; load_plugins(()); "
            "print('importlib.metadata' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- the checked files -------------------------------------------------------------


def _tree(root: Path) -> None:
    pages = {
        "index.md": "---\ntitle: Clinic\n---\n# Welcome\n\n" + CLAIM + "\n<!-- claimlint-disable-next-line CL201 -->\nNo side effects.\n",
        "blog/post.html": "<html><head><title>Miracle</title></head><body><p>A 2023 study showed 80% of patients improved.</p></body></html>",
        "blog/notes.txt": "Call +1 305 555 0172 or write to care@clinic.example for stem cell therapy.\r\n",
        "legacy.txt": "Caf\xe9 cures MS.\n",
        "empty.md": "",
    }
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("cp1252" if name == "legacy.txt" else "utf-8"))
    (root / "logo.png.txt").write_bytes(b"\x89PNG\x00\x00binary")
    (root / "readonly.md").write_text(CLAIM)
    (root / "readonly.md").chmod(0o444)


def _state(root: Path) -> dict[str, tuple[bytes, int, int] | None]:
    state: dict[str, tuple[bytes, int, int] | None] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        state[path.relative_to(root).as_posix()] = None if path.is_dir() else (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return state


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--output", "{out}/report.txt"], ["--format", "sarif", "--output", "{out}/r.sarif"],
                                   ["--write-baseline", "{out}/baseline.json"], ["--jobs", "2"], ["--statistics"]])
def test_checking_never_writes_to_the_checked_tree(tmp_path: Path, extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    out.mkdir()
    _tree(site)
    before = _state(site)
    main(["check", "--isolated", *[arg.format(out=out) for arg in extra], str(site)])
    capsys.readouterr()
    assert _state(site) == before


# -- the network ---------------------------------------------------------------------


def test_a_run_never_touches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"network access: {args!r}")

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)
    site = tmp_path / "site"
    site.mkdir()
    _tree(site)
    (site / "links.md").write_text("See [the study](https://pubmed.ncbi.nlm.nih.gov/12345678/) and www.clinic.example/book.\n"
                                   "DOI 10.1000/xyz123. WhatsApp +52 998 555 0143.\n")
    assert main(["check", "--isolated", "--format", "json", "--jobs", "1", str(site)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [] and {"CL101", "CL401"} <= {f["rule"] for f in report["findings"]}
    assert main(["rules", "--isolated"]) == 0
    assert main(["rule", "CL101", "--isolated"]) == 0


# -- the files claimlint writes ---------------------------------------------------------------


@pytest.fixture()
def previous_report(tmp_path: Path) -> Path:
    (tmp_path / "page.md").write_text(CLAIM)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("the previous report\n")
    report.chmod(0o640)
    return report


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_report_that_fails_midway_leaves_the_previous_output_intact(previous_report: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint.reporters import json as json_reporter

    def half_then_fail(report: object, out: object, **options: object) -> None:
        out.write('{"version": 1, "findings": [')  # type: ignore[attr-defined]
        raise RuntimeError("reporter bug")

    monkeypatch.setattr(json_reporter, "write", half_then_fail)
    assert main(["check", "--isolated", "--format", "json", "--output", str(previous_report), str(previous_report.parent.parent)]) == 2
    assert "internal error: RuntimeError: reporter bug" in capsys.readouterr().err
    assert previous_report.read_text() == "the previous report\n"
    assert _leftovers(previous_report.parent) == []


def test_a_full_disk_leaves_the_previous_output_intact(previous_report: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    assert main(["check", "--isolated", "--format", "json", "--output", str(previous_report), str(previous_report.parent.parent)]) == 2
    assert capsys.readouterr().err.strip() == f"claimlint: error: cannot write {previous_report}: No space left on device"
    assert previous_report.read_text() == "the previous report\n"
    assert _leftovers(previous_report.parent) == []


def test_an_interrupted_write_leaves_the_previous_baseline_intact(previous_report: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    baseline = previous_report
    assert main(["check", "--isolated", "--write-baseline", str(baseline), str(previous_report.parent.parent)]) == 2
    assert capsys.readouterr().err.strip() == "Aborted."
    assert baseline.read_text() == "the previous report\n"
    assert _leftovers(baseline.parent) == []


def test_a_written_report_replaces_the_old_one_and_keeps_its_mode(previous_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--isolated", "--format", "json", "--output", str(previous_report), str(previous_report.parent.parent)]) == 1
    assert json.loads(previous_report.read_text())["findings"][0]["rule"] == "CL101"
    assert stat.S_IMODE(previous_report.stat().st_mode) == 0o640
    assert _leftovers(previous_report.parent) == []


def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        files.write_atomically(tmp_path / "new.txt", "text\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
    assert (tmp_path / "new.txt").read_text() == "text\n"

