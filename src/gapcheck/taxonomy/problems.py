"""Problems found in one taxonomy file, collected and then raised together.

Problems are collected rather than raised one at a time, so a coach fixing a file sees
all of them at once; each names the entry (skill, role, certification...) and the field:

    skills.yaml: 2 problems (see taxonomy/README.md for the format):
      skill 'pytorch', field 'implies': unknown skill 'deep_learnin'
      skill 'keras', field 'aliases': 'tf.keras' is also an alias of skill 'tensorflow'
"""

from __future__ import annotations

from gapcheck.errors import TaxonomyError

FORMAT_HELP = "see taxonomy/README.md for the format"


class Problems:
    """Problems found in one file, reported together."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            raise TaxonomyError(self.source, self.items[0], FORMAT_HELP)
        listing = "\n".join(f"  {item}" for item in self.items)
        raise TaxonomyError(self.source, f"{len(self.items)} problems ({FORMAT_HELP}):\n{listing}")
