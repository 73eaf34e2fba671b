#!/usr/bin/env python3
"""``claimlint audit`` on a simulated crawl: prints figures, asserts nothing.

    python bench/audit_benchmark.py [--pages 50000] [--pages-per-warc 1000] [--workers 2]

Builds (once, kept in the temporary folder) a crawl of WARC.gz files: sites
with realistic page counts (a few large sites with thousands of pages, many
small ones with a dozen; page counts drawn from a Pareto law), HTML pages of
the speed benchmark's clinic copy and careful text inside the boilerplate a
real page carries (navigation, an inline script and style, a footer), with
request records, redirects and images between them as crawlers write them.
Then it audits the crawl with one process and with a local Dask cluster
(``--cluster local``), and prints pages/s and MB/s (of WARC.gz read and of
HTML checked) for each, and the rate per worker from which a reader can size
a cluster for a crawl of ten million pages.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchmark  # noqa: E402

CRAWL = Path(tempfile.gettempdir()) / "claimlint-audit-crawl"
WORDS = ["menu", "home", "about", "team", "contact", "blog", "services", "faq", "privacy", "terms", "careers", "press"]


def _boilerplate(rng: random.Random, site: str) -> tuple[str, str]:
    """What surrounds a page's text on a real site: a head with an inline style
    and script, a navigation bar, and a footer."""
    identifiers = " ".join(f"var {rng.choice(WORDS)}{rng.randint(0, 99999)} = {rng.random():.6f};" for _ in range(120))
    style = " ".join(f".{rng.choice(WORDS)}-{rng.randint(0, 999)} {{ margin: {rng.randint(0, 40)}px; }}" for _ in range(80))
    nav = "".join(f'<li><a href="https://{site}/{word}">{word.title()}</a></li>' for word in WORDS)
    head = f"<head><title>{site}</title><style>{style}</style><script>{identifiers}</script></head>"
    footer = f"<footer><p>&copy; {site}. All rights reserved.</p><ul>{nav}</ul></footer>"
    return head + f"<body><nav><ul>{nav}</ul></nav><main>", f"</main>{footer}</body>"


def build(pages: int, per_warc: int) -> tuple[int, int, int]:
    """The crawl (reused when one of this size exists); returns WARC files, their
    bytes and the bytes of HTML in them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    marker = CRAWL / f".built-{pages}-{per_warc}"
    if not marker.exists():
        shutil.rmtree(CRAWL, ignore_errors=True)
        CRAWL.mkdir(parents=True)
        rng = random.Random(20261206)
        sites: list[tuple[str, int]] = []
        remaining = pages
        while remaining > 0:
            count = min(remaining, 3_000, max(3, int(rng.paretovariate(1.2) * 10)))
            sites.append((f"www.clinic{len(sites):05d}.{rng.choice(['com', 'co.uk', 'com.mx', 'de', 'ae', 'org'])}", count))
            remaining -= count
        html_bytes = 0
        index = 0
        writer = output = None
        for site, count in sites:
            for number in range(count):
                if index % per_warc == 0:
                    if output is not None:
                        output.close()
                    output = open(CRAWL / f"crawl-{index // per_warc:05d}.warc.gz", "wb")
                    writer = WARCWriter(output, gzip=True)
                assert writer is not None
                uri = f"https://{site}/page-{number}"
                top, bottom = _boilerplate(rng, site)
                body = (top + "".join(f"<p>{benchmark._paragraph(rng)}</p>" for _ in range(rng.randint(4, 9))) + bottom).encode()
                html_bytes += len(body)
                writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))
                if number % 25 == 0:  # an image and a redirect now and then, as a crawl has them
                    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(uri + ".png", "response", payload=BytesIO(rng.randbytes(2000)),
                                                                  http_headers=image))
                    moved = StatusAndHeaders("301 Moved Permanently", [("Location", uri)], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(uri + "/", "response", payload=BytesIO(b""), http_headers=moved))
                index += 1
        if output is not None:
            output.close()
        marker.write_text(f"{len(sites)} {html_bytes}")
    _, html_bytes = marker.read_text().split()
    warcs = sorted(CRAWL.glob("*.warc.gz"))
    return len(warcs), sum(w.stat().st_size for w in warcs), int(html_bytes)


def _audit(extra: list[str], out: Path, inputs: list[str] | None = None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimlint", "audit", "--isolated", "--out", str(out), *extra, *(inputs or [str(CRAWL)])],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--pages-per-warc", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    files, warc_bytes, html_bytes = build(args.pages, args.pages_per_warc)
    sites = int((CRAWL / f".built-{args.pages}-{args.pages_per_warc}").read_text().split()[0])
    print(f"crawl: {args.pages:,} pages on {sites:,} sites in {files} WARC.gz files, {warc_bytes / 1e6:.0f} MB "
          f"({html_bytes / 1e6:.0f} MB of HTML); built or found in {time.perf_counter() - start:.0f} s")
    with tempfile.TemporaryDirectory() as folder:
        # The cache of parsed rules and the compiled prefilter, filled first, as
        # every audit after the first on a machine finds it.
        _audit(["--jobs", "1", "--restart"], Path(folder) / "warm", [str(sorted(CRAWL.glob("*.warc.gz"))[0])])
        runs = [("one process", ["--jobs", "1"], 1),
                (f"local Dask cluster, {args.workers} workers", ["--cluster", "local", "--jobs", str(args.workers)], args.workers)]
        for name, extra, workers in runs:
            seconds = _audit(extra, Path(folder) / "out")
            print(f"{name:32s} {seconds:7.1f} s  {args.pages / seconds:7.0f} pages/s  {warc_bytes / 1e6 / seconds:5.2f} MB/s of WARC.gz  "
                  f"{html_bytes / 1e6 / seconds:5.2f} MB/s of HTML  per worker {args.pages / seconds / workers:6.0f} pages/s")
            if workers > 1:
                rate = args.pages / seconds / workers
                print(f"  a ten-million-page crawl at {rate:.0f} pages/s per worker: {10_000_000 / rate / 3600:.0f} worker-hours, "
                      f"about {10_000_000 / rate / 3600 / 8:.1f} hours on 8 workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
