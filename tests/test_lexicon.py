"""Word families: forms come from the morphology library, with the forms it
does not know given as data, and a family's patterns read them all."""

from __future__ import annotations

import pytest

from claimlint.lexicon import LexiconError, expand_family
from claimlint.runner import Linter


def test_a_verb_family_has_every_inflection() -> None:
    forms = expand_family({"verb": ["cure"]})
    assert set(forms["verb"]) == {"cure", "cures", "cured", "curing"}
    assert forms["participle"] == ["cured"] and forms["ing"] == ["curing"]


def test_an_idiom_inflects_its_verb() -> None:
    forms = expand_family({"verb": ["get rid of"]})
    assert {"gets rid of", "got rid of", "getting rid of", "gotten rid of"} <= set(forms["verb"])
    # The simple past stands as a participle too ("have got rid of").
    assert {"gotten rid of", "got rid of"} <= set(forms["participle"])


def test_a_plural_is_another_form() -> None:
    assert expand_family({"noun": ["cure"]})["plural"] == ["cures"]
    assert expand_family({"noun": ["study"]})["plural"] == ["studies"]
    assert expand_family({"noun": ["blood sugar level"]})["plural"] == ["blood sugar levels"]


def test_forms_the_library_does_not_know_are_data() -> None:
    forms = expand_family({"verb": ["prove"], "participle": ["proven"]})
    assert set(forms["participle"]) == {"proved", "proven"}
    assert "proven" in forms["verb"] and "proven" in forms["all"]
    assert "proven" not in forms["past"]


def test_an_unknown_form_is_an_error_that_names_it() -> None:
    with pytest.raises(LexiconError, match="'gerund'"):
        expand_family({"gerund": ["curing"]})


@pytest.mark.parametrize("sentence", [
    "Our capsules are proven in clinical trials to lower blood pressure.",
    "This serum has been proven in lab tests to reverse wrinkles.",
    "The blend is proven by research to ease joint stiffness.",
    "These drops have proved in studies to calm eczema flare-ups.",
])
def test_irregular_participles_reach_the_evidence_rules(sentence: str) -> None:
    found = Linter().check_text(sentence + "\n", "text", "page.txt")
    evidence = [f.span.column for f in found if f.category == "uncited-evidence"]
    assert evidence == [sentence.index("prove") + 1]
