"""Where the shipped data lives: inside the installed package, or in the source tree.

The wheel carries `taxonomy/` and `reports/templates/` as `gapcheck/_data/...`
(hatchling force-include); an editable or source checkout has them at the top of the
repository. Both are found through importlib.resources first, so an installed gapcheck
never depends on the current directory.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[3]


# Where the data lives cannot change while gapcheck runs; asking importlib each time costs
# more than the rest of loading a cached taxonomy.
@functools.cache
def _data_dir(name: str, repo_relative: str) -> Path:
    packaged = resources.files("gapcheck") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = _REPO_ROOT / repo_relative
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"gapcheck's {name} data is missing from this installation")


def taxonomy_dir() -> Path:
    return _data_dir("taxonomy", "taxonomy")


def templates_dir() -> Path:
    return _data_dir("templates", "reports/templates")


def builtin_taxonomy_path() -> Path:
    return taxonomy_dir() / "skills.yaml"
