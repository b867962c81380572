"""A posting file read and parsed: the reading stage's text, then `parse_posting`."""

from __future__ import annotations

from pathlib import Path

from gapcheck.errors import InputError
from gapcheck.postings.parse import Posting, SkillFinder, parse_posting
from gapcheck.reading.posting import posting_text
from gapcheck.taxonomy.knowledge import derived
from gapcheck.taxonomy.model import Taxonomy


def read_posting(path: Path, taxonomy: Taxonomy, finder: SkillFinder | None = None) -> Posting:
    """Read a posting (txt or md as text; pdf and other formats through the reader).

    With the taxonomy's own finder, the answer is kept per file version: a batch compares
    every resume with one posting, which is then read once, not once per resume.
    """
    if finder is None:
        try:
            stat = path.stat()
        except OSError:
            pass  # _read_posting reports the missing or unreadable file
        else:
            version = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
            return derived(
                taxonomy, "posting", version, lambda: _read_posting(path, taxonomy, None)
            )
    return _read_posting(path, taxonomy, finder)


def _read_posting(path: Path, taxonomy: Taxonomy, finder: SkillFinder | None) -> Posting:
    text = posting_text(path)
    posting = parse_posting(text, path.name, taxonomy, finder or default_finder(taxonomy))
    if not posting.skills:
        raise InputError(
            path.name,
            "names no skill gapcheck knows",
            "check that it is a job posting in English (a PDF needs a text layer)",
        )
    return posting


def default_finder(taxonomy: Taxonomy) -> SkillFinder:
    from gapcheck.detection.detector import get_detector  # spaCy loads only when a posting is read

    return get_detector(taxonomy).detect_text
