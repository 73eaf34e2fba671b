"""The prefilters may only ever cost speed, never a finding.

Both passes (literal anchors, and Hyperscan over rewritten patterns) must name
every sentence in which a watched pattern matches. These tests hold the
rewriting to that on rule examples, the project's corpus and generated text,
check that the two passes give identical findings, and check the cache of
compiled databases."""

from __future__ import annotations

import json
import shutil
import string
import tempfile
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.analysis import Analysis
from claimlint.cli import main
from claimlint.config import Config
from claimlint.kinds import FLAGS
from claimlint.packs import load_rules
from claimlint.prefilter import FAST_MIN_BYTES, CandidateIndex
from claimlint.prefilter.superset import OTHER, SPACE, Unsupported, fold, superset
from claimlint.readers import read_document
from claimlint.runner import Linter
from claimlint.text.sentences import Sentences

hyperscan_index = pytest.importorskip("claimlint.prefilter.hyperscan_index")
if not hyperscan_index.available():
    pytest.skip("hyperscan is not installed on this platform", allow_module_level=True)

CORPUS = Path(__file__).parent / "corpus"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def plain() -> Linter:
    linter = Linter(Config(preview=True))
    assert linter.engine.index.fast is None
    return linter


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    # Preview rules on: the database holds their patterns too, and both
    # prefilters are held to every built-in rule.
    linter = Linter(Config(preview=True))
    linter.prepare(FAST_MIN_BYTES, tmp_path_factory.mktemp("cache"))
    assert linter.engine.index.fast is not None
    return linter


def _sources() -> list[str]:
    return Linter().engine.index.sources


def _texts() -> list[str]:
    texts = []
    for rule in load_rules([]):
        texts.extend(rule.spec.fires)
        texts.extend(rule.spec.passes)
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".md", ".html", ".txt"):
            fmt = {".md": "markdown", ".html": "html", ".txt": "text"}[path.suffix]
            texts.append(read_document(str(path), path.read_text(encoding="utf-8"), fmt, ()).prose)
    return texts


def _missed(linter: Linter, text: str) -> list[tuple[str, int]]:
    """Matches of watched patterns in no sentence the index names. A match
    counts as named when a candidate sentence lies between the sentence of
    its start and that of its end (a pattern searched in whole blocks may run
    over several; the index may name any of them). Patterns are searched as
    the engine searches them: sentence by sentence, and in the masked text
    when they name a term list."""
    index = linter.engine.index
    assert index.fast is not None
    sentences = Sentences(text, [(0, len(text))])
    candidates = index.fast.candidates(text, sentences.starts)
    patterns = {pattern.pattern: pattern for pattern in linter.engine.watched}
    missed = []
    for source, found in zip(index.sources, candidates, strict=True):
        named = set(found)
        for match in patterns[source].finditer(text):
            if match.end() == match.start():
                continue
            first, last = sentences.index_at(match.start()), sentences.index_at(match.end() - 1)
            if not named.intersection(range(first, last + 1)):
                missed.append((source[:60], match.start()))
    return missed


def test_a_selection_shares_the_database_of_all_built_in_rules(fast: Linter, tmp_path: Path) -> None:
    # Changing --select or --preview must not compile another database.
    everything = fast.engine.index.sources
    for config in (Config(), Config(select=("CL1",)), Config(ignore=("CL3", "CL4"))):
        assert Linter(config).engine.index.sources == everything
    linter = Linter(Config(select=("CL2",)))
    linter.prepare(FAST_MIN_BYTES, tmp_path)
    Linter(Config(select=("CL1",))).prepare(FAST_MIN_BYTES, tmp_path)
    Linter().prepare(FAST_MIN_BYTES, tmp_path)
    assert len(list(tmp_path.rglob("*.db"))) == 1


def test_every_built_in_pattern_is_rewritten_for_hyperscan(fast: Linter) -> None:
    index = fast.engine.index
    assert index.fast is not None and all(index.fast.covered) and not index.needs_lowered


def test_rewritten_patterns_find_every_match_in_examples_and_corpus(fast: Linter) -> None:
    missed = [(miss, text[:60]) for text in _texts() for miss in _missed(fast, text)]
    assert missed == []


_WORDS = sorted({word for source in _sources() for word in regex.findall(r"(?<![\\\w])[a-z]{2,}", source)})
_ODD = ["\u00a0", "’", "“", "”", "é", "É", "\u212a", "\u017f", "İ", "ß", "—", "–", "%", "$", "€", "£", "\t", "\n", "\n\n",
        ". ", ", ", "-", "'", "(", ")", "0", "4", "12", "80", "2023", "Dr.", "MS", "A", "The"]
_TOKENS = st.sampled_from(_WORDS) | st.sampled_from(_ODD) | st.text(string.ascii_letters + "àöñ", min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(tokens=st.lists(st.tuples(_TOKENS, st.sampled_from([" ", " ", "", "\u00a0", "\n"])), max_size=60))
def test_rewritten_patterns_find_every_match_in_generated_text(fast: Linter, tokens: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in tokens)
    assert _missed(fast, text) == []


@pytest.mark.parametrize(("text", "folded"), [
    ("plain ascii", b"plain ascii"),
    ("caf\u00e9\u00a0\u2019s", b"caf" + OTHER.encode() + SPACE.encode() + OTHER.encode() + b"s"),
    ("\u212aelvin \u017ftem", b"kelvin stem"),
])
def test_fold_keeps_one_byte_per_character(text: str, folded: bytes) -> None:
    assert fold(text) == folded and len(fold(text)) == len(text)


@pytest.mark.parametrize(("source", "rewritten"), [
    (r"(?<!\bno )cures?\b", "cures?"),
    (r"(?-i:\p{Lu}\p{Ll}+)", r"(?:[\x01a-z][\x01a-z]+)"),
    (r"[^.!?\n]{0,60}?to book", r"[^\x0a\x21\x2e\x3f]{0,}to\x20book"),
    (r"x{2,3}", "x{2,3}"),
    (r"x{40}", "x{16,}"),
    (r"a{}b", r"a\x7b\x7db"),
    (r"\d+ ?%", r"[0-9\x01]+\x20?%"),
])
def test_rewriting_drops_what_only_rules_matches_out(source: str, rewritten: str) -> None:
    assert superset(source) == rewritten


@pytest.mark.parametrize("source", [r"(a)\1", r"\L<words>", r"(?x) a", "[a"])
def test_constructs_without_a_rewriting_are_reported(source: str) -> None:
    with pytest.raises(Unsupported):
        superset(source)


def test_a_pattern_hyperscan_cannot_take_falls_back_to_anchors(tmp_path: Path) -> None:
    index = CandidateIndex([r"\bcures?\b", r"(a)\1cure", r"(?:x)?"])
    index = index.with_fast(index.fast_for(FAST_MIN_BYTES, tmp_path))
    assert index.fast is not None and index.fast.covered == [True, False, False] and index.needs_lowered


def test_both_prefilters_give_identical_findings(plain: Linter, fast: Linter) -> None:
    pages = sorted(p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in (".md", ".html", ".txt"))
    assert len(pages) > 60
    for page in pages:
        text = page.read_text(encoding="utf-8")
        fmt = {".md": "markdown", ".html": "html", ".txt": "text"}[page.suffix]
        assert plain.check_text(text, fmt, str(page)) == fast.check_text(text, fmt, str(page)), page


def test_a_small_run_compiles_the_database_only_when_it_can_keep_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiling takes about two seconds: a small run pays it only when the
    database is stored for the runs that follow (a pre-commit hook runs on
    every commit); without a cache folder only a large run repays it."""
    index = Linter().engine.index
    assert index.fast_for(10_000, None) is None
    assert index.fast_for(FAST_MIN_BYTES, None) is not None
    cache = tmp_path / "cache"
    monkeypatch.setattr(hyperscan_index, "_compile", lambda rewritten: pytest.fail("compiled with nowhere to keep it"))
    # An empty run, a folder that takes no file (read-only, over quota), a full disk.
    assert index.fast_for(0, cache) is None

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    with monkeypatch.context() as patched:
        patched.setattr(tempfile, "mkstemp", refuse)
        assert index.fast_for(10_000, cache) is None
    with monkeypatch.context() as patched:
        patched.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9 - 10**6, 10**6))
        assert index.fast_for(10_000, cache) is None
    monkeypatch.undo()
    assert list(cache.iterdir()) == []
    assert index.fast_for(10_000, cache) is not None
    assert len(list(cache.glob("hyperscan-*.db"))) == 1
    monkeypatch.setattr(hyperscan_index, "_compile", lambda rewritten: pytest.fail("compiled again"))
    assert index.fast_for(10, cache) is not None


def test_a_cached_database_is_loaded_not_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [r"\bcures?\b", r"\bmiracle\b"]
    hyperscan_index.HyperscanIndex.build(sources, tmp_path)
    monkeypatch.setattr(hyperscan_index, "_compile", lambda rewritten: pytest.fail("compiled again"))
    loaded = hyperscan_index.HyperscanIndex.build(sources, tmp_path)
    assert loaded.candidates("It cures. A miracle.", [0, 10]) == [[0], [1]]


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path) -> None:
    sources = [r"\bcures?\b"]
    hyperscan_index.HyperscanIndex.build(sources, tmp_path)
    (cached,) = tmp_path.glob("hyperscan-*.db")
    cached.write_bytes(cached.read_bytes()[:100])
    rebuilt = hyperscan_index.HyperscanIndex.build(sources, tmp_path)
    assert rebuilt.candidates("It cures.", [0]) == [[0]]


def test_an_unwritable_cache_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    index = hyperscan_index.HyperscanIndex.build([r"\bcures?\b"], blocker / "cache")
    assert index.candidates("It cures.", [0]) == [[0]]


def test_no_cache_option_reads_and_writes_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(cache))
    page = tmp_path / "page.md"
    page.write_text("Our therapy cures MS.\n\n" + "People with MS often keep a diary of symptoms.\n" * 40_000)
    assert main(["check", "--isolated", "--format", "json", "--no-cache", str(page)]) == 1
    assert not cache.exists()
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["CL101"]
    assert main(["check", "--isolated", "--format", "json", str(page)]) == 1
    assert len(list(cache.glob("hyperscan-*.db"))) == 1


def test_the_cache_keeps_only_the_most_recently_used_databases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hyperscan_index, "KEEP_DATABASES", 2)
    for word in ("cure", "miracle", "breakthrough"):
        hyperscan_index.HyperscanIndex.build([rf"\b{word}\b"], tmp_path)
    assert len(list(tmp_path.glob("hyperscan-*.db"))) == 2
    monkeypatch.setattr(hyperscan_index, "_compile", lambda rewritten: pytest.fail("the newest two must still be cached"))
    hyperscan_index.HyperscanIndex.build([r"\bbreakthrough\b"], tmp_path)
    hyperscan_index.HyperscanIndex.build([r"\bmiracle\b"], tmp_path)


def _single(source: str, tmp_path: Path) -> hyperscan_index.HyperscanIndex:
    return hyperscan_index.HyperscanIndex.build([source], tmp_path)


# Found in review: each construct was once rewritten into a pattern that missed
# these matches. The rewriting must now find them, or decline the pattern
# (which then goes to the anchor pass).
@pytest.mark.parametrize(("source", "flags", "text"), [
    (r"[^\W\d_]+", FLAGS, "abc"),
    (r"[^\S\n]", FLAGS, "\u00a0"),
    (r"[^\W]", FLAGS, "a"),
    (r"[^\P{L}]", FLAGS, "a"),
    (r"[^\p{L}]", FLAGS, "5"),
    (r"(?-i:[^A-Z])", FLAGS, "a"),
    (r"(?-i:[^k])", FLAGS, "\u212a"),
    (r"(?-i:[^\u017f])", FLAGS, "s"),
    (r"[^A-Z]", 0, "a"),
    (r"I", FLAGS, "\u0131"),
    (r"[A-Z]", FLAGS, "\u0131"),
    ("\u0131la\u00e7", FLAGS, "ILA\u00c7"),
    (r"[^I]", FLAGS, "\u0130"),
    (r"[^A-Z]", FLAGS, "\u0130"),
    (r"(?:cure){i<=1}", FLAGS, "cuare"),
    (r"a{,}", FLAGS, "aaa"),
    (r"\p{Word}", FLAGS, "_"),
    (r"\p{Alphabetic=N}", FLAGS, "!"),
    (r"(?V1)ss", regex.IGNORECASE, "\u00df"),
    (r"\s", FLAGS, "\u2028"),
    # Second review: negated classes that excluded the placeholders, and
    # properties whose ASCII part depends on case or is empty.
    (r"[^\x01]", FLAGS, "\u00e9"),
    (r"[^\x02]", 0, "\u00a0"),
    (r"[^\x00-\x7f]", FLAGS, "\u00e9"),
    (r"[^\x00-\x1f]", 0, "\u4e2d"),
    (r"[^\p{Lo}]", FLAGS, "a"),
    (r"[^\p{Alnum}]", FLAGS, "_"),
    (r"[^\p{Lu}]", 0, "a"),
    (r"[^\p{Lu}]", 0, "\u0131"),
    (r"[^\p{Ll}]", 0, "A"),
    (r"x(?-i:[^\p{Lu}])", FLAGS, "xa"),
])
def test_review_cases_are_found_or_declined(source: str, flags: int, text: str, tmp_path: Path) -> None:
    matches = [m for m in regex.compile(source, flags).finditer(text) if m.end() > m.start()]
    assert matches, "the case must match in the first place"
    try:
        superset(source)
    except Unsupported:
        return
    index = _single(source, tmp_path)
    if not index.covered[0]:
        return  # Hyperscan declined it (it can match the empty string, say)
    assert {m.end() - 1 for m in matches} <= set(index.candidates(text, list(range(len(text))))[0])


def test_the_case_partner_table_lists_every_character_that_matches_an_ascii_letter() -> None:
    from claimlint.prefilter.superset import ASCII_CASE_PARTNERS

    everything = "".join(chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code <= 0xDFFF)
    partners = set()
    for letter in string.ascii_letters:
        partners.update(regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE))
    assert partners == set(ASCII_CASE_PARTNERS)


def test_a_turkish_dotless_i_is_read_the_same_by_both_passes(plain: Linter, fast: Linter) -> None:
    page = "Suggested suppliers: local stores or online. Very inexpensive, \u0131NR 50-60 for a 15 ml bottle.\n"
    found = [(f.rule, f.span.column) for f in plain.check_text(page, "text", "page.txt")]
    assert found and found == [(f.rule, f.span.column) for f in fast.check_text(page, "text", "page.txt")]


def test_patterns_compiled_with_flags_the_rewriting_ignores_are_not_watched(fast: Linter) -> None:
    from claimlint.analysis import Analysis
    from claimlint.prefilter import watchable

    dotall = regex.compile(r"book now.*cure", regex.IGNORECASE | regex.DOTALL)
    assert not watchable(dotall) and not watchable(regex.compile("a b", regex.VERBOSE))
    document = read_document("page.txt", "Book now and we\ncure you.\n", "text", ())
    assert Analysis(document, fast.engine.index).matches(dotall)


def test_folding_maps_every_character_to_one_byte() -> None:
    text = "\u4e2d\u6587\u9875\u9762" * 5000 + " \u00a0ok\u3000\u0131"
    folded = fold(text)
    assert len(folded) == len(text) and folded.endswith(b" " + SPACE.encode() + b"ok" + SPACE.encode() + b"i")
    assert set(folded[:20000]) == {ord(OTHER)}


def test_a_read_only_cache_is_still_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    hyperscan_index.HyperscanIndex.build([r"\bcures?\b"], tmp_path)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "utime", read_only)
    assert hyperscan_index.HyperscanIndex.load([r"\bcures?\b"], tmp_path) is not None


_ODD_CHARS = list("aAkKsSiIzZ09_-^ \t\n.~@`{") + ["\x00", "\x01", "\x02", "\x1c", "\x7f", "\x85", "\xa0", "\u00e9", "\u00c9",
                                               "\u00df", "\u212a", "\u017f", "\u0130", "\u0131", "\u0663", "\u2003",
                                               "\u3000", "\u2028", "\u4e2d", "\u00b2"]
_CLASS_ESCAPES = [r"\d", r"\s", r"\w", r"\D", r"\S", r"\W", r"\p{L}", r"\p{Lu}", r"\p{Ll}", r"\p{N}", r"\p{Word}",
                  r"\p{Alnum}", r"\P{L}", r"\p{Lo}", r"\p{Greek}", r"\p{^L}"]


def _escaped(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


_MEMBER = (st.sampled_from(_CLASS_ESCAPES) | st.sampled_from(_ODD_CHARS).map(_escaped)
           | st.tuples(st.sampled_from(_ODD_CHARS), st.sampled_from(_ODD_CHARS))
           .map(lambda pair: "-".join(_escaped(c) for c in sorted(pair, key=ord))))
_CLASS = st.tuples(st.booleans(), st.lists(_MEMBER, min_size=1, max_size=4)).map(
    lambda item: "[" + ("^" if item[0] else "") + "".join(item[1]) + "]")
_PIECE = _CLASS | st.sampled_from(_ODD_CHARS).map(_escaped) | _CLASS.map(lambda c: f"(?-i:{c})")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.tuples(_PIECE, st.sampled_from(["", "+", "?", "{1,3}"])), min_size=1, max_size=3),
       text=st.text(st.sampled_from(_ODD_CHARS), max_size=30), case_sensitive=st.booleans())
def test_rewritten_character_classes_never_miss_a_match(pieces: list[tuple[str, str]], text: str, case_sensitive: bool) -> None:
    """Random classes, ranges, escapes and case-sensitive groups over text full
    of placeholders, case partners and odd white space (how review found most
    of the rewriting's defects)."""
    import tempfile

    source = "".join(piece + quantifier for piece, quantifier in pieces)
    try:
        compiled = regex.compile(source, 0 if case_sensitive else FLAGS)
        superset(source)
    except (regex.error, Unsupported):
        return
    except AttributeError:  # regex 2026.9.29 crashes on "[^\p{L}\p{^L}]" ignoring case
        return
    matches = [m for m in compiled.finditer(text) if m.end() > m.start()]
    if not matches:
        return
    with tempfile.TemporaryDirectory() as cache:
        index = hyperscan_index.HyperscanIndex.build([source], Path(cache))
    if index.covered[0]:
        assert {m.end() - 1 for m in matches} <= set(index.candidates(text, list(range(len(text))))[0])


def test_a_database_entry_cut_after_its_flags_is_compiled_again(tmp_path: Path) -> None:
    sources = [r"\bcures?\b"]
    hyperscan_index.HyperscanIndex.build(sources, tmp_path)
    (cached,) = tmp_path.glob("hyperscan-*.db")
    data = cached.read_bytes()
    length, _, rest = data.partition(b"\n")
    flags_end = rest.index(b"\n", int(length))
    cached.write_bytes(length + b"\n" + rest[: flags_end + 1])
    assert hyperscan_index.HyperscanIndex.load(sources, tmp_path) is None
    assert hyperscan_index.HyperscanIndex.build(sources, tmp_path).candidates("It cures.", [0]) == [[0]]


def test_a_cache_entry_with_an_absurd_length_header_is_ignored(tmp_path: Path) -> None:
    from claimlint import cachefiles

    cachefiles.write_entry(tmp_path, "test", b"key", ".bin", b"payload", 2)
    assert cachefiles.read_entry(tmp_path, "test", b"key", ".bin") == b"payload"
    (entry,) = tmp_path.glob("test-*.bin")
    entry.write_bytes(b"9" * 5000 + b"\nkeypayload")
    assert cachefiles.read_entry(tmp_path, "test", b"key", ".bin") is None


_CALL_US = r"\bcall\s+us\.\s+we\s+treat\s+ms\.\s"


@pytest.mark.parametrize(("source", "text", "found"), [
    (_CALL_US, "Intro here. Call us. We treat MS. Nothing else.", True),   # across two sentences of one block
    (_CALL_US, "Intro here. Call us. We treat MS.\n\nLater words.", False),  # the white space it needs lies past the block
    (_CALL_US, "Intro here. Call us.\n\nWe treat MS. Nothing else.", False),  # across blocks: not within one
    (_CALL_US, "Call us. We rarely treat MS.", False),
    # Found by review: an anchor in the first sentence of a match that runs on
    # into the next; look-arounds at a match's end see the rest of the block.
    (r"\bguarantee\b.{0,40}\bms\b", "We guarantee results. Treats MS fast.\n\nBuy now.", True),
    (r"\btreat\s+ms\.(?=\s+nothing)", "We treat MS. Nothing else.", True),
    (r"\bcall\s+us\.\s+(?![\p{L}\p{N}])", "Please call us. Now.", False),
])
def test_a_page_pattern_matches_within_one_block_even_across_its_sentences(tmp_path: Path, source: str, text: str,
                                                                           found: bool) -> None:
    """Page-level conditions hold when the pattern matches within a block; the
    prefilter's candidate sentences (from either pass) only narrow which
    blocks are searched."""
    from claimlint.analysis import Analysis
    from claimlint.prefilter import hyperscan_index

    pattern = regex.compile(source, FLAGS)
    for fast in (None, hyperscan_index.HyperscanIndex.build([pattern.pattern], tmp_path)):
        index = CandidateIndex([pattern.pattern], fast)
        document = read_document("page.md", text, "markdown")
        assert Analysis(document, index).matches(pattern) is found, fast


def _multi_word_conditions(count: int) -> list[str]:
    import yaml

    lexicon = yaml.safe_load((Path(__file__).resolve().parents[1] / "rules" / "conditions.yaml").read_text("utf-8"))
    terms = [term for entry in lexicon["define"].values() for term in entry.get("terms", ()) if term.count(" ") >= 2]
    return terms[:: max(1, len(terms) // count)][:count]


# Where a pattern allows a few words or one word between two others, a term of
# several words is one run of markers in the masked text the engine searches
# and several words in the text Hyperscan reads: the rewriting must allow for it.
_TERM_TEMPLATES = [
    "After my {c} laser treatment, I was able to ski again.",
    "Since the first session my {c} has completely gone away.",
    "Our clinic successfully treats {c} and other conditions with stem cells.",
    "This tea naturally relieves {c} symptoms within days.",
    "Book your {c} infusion today and feel the difference.",
]


def test_multi_word_terms_in_word_gaps_are_found_by_both_passes(plain: Linter, fast: Linter) -> None:
    page = "\n\n".join(t.format(c=c) for c in _multi_word_conditions(40) for t in _TERM_TEMPLATES)
    assert not _missed(fast, page)
    found = plain.check_text(page, "text", "page.txt")
    assert found and found == fast.check_text(page, "text", "page.txt")


def test_a_branch_that_matches_the_empty_string_is_declined_before_compiling() -> None:
    from claimlint.prefilter.branches import branches

    with pytest.raises(Unsupported, match="empty string"):
        branches(r"cure|(?:miracle)?")
    assert branches(r"cure|miracle") == ["cure", "miracle"]


def test_any_text_at_the_end_of_nested_groups_is_left_out_of_a_branch() -> None:
    # A term list closing a nested vocabulary entry rewrites to "any text" followed
    # by the groups' closing parentheses; left in, every offset after a match would
    # be reported as a match's end, and every later sentence would be a candidate.
    from claimlint.prefilter.branches import branches
    from claimlint.prefilter.superset import LOOSE

    [branch] = branches(rf"offers (?:\w+ (?:for {LOOSE}))")
    assert not branch.rstrip(")").endswith(LOOSE)
    assert regex.search(branch, "we offers cupping for ") is not None
    from claimlint.prefilter.branches import _without_trailing_loose

    assert _without_trailing_loose(rf"a(?:b{LOOSE})") == "a(?:b)"
    assert _without_trailing_loose(rf"a{LOOSE}\)") == rf"a{LOOSE}\)"  # an escaped parenthesis is text


def test_a_provider_pattern_does_not_make_every_sentence_a_candidate(fast: Linter) -> None:
    prose = "Our clinic offers PRP for knee arthritis. " + "The weather was mild that spring. " * 200
    document = read_document("<text>", prose, "text", ())
    analysis = Analysis(document, fast.engine.index, fast.engine.cues)
    candidates = fast.engine.index.candidates(analysis.prose, None, analysis.sentences)
    assert max(len(found) for found in candidates) < 50
