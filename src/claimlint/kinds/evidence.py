"""``evidence``: a study, trial, statistic or expert offered as proof, with no
citation a reader could check in the same sentence or the next one.

The trigger is the rule's ``patterns``, as for ``phrase``; what differs is
what cancels a match by default: a citation (a link, DOI, PubMed or PMC id,
trial registry number, resolving reference marker or author-year reference
in the sentence or the next), a denial in the claim's own words ("studies
have failed to show"), research only under way, a next sentence that takes
the claim back. Typical evidence rules also lower the severity of a result
attributed to a named journal (``context: {downgrade: {attribution: info}}``)
and are quiet on a page that summarises its own review (``page: {cancel:
[review]}``)."""

from __future__ import annotations

from .phrase import PhraseKind


class EvidenceKind(PhraseKind):
    DEFAULT_CANCEL = ("citation", "negation", "denial", "question", "reported", "warning", "retraction", "hypothetical")
