"""The built-in rule packs (YAML data, installed as claimlint.rules)."""
