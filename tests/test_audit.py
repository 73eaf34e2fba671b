"""``claimlint audit``: WARC files in, findings per site out, on generated
archives (gzip and plain, a redirect, non-HTML records, a truncated archive,
a charset no codec knows)."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest

from claimlint.audit.outputs import read_part
from claimlint.audit.pages import check_warc
from claimlint.audit.run import audit
from claimlint.audit.sites import site_of
from claimlint.cli import main
from claimlint.config import Config

from warc_fixtures import CLINIC, truncated, write_warc


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """An audit opens no network connection (not even for the Public Suffix List)."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("claimlint audit tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_sites_are_registered_domains() -> None:
    assert site_of("https://www.clinic-a.com/x") == "clinic-a.com"
    assert site_of("https://shop.clinic-a.com/") == "clinic-a.com"
    assert site_of("http://clinic-b.co.uk/about") == "clinic-b.co.uk"
    assert site_of("http://192.168.1.20:8080/") == "192.168.1.20"
    assert site_of("urn:x") == ""


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_html_pages_are_linted_with_their_url_and_the_rest_counted(linter, tmp_path: Path, gzipped: bool) -> None:
    warc = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzip=gzipped)
    records = list(check_warc(linter, warc))
    pages = {r["url"]: r for r in records if r["type"] == "page"}
    assert sorted(pages) == ["http://clinic-b.co.uk/about", "https://shop.clinic-a.com/neurorenew", "https://tea.example.org/",
                             "https://www.clinic-a.com/"]
    done = records[-1]
    assert done["type"] == "done" and done["pages"] == 4
    assert done["skipped"] == {"redirect": 1, "not HTML": 2}
    clinic = pages["https://www.clinic-a.com/"]
    assert clinic["site"] == "clinic-a.com" and clinic["date"] and clinic["content_type"] == "text/html"
    cure = next(f for f in clinic["findings"] if f["rule"] == "CL101")
    # The position is in the response body.
    line = CLINIC.split("\n")[cure["line"] - 1]
    assert line[cure["column"] - 1:cure["end_column"] - 1] == cure["text"] == "cures"
    assert pages["http://clinic-b.co.uk/about"]["findings"] == []  # careful text stays quiet


def test_a_charset_no_codec_knows_is_read_anyway_with_a_note(linter, tmp_path: Path) -> None:
    records = list(check_warc(linter, write_warc(tmp_path / "crawl.warc.gz")))
    tea = next(r for r in records if r.get("url") == "https://tea.example.org/" and r["type"] == "page")
    assert any("x-bogus" in note for note in tea["notes"])
    assert any(f["category"] == "overstatement" for f in tea["findings"])


def test_a_truncated_archive_keeps_the_pages_before_the_cut(linter, tmp_path: Path) -> None:
    warc = truncated(write_warc(tmp_path / "crawl.warc.gz"))
    records = list(check_warc(linter, warc))
    assert records[-1]["type"] == "done"
    skipped = records[-1]["skipped"]
    assert sum(skipped.get(reason, 0) for reason in ("truncated archive", "truncated record", "truncated or malformed archive")) == 1
    assert 1 <= records[-1]["pages"] < 4


def test_garbage_is_a_note_not_a_crash(linter, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00not really gzip at all" * 10)
    records = list(check_warc(linter, garbage))
    assert records[-1]["type"] == "done" and records[-1]["pages"] == 0 and sum(records[-1]["skipped"].values()) >= 1


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_audit_sums_up_per_site_and_resumes_without_redoing_finished_files(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    first = write_warc(crawl / "a.warc.gz")
    second = write_warc(crawl / "b.warc", gzip=False)
    out = tmp_path / "out"
    result = audit([first], out, Config(), jobs=1)
    assert result.pages == 4 and result.resumed == 0
    part = next((out / "parts").iterdir())
    before = part.stat().st_mtime_ns
    result = audit([first, second], out, Config(), jobs=2)
    assert result.resumed == 1 and result.warcs == 2 and result.pages == 8
    assert part.stat().st_mtime_ns == before  # the finished WARC file was not checked again
    sites = [json.loads(line) for line in (out / "sites.jsonl").read_text(encoding="utf-8").splitlines()]
    by_name = {site["site"]: site for site in sites}
    assert set(by_name) == {"clinic-a.com", "clinic-b.co.uk", "example.org"}
    assert by_name["clinic-a.com"]["pages"] == 4 and by_name["clinic-b.co.uk"]["findings"] == 0
    assert sites[0]["site"] == "clinic-a.com"  # most findings first
    worst = by_name["clinic-a.com"]["worst_pages"][0]
    assert worst["url"] == "https://www.clinic-a.com/" and worst["top_findings"][0]["severity"] == "error"
    rows = _rows(out / "sites.csv")
    assert [row["site"] for row in rows] == [site["site"] for site in sites]
    assert int(rows[0]["overstatement"]) == by_name["clinic-a.com"]["by_category"]["overstatement"]
    assert len(_rows(out / "pages.csv")) == 8
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert "2 WARC files (1 already audited), 8 HTML pages on 3 sites" in summary
    assert "2 redirect" in summary and "4 not HTML" in summary


def test_an_interrupted_part_is_never_taken_for_a_finished_one(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "a.warc.gz")
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / ".a.warc.gz.123.tmp").write_bytes(b"half")  # a worker killed mid-write
    result = audit([warc], out, Config(), jobs=1)
    assert result.resumed == 0 and result.pages == 4
    assert all(record["type"] != "page" or record["url"] for record in read_part(next((out / "parts").glob("*.jsonl.gz"))))


def test_the_command_prints_the_summary_and_writes_the_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_warc(tmp_path / "a.warc.gz")
    out = tmp_path / "out"
    assert main(["audit", "--isolated", "--no-cache", "--out", str(out), "--jobs", "1", str(tmp_path)]) == 0
    printed = capsys.readouterr()
    assert "1 WARC file (0 already audited), 4 HTML pages on 3 sites" in printed.out
    assert "clinic-a.com" in printed.out
    for name in ("sites.jsonl", "sites.csv", "pages.csv", "summary.txt"):
        assert (out / name).exists(), name
    assert main(["audit", str(tmp_path / "missing.warc.gz")]) == 2


def test_a_local_two_worker_cluster_gives_the_single_process_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="the cluster extra (dask distributed) is not installed")
    monkeypatch.undo()  # the cluster's own processes talk to each other over local sockets
    from claimlint.audit.cluster import audit_on_cluster

    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", "")  # no cache: a small crawl then compiles no prefilter
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    warcs = [write_warc(crawl / f"{name}.warc.gz") for name in ("a", "b", "c")]
    truncated(warcs[2])
    single = audit(warcs, tmp_path / "single", Config(), jobs=1)
    clustered = audit_on_cluster(warcs, tmp_path / "cluster", Config(), "local", workers=2)
    assert clustered.pages == single.pages and clustered.skipped == single.skipped
    for name in ("sites.jsonl", "sites.csv", "pages.csv", "summary.txt"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "single" / name).read_bytes(), name
    for part in (tmp_path / "single" / "parts").iterdir():
        assert list(read_part(part)) == list(read_part(tmp_path / "cluster" / "parts" / part.name))


def test_the_audit_writes_a_summary_page_that_shows_hostile_urls_as_text(tmp_path: Path) -> None:
    import html5lib

    hostile = [('https://evil.example/"><script>alert(1)</script>', "text/html",
                "<p onclick=alert(2)>Our <script>alert(3)</script>tea cures arthritis.</p>", "200 OK")]
    warc = write_warc(tmp_path / "a.warc.gz", pages=hostile)
    out = tmp_path / "out"
    audit([warc], out, Config(), jobs=1)
    page = (out / "report.html").read_text(encoding="utf-8")
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert tree.findall(".//script") == []
    assert all(not name.startswith("on") for element in tree.iter() for name in element.attrib)
    assert '"><script>alert(1)</script>' in "".join(tree.find(".//main").itertext())
    assert "script-src 'none'" in tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "evil.example" in page and "CL101" in page

