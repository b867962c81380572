"""gapcheck: find the skills a resume shows and rank the ones a role still needs.

The library API is `gapcheck.analyse`; importing this package stays cheap (the heavy
modules load on first use) so `gapcheck --help` answers at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
JSON_SCHEMA_VERSION = "1.0"

if TYPE_CHECKING:
    from gapcheck.api import analyse, render

__all__ = ["JSON_SCHEMA_VERSION", "__version__", "analyse", "render"]


def __getattr__(name: str) -> Any:
    if name in ("analyse", "render", "Options"):
        from gapcheck import api

        return getattr(api, name)
    raise AttributeError(name)
