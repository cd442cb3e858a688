"""``python -m loanrelief``: the command line."""

import sys

from loanrelief._cli.cli import main

sys.exit(main())
