"""Word families and term lists: the vocabulary rules are written over.

A rule pack names the *lemmas* of a family by part of speech, and this module
generates every form with `lemminflect <https://github.com/bjascob/LemmInflect>`_
(a maintained English morphology library with a lexicon and rules for unknown
words), so that no pattern spells out endings by hand::

    families:
      cure:
        verb: [cure]              # cure, cures, cured, curing
        noun: [cure, cure-all]    # cure, cures, cure-all, cure-alls
        adj: [curative]
      eliminate:
        verb: [eliminate, get rid of]   # gets rid of, got rid of, getting rid of ...
        noun: [elimination]

A multi-word verb inflects its first word ("get rid of"), a multi-word noun its
last ("blood sugar level"). Forms the library does not know are data too: a
family may list them under a form's selector (``participle: [proven]``), and
they join that form and its part of speech. A participle also takes the
simple past ("has showed", "have got rid of"), as careless copy writes it. Derivations (reverse, reversal) are lemmas of their
own part of speech: morphology libraries inflect, they do not derive.

Forms are generated when a pack is read, and the parsed pack cache keeps them,
so a run that finds its packs cached never imports lemminflect.

Term lists and families both compile to one regular expression shaped as a
character trie, which the regex engine walks without backtracking across
thousands of alternatives.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import regex

PARTS_OF_SPEECH = ("verb", "noun", "adj", "adv", "forms")
# Selectors under which a family may list extra forms, and the part of speech they join.
EXTRA_FORMS = {"3sg": "verb", "past": "verb", "participle": "verb", "ing": "verb", "plural": "noun"}
# What a pattern may ask of a family: {cure:ing}, {cure:noun} ...
VERB_FORMS = {"base": ("VB",), "3sg": ("VBZ",), "past": ("VBD",), "participle": ("VBN",), "ing": ("VBG",)}
SELECTORS = ("all", "verb", "noun", "adj", "adv", "forms", *VERB_FORMS, "plural", "singular")
_UPOS = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ", "adv": "ADV"}


class LexiconError(ValueError):
    """A family that cannot be expanded; the message names the lemma."""


def expand_family(spec: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Every form of a family, by selector (see :data:`SELECTORS`)."""
    forms: dict[str, list[str]] = {selector: [] for selector in SELECTORS}
    for part, lemmas in spec.items():
        if part not in PARTS_OF_SPEECH and part not in EXTRA_FORMS:
            allowed = ", ".join((*PARTS_OF_SPEECH, *EXTRA_FORMS))
            raise LexiconError(f"unknown part of speech or form '{part}' (allowed: {allowed})")
        if isinstance(lemmas, str):
            lemmas = [lemmas]
        for lemma in lemmas:
            if not isinstance(lemma, str) or not lemma.strip():
                raise LexiconError(f"{part}: each lemma must be a non-empty string")
            lemma = " ".join(lemma.split())
            if part == "forms":
                _add(forms, ("forms",), [lemma])
            elif part in EXTRA_FORMS:
                _add(forms, (EXTRA_FORMS[part], part), [lemma])
            elif part == "verb":
                _add(forms, ("verb", "base"), [lemma])
                for selector, tags in VERB_FORMS.items():
                    if selector != "base":
                        _add(forms, ("verb", selector), _inflect(lemma, "verb", tags))
                _add(forms, ("participle",), _inflect(lemma, "verb", VERB_FORMS["past"]))
            elif part == "noun":
                singular = [lemma]
                _add(forms, ("noun", "singular"), singular)
                # The library lists the singular among the plurals of nouns that
                # may be uncountable ("cure", "study"): a plural is another form.
                plurals = _inflect(lemma, "noun", ("NNS",))
                _add(forms, ("noun", "plural"), [form for form in plurals if form != lemma] or plurals)
            else:
                _add(forms, (part,), [lemma, *_inflect(lemma, part, ("JJR", "JJS") if part == "adj" else ())])
    forms["all"] = _unique(form for selector in ("verb", "noun", "adj", "adv", "forms") for form in forms[selector])
    return {selector: _unique(values) for selector, values in forms.items()}


def _add(forms: dict[str, list[str]], selectors: Iterable[str], values: Iterable[str]) -> None:
    values = list(values)
    for selector in selectors:
        forms[selector].extend(values)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _inflect(lemma: str, part: str, tags: Sequence[str]) -> list[str]:
    """Inflections of ``lemma`` for ``tags``; the head word of a phrase is
    inflected and the rest kept (first word of a verb, last of a noun)."""
    if not tags:
        return []
    words = lemma.split(" ")
    head_index = 0 if part == "verb" else len(words) - 1
    head = words[head_index]
    # "cure-all": the last part of a hyphenated noun takes the plural.
    prefix = ""
    if part == "noun" and "-" in head:
        prefix, _, head = head.rpartition("-")
        prefix += "-"
    found: list[str] = []
    for tag in tags:
        for inflected in _inflections(head.lower(), _UPOS[part], tag):
            # Alternative spellings the library knows ("over-comes") are not
            # how the lemma is written; they would only add noise.
            if "-" in inflected and "-" not in head:
                continue
            if head[:1].isupper():
                inflected = inflected[:1].upper() + inflected[1:]
            found.append(" ".join([*words[:head_index], prefix + inflected, *words[head_index + 1 :]]))
    return found


def _inflections(word: str, upos: str, tag: str) -> tuple[str, ...]:
    import lemminflect  # a few hundred milliseconds; only when a pack is read afresh

    if upos == "ADJ":
        # Comparison only where the lexicon knows it: "safer", never "curativer".
        return tuple(lemminflect.getAllInflections(word, upos="ADJ").get(tag, ()))
    # getInflection knows irregular forms and applies the spelling rules to
    # words it does not know ("cured", "gotten", "studies").
    return tuple(lemminflect.getInflection(word, tag=tag))


def trie_pattern(terms: Iterable[str], case_sensitive: bool = False) -> str:
    """One regular expression matching every term, built as a character trie
    (shared prefixes are read once). A space matches any run of white space or
    a hyphen, a hyphen matches a hyphen, white space or nothing ("cure-all",
    "cure all", "cureall"), an apostrophe either apostrophe or none."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in terms:
        node = trie
        for character in term if case_sensitive else term.lower():
            node = node.setdefault(character, {})
        node[""] = {}
    if not trie:
        return r"(?!)"
    source = _trie_source(trie)
    return source if not case_sensitive else f"(?-i:{source})"


def _trie_source(node: Mapping[str, Mapping]) -> str:  # type: ignore[type-arg]
    branches = []
    optional = False
    for character in sorted(node):
        if character == "":
            optional = True
            continue
        branches.append(_character(character) + _trie_source(node[character]))
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    grouped = "(?:" + "|".join(branches) + ")"
    return grouped + "?" if optional else grouped


def _character(character: str) -> str:
    if character == " ":
        return r"(?:\s+|-)"
    if character == "-":
        return r"[\s-]?"
    if character in "'’":
        return r"['’]?"
    return regex.escape(character)
