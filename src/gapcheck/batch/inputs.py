"""Which files a batch covers: files, folders (recursive) and glob patterns.

Every input gets a label: its path relative to the common root of all the inputs, so two
`resume.pdf` in different folders stay apart and nothing of the user's absolute paths
leaks into reports. With `per_person`, each subfolder of an input folder is one person:
their resume plus the rest of the folder as portfolio material.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import UsageError
from gapcheck.reading.inputs import (
    DOCUMENT_SUFFIXES,
    RESUME_SUFFIXES,
    TOOL_FOLDERS,
    is_skipped_name,
    walk_files,
)

_GLOB_MAGIC = re.compile(r"[*?\[]")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic")
_RESUME_WORD = re.compile(r"(?:^|[^a-z])(?:resume|résumé|cv)(?:[^a-z]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class BatchInput:
    """One person in a batch: a resume, optional portfolio paths, and a display label."""

    label: str  # POSIX path relative to the common input root
    resume: Path | None  # None: a person folder without a resume, or a skipped file
    portfolio: tuple[Path, ...] = ()
    skipped: str = ""  # why a file found in a folder or by a pattern is not read


def skip_reason(path: Path) -> str:
    """Why a file found in a folder is listed but not read (images, other types, links)."""
    if path.is_symlink():
        return "skipped: a symbolic link, not followed; pass the file it points to"
    suffix = path.suffix.lower() or "no suffix"
    if suffix in _IMAGE_SUFFIXES:
        return (
            f"skipped because of its type ({suffix}): an image has no text to read; "
            "export the resume as a PDF or DOCX with text"
        )
    return (
        f"skipped because of its type ({suffix}): gapcheck reads PDF, DOCX, TXT and "
        "Markdown resumes; convert it to one of those to include it"
    )


def _segment_pattern(segment: str) -> re.Pattern[str]:
    # fnmatch.translate gives "(?s:...)\Z"; one path segment never matches a "/".
    return re.compile(fnmatch.translate(segment))


def _glob(pattern: str) -> list[Path]:
    """Matches of a glob pattern, found by walking without following symbolic links.

    `glob.glob` follows links to folders, so a link out of the input folder would bring in
    someone else's files and two links to "." never finish; here a link is never entered
    (a link matched by the pattern itself is listed, as a skipped file). `**` matches
    zero or more folders, never hidden or tool folders (as `walk_files`); hidden entries
    match only a pattern segment starting with ".".
    """
    parts = Path(pattern).parts
    fixed = 0
    while fixed < len(parts) - 1 and not _GLOB_MAGIC.search(parts[fixed]):
        fixed += 1
    base = Path(*parts[:fixed]) if fixed else Path()
    segments = parts[fixed:]
    found: set[Path] = set()

    def walk(folder: Path, index: int) -> None:
        segment = segments[index]
        last = index == len(segments) - 1
        if segment == "**":
            if last:
                for current, dirnames, filenames in os.walk(folder, followlinks=False):
                    dirnames[:] = [d for d in dirnames if _descended(Path(current) / d)]
                    found.update(Path(current) / f for f in filenames if not is_skipped_name(f))
                return
            walk(folder, index + 1)
            for entry in _entries(folder):
                if _descended(entry):
                    walk(entry, index)
            return
        matcher = _segment_pattern(segment)
        for entry in _entries(folder):
            if not matcher.match(entry.name):
                continue
            if is_skipped_name(entry.name) and not segment.startswith("."):
                continue
            if last:
                found.add(entry)
            elif entry.is_dir() and not entry.is_symlink():
                walk(entry, index + 1)

    if base == Path() or base.is_dir():  # the folder the user named may itself be a link
        walk(base, 0)
    return sorted(found)


def _descended(folder: Path) -> bool:
    """Whether `**` goes into this entry: a real folder, not hidden, not a tool folder."""
    return (
        folder.is_dir()
        and not folder.is_symlink()
        and not is_skipped_name(folder.name)
        and folder.name not in TOOL_FOLDERS
    )


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _expand_argument(argument: str) -> tuple[list[Path], bool]:
    """The paths one command-line argument names, and whether they came from a pattern."""
    path = Path(argument)
    if path.exists() or path.is_symlink():
        return [path], False
    if _GLOB_MAGIC.search(argument):
        matches = _glob(argument)
        if matches:
            return matches, True
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
    """Every input the arguments name, sorted by label; `exclude` (the output folder) is skipped.

    Each person becomes one input; so does every other visible file found in a folder or
    by a pattern (an image, a spreadsheet, a link), marked `skipped` with the reason, so a
    batch accounts for every file it was given. Raises UsageError for an argument that
    names nothing, or when no resume is found at all.
    """
    excluded = exclude.absolute() if exclude is not None else None
    # (identity path, resume, portfolio, skipped reason)
    people: list[tuple[Path, Path | None, tuple[Path, ...], str]] = []
    roots: list[Path] = []
    for argument in arguments:
        paths, from_pattern = _expand_argument(argument)
        for path in paths:
            passed_over: list[Path] = []
            if excluded is not None and (
                path.absolute() == excluded or excluded in path.absolute().parents
            ):
                continue  # the output folder, matched by a pattern: never an input
            if from_pattern and path.is_symlink():
                roots.append(path.parent)
                passed_over.append(path)
            elif path.is_dir():
                if from_pattern and path.name in TOOL_FOLDERS:
                    continue  # as `**` and folder walks: node_modules, venv... hold no resumes
                roots.append(path)
                if per_person:
                    people.extend(_people_of(path, excluded, passed_over))
                else:
                    found = walk_files(path, RESUME_SUFFIXES, excluded, passed_over)
                    people.extend((f, f, (), "") for f in found)
            elif path.suffix.lower() in RESUME_SUFFIXES or not from_pattern:
                # A file named explicitly is taken as named: the reader says why it fails.
                roots.append(path.parent)
                people.append((path, path, (), ""))
            else:
                roots.append(path.parent)
                passed_over.append(path)
            people.extend((f, None, (), skip_reason(f)) for f in passed_over)
    if not any(resume is not None for _, resume, _, skipped in people if not skipped):
        raise UsageError(
            "INPUT",
            "no resumes found",
            f"pass PDF, DOCX, TXT or Markdown files or folders with them ({', '.join(arguments)})",
        )
    root = _common_root(roots)
    unique: dict[str, BatchInput] = {}
    seen: set[Path] = set()
    for identity, resume, portfolio, skipped in people:
        key = identity.absolute() if identity.is_symlink() else identity.resolve()
        if key in seen:
            continue
        seen.add(key)
        label = _label(identity, root)
        unique[label] = BatchInput(label, resume, portfolio, skipped)
    return [unique[label] for label in sorted(unique)]


def _people_of(
    folder: Path, excluded: Path | None, passed_over: list[Path]
) -> list[tuple[Path, Path | None, tuple[Path, ...], str]]:
    """Per person: each subfolder is one person; loose resumes at the top are people too."""
    people: list[tuple[Path, Path | None, tuple[Path, ...], str]] = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        if is_skipped_name(sub.name) or (excluded is not None and sub.absolute() == excluded):
            continue
        resume, portfolio = _person(sub, excluded)
        people.append((sub, resume, portfolio, ""))
    for entry in sorted(folder.iterdir()):
        if is_skipped_name(entry.name) or (entry.is_dir() and not entry.is_symlink()):
            continue
        if entry.is_file() and not entry.is_symlink() and entry.suffix.lower() in RESUME_SUFFIXES:
            people.append((entry, entry, (), ""))
        elif entry.is_symlink() or entry.is_file():
            passed_over.append(entry)
    return people
