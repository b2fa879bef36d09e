"""Tests for what lecturers use: a quiet JupyterLab that opens on the tour, the library from Maven
(%maven in another kernel), the Binder configuration, PDF handouts and slides.

    python kernel/lecturer_tests.py [--only GROUP ...]

Groups: lab, maven, pdf, slides, binder (binder is slow: a fresh clone, venv and build; it runs
only when named or with ADALAB_TEST_BINDER=1). Ends with "N passed, N failed" like notebooks.py.
Run with the project's virtual environment (./adalab test does).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks as nbs  # noqa: E402
from checks_binder import test_binder  # noqa: E402
from checks_lab import test_lab, test_maven  # noqa: E402
from checks_print import test_pdf, test_slides  # noqa: E402

GROUPS = {"lab": test_lab, "maven": test_maven, "pdf": test_pdf, "slides": test_slides, "binder": test_binder}
SLOW = {"binder"}  # ADALAB_TEST_BINDER=1 or --only binder


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", action="append", choices=sorted(GROUPS))
    args = p.parse_args(argv)
    wanted = args.only or [g for g in GROUPS if g not in SLOW or os.environ.get("ADALAB_TEST_BINDER")]
    t = nbs.Tests()
    for group in wanted:
        GROUPS[group](t)
    return t.summary()


if __name__ == "__main__":
    sys.exit(main())
