"""The ``claimlint`` sub-commands, one module each; :mod:`claimlint.cli` joins
them into one command group."""
