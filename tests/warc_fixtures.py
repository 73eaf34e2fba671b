"""WARC files written for the audit tests with warcio's own writer: HTML pages
on a few sites, a redirect, non-HTML records, a page with a charset no codec
knows, request and warcinfo records; gzipped per record or plain."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

CLINIC = """<html><head><title>Stem cells in Cancún</title></head><body>
<h1>Our stem cell therapy cures multiple sclerosis</h1>
<p>It is completely safe, with no side effects.</p>
<p>Book your consultation today on WhatsApp +52 998 555 0101.</p>
</body></html>"""

SHOP = """<html><body><p>NeuroRenew capsules reverse Alzheimer's disease. Order now!</p></body></html>"""

CAREFUL = """<html><body><p>There is currently no cure for multiple sclerosis. Treatments aim to slow it.</p></body></html>"""

BOGUS_CHARSET = "<html><body><p>Unser Tee heilt Arthritis — our tea cures arthritis for good, naïve café owners say.</p></body></html>"

PAGES = [
    # (target URI, content type, body, status)
    ("https://www.clinic-a.com/", "text/html; charset=utf-8", CLINIC, "200 OK"),
    ("https://shop.clinic-a.com/neurorenew", "text/html", SHOP, "200 OK"),
    ("http://clinic-b.co.uk/about", "text/html; charset=utf-8", CAREFUL, "200 OK"),
    ("http://clinic-b.co.uk/old", "text/html", "", "301 Moved Permanently"),
    ("http://clinic-b.co.uk/logo.png", "image/png", "\x89PNG\r\n", "200 OK"),
    ("http://clinic-b.co.uk/brochure.pdf", "application/pdf", "%PDF-1.4 cures everything", "200 OK"),
    ("https://tea.example.org/", "text/html; charset=x-bogus", BOGUS_CHARSET, "200 OK"),
]


def write_warc(path: Path, *, gzip: bool = True, pages: list[tuple[str, str, str, str]] | None = None) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimlint tests"}))
        for uri, content_type, body, status in pages if pages is not None else PAGES:
            request = writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = [("Content-Type", content_type)]
            if status.startswith("3"):
                headers.append(("Location", uri + "/new"))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(body.encode("utf-8")), http_headers=http)
            writer.write_record(record)
    return path


def truncated(path: Path, keep: float = 0.7) -> Path:
    """The file cut short, as a crawler killed mid-write leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path
