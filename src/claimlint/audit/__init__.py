"""Audit web crawls: read WARC files, lint every HTML response with its URL as
the path, and sum the findings up per site (``claimlint audit``).

:mod:`.warc` reads the records; :mod:`.pages` checks one WARC file's pages;
:mod:`.sites` sums pages up per registered domain; :mod:`.outputs` writes the
per-WARC parts (so that an interrupted audit resumes) and the site tables.
Needs the ``audit`` extra (``pip install 'claimlint[audit]'``): warcio reads
the archives, tldextract's bundled Public Suffix List names the sites. No
network connection is ever opened."""

from __future__ import annotations
