"""Which files a batch covers: files, folders (recursive) and glob patterns.

Every input gets a label: its path relative to the common root of all the inputs, so two
`resume.pdf` in different folders stay apart and nothing of the user's absolute paths
leaks into reports. With `per_person`, each subfolder of an input folder is one person:
their resume plus the rest of the folder as portfolio material.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import UsageError
from gapcheck.reading.inputs import (
    DOCUMENT_SUFFIXES,
    RESUME_SUFFIXES,
    is_skipped_name,
    walk_files,
)

_GLOB_MAGIC = re.compile(r"[*?\[]")
_RESUME_WORD = re.compile(r"(?:^|[^a-z])(?:resume|résumé|cv)(?:[^a-z]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class BatchInput:
    """One person in a batch: a resume, optional portfolio paths, and a display label."""

    label: str  # POSIX path relative to the common input root
    resume: Path | None  # None: a person folder without a resume (reported as failed)
    portfolio: tuple[Path, ...] = ()


def _expand_argument(argument: str) -> list[Path]:
    """The paths one command-line argument names: itself if it exists, else its glob matches."""
    path = Path(argument)
    if path.exists() or path.is_symlink():
        return [path]
    if _GLOB_MAGIC.search(argument):
        # glob.glob, not Path.glob: the pattern may be absolute and may use ** across levels.
        matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
        if matches:
            return [Path(m) for m in matches]
        raise UsageError(
            argument,
            "no file matches this pattern",
            "check the pattern (quote it so the shell does not expand it)",
        )
    raise UsageError(path.name or argument, "no such file or folder", "check the path")


def choose_resume(files: Sequence[Path]) -> Path | None:
    """The resume among a person's files: one named resume/CV, else the first PDF/DOCX by name."""
    candidates = sorted(
        (f for f in files if f.suffix.lower() in RESUME_SUFFIXES), key=lambda f: f.name
    )
    named = [f for f in candidates if _RESUME_WORD.search(f.stem)]
    if named:
        # Prefer a PDF/DOCX among several resume-named files: they are what was sent out.
        named.sort(key=lambda f: (f.suffix.lower() not in (".pdf", ".docx"), f.name))
        return named[0]
    documents = [f for f in candidates if f.suffix.lower() in (".pdf", ".docx")]
    return documents[0] if documents else None


def _person(folder: Path, exclude: Path | None) -> tuple[Path | None, tuple[Path, ...]]:
    """A person folder's resume and portfolio: files at its top plus subfolders holding prose."""
    top_files = sorted(
        p
        for p in folder.iterdir()
        if not is_skipped_name(p.name) and not p.is_symlink() and p.is_file()
    )
    resume = choose_resume(top_files)
    if resume is None:
        # A person may keep everything in one subfolder: look one level deeper before giving up.
        resume = choose_resume(walk_files(folder, RESUME_SUFFIXES, exclude))
    portfolio: list[Path] = [
        f for f in top_files if f != resume and f.suffix.lower() in DOCUMENT_SUFFIXES
    ]
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        if is_skipped_name(sub.name) or (exclude is not None and sub.absolute() == exclude):
            continue
        docs = [f for f in walk_files(sub, DOCUMENT_SUFFIXES, exclude) if f != resume]
        if docs:
            portfolio.append(sub)
    return resume, tuple(portfolio)


def _common_root(roots: Iterable[Path]) -> Path:
    absolute = [str(r.absolute()) for r in roots]
    return Path(os.path.commonpath(absolute)) if absolute else Path.cwd()


def _label(path: Path, root: Path) -> str:
    relative = Path(os.path.relpath(path.absolute(), root))
    return relative.as_posix()


def collect_inputs(
    arguments: Sequence[str], *, per_person: bool = False, exclude: Path | None = None
) -> list[BatchInput]:
    """Every person the arguments name, sorted by label; `exclude` (the output folder) is skipped.

    Raises UsageError for an argument that names nothing, or when no resume is found at all.
    """
    excluded = exclude.absolute() if exclude is not None else None
    people: list[
        tuple[Path, Path | None, tuple[Path, ...]]
    ] = []  # (identity path, resume, portfolio)
    roots: list[Path] = []
    for argument in arguments:
        for path in _expand_argument(argument):
            if path.is_dir():
                roots.append(path)
                if per_person:
                    for sub in sorted(
                        p for p in path.iterdir() if p.is_dir() and not p.is_symlink()
                    ):
                        if is_skipped_name(sub.name) or (
                            excluded is not None and sub.absolute() == excluded
                        ):
                            continue
                        resume, portfolio = _person(sub, excluded)
                        people.append((sub, resume, portfolio))
                    loose = [
                        p
                        for p in sorted(path.iterdir())
                        if p.is_file()
                        and not p.is_symlink()
                        and not is_skipped_name(p.name)
                        and p.suffix.lower() in RESUME_SUFFIXES
                    ]
                    people.extend((p, p, ()) for p in loose)
                else:
                    people.extend((f, f, ()) for f in walk_files(path, RESUME_SUFFIXES, excluded))
            elif path.suffix.lower() in RESUME_SUFFIXES or argument == str(path):
                # A file named explicitly is taken as named: the reader says why it fails.
                roots.append(path.parent)
                people.append((path, path, ()))
    if not people:
        raise UsageError(
            "INPUT",
            "no resumes found",
            f"pass PDF, DOCX, TXT or Markdown files or folders with them ({', '.join(arguments)})",
        )
    root = _common_root(roots)
    unique: dict[str, BatchInput] = {}
    seen: set[Path] = set()
    for identity, resume, portfolio in people:
        key = identity.resolve()
        if key in seen:
            continue
        seen.add(key)
        label = _label(identity, root)
        unique[label] = BatchInput(label=label, resume=resume, portfolio=portfolio)
    return [unique[label] for label in sorted(unique)]
