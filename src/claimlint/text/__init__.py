"""Language-level helpers the rule kinds share: sentences, negation and hedging
scope, citations, contact details. Pure functions over prose strings."""
