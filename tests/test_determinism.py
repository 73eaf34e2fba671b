"""The same files give byte-identical reports: run after run, whatever the
number of worker processes and whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.cli import main

PAGES = {
    "index.md": "---\ntitle: Renew Clinic\ndescription: Miracle stem cell cures\n---\n# Welcome\n\nOur stem cell therapy cures MS.\n\n"
                "There is no cure for MS.\n\n- No side effects\n- Guaranteed results\n\n| Package | Price |\n|---|---|\n| Basic | $9,900 |\n",
    "about/team.md": "Dr. Alvarez has treated 4,000 patients since 2011. A 2023 study showed 80% of patients improved.\n\n"
                     "In 2024, the same study confirmed these results.\n\n<!-- claimlint-disable-next-line CL201 -->\nIt is completely safe.\n",
    "about/contact.html": "<html><head><title>Contact</title><meta name=\"description\" content=\"Book stem cell therapy for autism\"></head>"
                          "<body><p>WhatsApp +52 998 555 0143</p><p>Email <a href=\"mailto:care@renew.example\">care@renew.example</a></p>"
                          "<p>“I can walk again!” says Maria.</p></body></html>",
    "blog/2024/exosomes.html": "<article><h1>Exosomes &amp; ageing</h1><p>Our exosome serum reverses ageing naturally&nbsp;— "
                               "clinically proven.</p><script>var cure = 1;</script></article>",
    "blog/2024/notes.txt": "Clínica São Paulo: nossa terapia cura.\r\nOur therapy cures arthritis in 6 weeks.\r\n\r\nNo side effects at all!\r\n",
    "blog/careful.md": "Research on cell therapies continues. Talk to your neurologist before you pay for any treatment.\n",
    "press/release.txt": "The phase II trial enrolled 120 participants. The phase III trial enrolled 120 participants.\n"
                        "\tTab-indented: a groundbreaking, revolutionary treatment.\n",
    "press/empty.md": "",
    "z-last.md": "# Ω\n\nA breakthrough cure for Parkinson's 😀 — book now.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    for name, text in PAGES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    (root / "blog" / "legacy.txt").write_bytes("Caf\xe9: this remedy cures diabetes.\n".encode("cp1252"))
    (root / "blog" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return root


def _report(site: Path, out: Path, output_format: str, jobs: int) -> bytes:
    code = main(["check", "--isolated", "--no-color", "--format", output_format, "--jobs", str(jobs), "--output", str(out), str(site)])
    assert code == 1
    return out.read_bytes()


@pytest.mark.parametrize("output_format", ["json", "concise", "text"])
def test_reports_are_identical_across_runs_and_job_counts(site: Path, tmp_path: Path, output_format: str) -> None:
    reports = [_report(site, tmp_path / f"run{index}", output_format, jobs) for index, jobs in enumerate((1, 1, 2, 2))]
    assert len(reports[0]) > 1000
    assert reports[1] == reports[0] and reports[2] == reports[0] and reports[3] == reports[0]


def test_reports_are_identical_across_processes_and_hash_seeds(site: Path, tmp_path: Path) -> None:
    expected = _report(site, tmp_path / "in-process.json", "json", 1)
    for seed in ("0", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--jobs", "2", str(site)],
                              capture_output=True, env=environment, timeout=120, check=False)
        assert done.returncode == 1, done.stderr
        assert done.stdout == expected
