"""The command line (internal): ``loanrelief`` and ``python -m loanrelief``."""
