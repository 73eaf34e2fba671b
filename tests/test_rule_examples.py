"""Every built-in rule's own examples, held to where the rule fires:

- ``fire``: the rule reports exactly the words marked «like this»;
- ``pass``: the rule's trigger matches the text, and the context (a negation,
  reported speech, a citation ...) or one of its filters rules the match out:
  the engine's explanation names the rule among the dropped matches. A pass
  example that the trigger never matched would test nothing (a meta-test);
- ``near``: texts that look alike but that the trigger itself does not match.
"""

from __future__ import annotations

import pytest

from claimlint.packs import load_rules
from claimlint.readers import read_document
from claimlint.rulespec import marked_span, unmarked

RULES = load_rules()
FIRE = [(r.spec.code, text) for r in RULES for text in r.spec.fires]
PASS = [(r.spec.code, text) for r in RULES for text in r.spec.passes]
NEAR = [(r.spec.code, text) for r in RULES for text in r.spec.near]
TRIGGERS = {r.spec.code: r.checker.trigger for r in RULES}
# Examples are plain text, except for kinds that read links (Markdown).
FORMATS = {r.spec.code: type(r.checker).EXAMPLE_FORMAT for r in RULES}


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.spec.fires, f"{rule.spec.code} has no example that fires"
        assert rule.spec.passes or rule.spec.near, f"{rule.spec.code} has no example that passes"
        if rule.checker.trigger is not None and rule.spec.kind != "meta":
            # A context twin: the same words, ruled out by how they are said.
            assert rule.spec.passes, f"{rule.spec.code} has no pass example that its context rules out"


def test_at_least_25_rules_covering_all_six_categories() -> None:
    categories = {r.spec.category for r in RULES}
    assert len(RULES) >= 25
    assert {"overstatement", "safety-claim", "uncited-evidence", "solicitation", "contradiction", "testimonial"} <= categories


@pytest.mark.parametrize(("code", "example"), FIRE, ids=[f"{c}-fire-{i}" for i, (c, _) in enumerate(FIRE)])
def test_example_fires_on_the_marked_words(every_rule, code: str, example: str) -> None:
    text = unmarked(example)
    expected = marked_span(example)
    assert expected is not None, f"{code}: mark the words the rule points at with «» in {example!r}"
    spans = [(f.span.offset, f.span.end_offset) for f in every_rule.check_text(text, FORMATS[code]) if f.rule == code]
    assert expected in spans, f"{code} on {text!r}: expected {text[slice(*expected)]!r}, got {[text[a:b] for a, b in spans]}"


@pytest.mark.parametrize(("code", "text"), PASS, ids=[f"{c}-pass-{i}" for i, (c, _) in enumerate(PASS)])
def test_example_passes_because_its_context_rules_it_out(explaining_every_rule, code: str, text: str) -> None:
    findings = explaining_every_rule.engine.check(read_document("<text>", text, FORMATS[code], ()), explain=True)
    assert code not in [f.rule for f in findings if f.dropped is None], f"{code} fired on {text!r}"
    trigger = TRIGGERS[code]
    if trigger is None:
        return  # a document-level rule: nothing is dropped match by match
    # The meta-test: without its context the example would be a finding.
    assert any(m.end() > m.start() for m in trigger.finditer(read_document("<text>", text, "text", ()).prose)), (
        f"{code}'s trigger never matches {text!r}: it tests nothing as a 'pass' example (make it a 'near' example, "
        "or write the claim so that only its context rules it out)")
    assert code in [f.rule for f in findings if f.dropped is not None], f"{code}: no dropped match recorded for {text!r}"


@pytest.mark.parametrize(("code", "text"), NEAR, ids=[f"{c}-near-{i}" for i, (c, _) in enumerate(NEAR)])
def test_near_example_is_not_matched_by_the_trigger(every_rule, code: str, text: str) -> None:
    assert code not in [f.rule for f in every_rule.check_text(text, FORMATS[code])], f"{code} fired on {text!r}"
    trigger = TRIGGERS[code]
    if trigger is not None:
        prose = read_document("<text>", text, "text", ()).prose
        assert not any(m.end() > m.start() for m in trigger.finditer(prose)), f"{code}'s trigger matches near miss {text!r}"


def test_every_builtin_pattern_compiles() -> None:
    # Built-in patterns compile lazily (start-up time), so a broken one would
    # otherwise surface only when a document first needs it.
    from claimlint.kinds import LazyPattern

    rules = load_rules()
    owners = [*(rule.checker for rule in rules), *(rule.pipeline for rule in rules if rule.pipeline), *rules.cues.cues]
    values = [value for owner in owners for value in vars(owner).values()]
    values += [signal for page in rules.cues.pages.values() for signal in (*page.signals, *page.decisive)]
    values += [getattr(value, "compiled", None) for value in list(values)]  # patterns that name term lists wrap one
    lazy = [value for value in [*values, *(v for value in values if isinstance(value, list) for v in value)] if isinstance(value, LazyPattern)]
    assert len(lazy) >= 80
    for pattern in lazy:
        assert pattern.compiled().pattern == pattern.pattern
