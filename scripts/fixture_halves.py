"""The dev / held-back split of the generalization fixtures (Tests/Fixtures/generalization), shared by
check-feed-fixtures.py and check-page-fixtures.py. The rule was fixed before any tuning: a fixture
`NN-slug.*` with an odd NN is in the dev half (tune on it), an even NN in the held-back half
(measure on it; never tune on its failures)."""
import argparse
import glob
import os


def arguments(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--half", choices=["dev", "heldback", "both"], default="both")
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("feedsync")
    return ap.parse_args()


def fixtures(directory, wanted):
    """(half, stem) for every `NN-slug.expect.json` in `directory` in the wanted half, in order."""
    for expect_path in sorted(glob.glob(os.path.join(directory, "*.expect.json"))):
        stem = expect_path[: -len(".expect.json")]
        half = "dev" if int(os.path.basename(stem).split("-", 1)[0]) % 2 else "heldback"
        if wanted in (half, "both"):
            yield half, stem
