"""Pages summed up per site, a site being a registered domain
("www.clinic.co.uk" and "shop.clinic.co.uk" are "clinic.co.uk").

The Public Suffix List is the one tldextract ships: it is never fetched, so an
audit opens no network connection and gives the same sites on every machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

# How many of a site's pages, and of each page's findings, the site table names.
WORST_PAGES = 5
TOP_FINDINGS = 3


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def site_of(url: str) -> str:
    """The registered domain of ``url``; its host when it has none (an IP
    address, "localhost"), and "" when it has no host."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if not host:
        return ""
    extracted = _extractor()(host)
    return extracted.top_domain_under_public_suffix or host


@dataclass
class Site:
    name: str
    pages: int = 0
    pages_with_findings: int = 0
    findings: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    worst: list[tuple[int, str, list[dict[str, Any]]]] = field(default_factory=list)
    """(findings, URL, top findings) of the pages with most findings."""

    def add(self, page: dict[str, Any]) -> None:
        findings = page["findings"]
        self.pages += 1
        self.findings += len(findings)
        if findings:
            self.pages_with_findings += 1
        for finding in findings:
            self.by_category[finding["category"]] = self.by_category.get(finding["category"], 0) + 1
            self.by_rule[finding["rule"]] = self.by_rule.get(finding["rule"], 0) + 1
        if findings:
            top = sorted(findings, key=_seriousness)[:TOP_FINDINGS]
            self.worst.append((len(findings), page["url"], [_brief(f) for f in top]))
            # Ties broken by URL, so that the table does not depend on the order
            # in which WARC files (or cluster workers) finished.
            self.worst.sort(key=lambda item: (-item[0], item[1]))
            del self.worst[WORST_PAGES:]

    def as_record(self) -> dict[str, Any]:
        return {
            "site": self.name,
            "pages": self.pages,
            "pages_with_findings": self.pages_with_findings,
            "findings": self.findings,
            "findings_per_page": round(self.findings / self.pages, 3) if self.pages else 0.0,
            "by_category": dict(sorted(self.by_category.items())),
            "by_rule": dict(sorted(self.by_rule.items())),
            "worst_pages": [{"url": url, "findings": count, "top_findings": top} for count, url, top in self.worst],
        }


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _seriousness(finding: dict[str, Any]) -> tuple[int, int, int, str]:
    return (_SEVERITY_ORDER.get(finding["severity"], 3), finding["line"], finding["column"], finding["rule"])


def _brief(finding: dict[str, Any]) -> dict[str, Any]:
    return {key: finding[key] for key in ("rule", "category", "severity", "line", "column", "text")}


class SiteTotals:
    """Pages added one at a time: memory grows with the number of sites, never
    with the pages or their findings."""

    def __init__(self) -> None:
        self._sites: dict[str, Site] = {}

    def add(self, page: dict[str, Any]) -> None:
        name = page["site"]
        site = self._sites.get(name)
        if site is None:
            site = self._sites[name] = Site(name)
        site.add(page)

    def sites(self) -> list[Site]:
        """Sites by findings (most first), then by name."""
        return sorted(self._sites.values(), key=lambda site: (-site.findings, site.name))


def sum_sites(pages: Iterable[dict[str, Any]]) -> list[Site]:
    totals = SiteTotals()
    for page in pages:
        totals.add(page)
    return totals.sites()
