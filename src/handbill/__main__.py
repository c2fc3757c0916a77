"""``python -m handbill``: the same command line as ``handbill``."""

import sys

from handbill.cli import main

sys.exit(main())
