"""gapcheck: find the skills a resume shows and rank the ones a role still needs.

The library API is `gapcheck.analyse`; importing this package stays cheap (the heavy
modules load on first use) so `gapcheck --help` answers at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapcheck.version import JSON_SCHEMA_VERSION, __version__

if TYPE_CHECKING:
    from gapcheck.api import analyse, render
    from gapcheck.options import Options

__all__ = ["JSON_SCHEMA_VERSION", "Options", "__version__", "analyse", "render"]


def __getattr__(name: str) -> Any:
    if name in ("analyse", "render"):
        from gapcheck import api

        return getattr(api, name)
    if name == "Options":
        from gapcheck.options import Options

        return Options
    raise AttributeError(name)
