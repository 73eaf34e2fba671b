"""The context model: how a reader takes a claim.

- :mod:`.cues`: cue types, scopes and page classes, read from rule packs;
- :mod:`.reading`: which cues govern the words at a match (negation and its
  scope, contrast, reported speech and who speaks, hedges, questions,
  warnings, citations ...);
- :mod:`.page`: what a page is for (offers a treatment, informs, reviews);
- :mod:`.clauses`, :mod:`.quotes`, :mod:`.sections`: the structure the scopes
  are measured in.
"""
