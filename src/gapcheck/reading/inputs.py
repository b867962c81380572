"""Which files a path stands for: one suffix and file-collection policy for every input.

A resume, its portfolio folders, a batch's folders and a folder of job postings are all
expanded here, by the same rules:

* a file named explicitly is taken as named (the reader checks its type from its bytes);
* a folder contributes regular files with a known suffix, in a stable (sorted) order;
* symbolic links, hidden entries (".git", ".env"), office lock files ("~$cv.docx") and
  tool folders (virtual environments, node_modules, build output) are never followed, so
  nothing outside the folder a user named can end up in a report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from gapcheck.errors import InputError

# Prose documents gapcheck can read as evidence (a portfolio) or as a posting.
DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".rst", ".html", ".htm", ".pdf", ".docx")
# What a folder of resumes contributes (a person's notes in .rst or .html are portfolio).
RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
POSTING_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")
TOOL_FOLDERS = frozenset(
    {"node_modules", "venv", "__pycache__", "build", "dist", "site-packages"}
)
MAX_PORTFOLIO_FOLDER_FILES = 200  # a folder bigger than this is most likely not a portfolio


def is_skipped_name(name: str) -> bool:
    """Hidden entries and office lock files are never inputs."""
    return name.startswith((".", "~$"))


def walk_files(
    folder: Path,
    suffixes: Sequence[str],
    exclude: Path | None = None,
    passed_over: list[Path] | None = None,
) -> list[Path]:
    """Regular files below `folder` with one of `suffixes`, sorted by path within each folder.

    Symbolic links are never followed (to files or folders), so a link to `.` cannot loop
    and a link out of the folder cannot bring in someone else's file; `exclude` (a batch's
    output folder, absolute) is skipped. Visible files left out for their suffix, and
    links to files, are appended to `passed_over` when it is given (a batch lists them).
    """
    found: list[Path] = []
    for current, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(current)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not is_skipped_name(d)
            and d not in TOOL_FOLDERS
            and not (here / d).is_symlink()
            and (exclude is None or (here / d).absolute() != exclude)
        )
        for name in sorted(filenames):
            path = here / name
            if is_skipped_name(name):
                continue
            if path.suffix.lower() not in suffixes or path.is_symlink():
                if passed_over is not None and (path.is_symlink() or path.is_file()):
                    passed_over.append(path)
                continue
            if not path.is_file():
                continue
            found.append(path)
    return found


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def expand_portfolio(paths: Sequence[Path]) -> list[Path]:
    """Files to read for the given portfolio paths, in a stable order.

    A folder (a local clone of a repository, say) contributes its README files first, then
    documentation under docs/ or doc/, then other prose files; never its code.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_portfolio_folder(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise InputError(path.name, "no such file or folder", "check the portfolio path")
    return _unique(files)


def _portfolio_folder(folder: Path) -> list[Path]:
    def priority(path: Path) -> tuple[int, str]:
        relative = path.relative_to(folder)
        if path.stem.lower() == "readme":
            return (0, str(relative))
        if relative.parts[0].lower() in ("docs", "doc"):
            return (1, str(relative))
        return (2, str(relative))

    found = sorted(walk_files(folder, DOCUMENT_SUFFIXES), key=priority)
    if not found:
        raise InputError(
            folder.name,
            "the folder holds no README or documentation files",
            "pass the files themselves",
        )
    return found[:MAX_PORTFOLIO_FOLDER_FILES]


def posting_files(paths: Iterable[Path]) -> list[Path]:
    """The posting files among `paths`: files as given, folders searched for known suffixes."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(walk_files(path, POSTING_SUFFIXES))
            if not found:
                raise InputError(path.name, "holds no job postings", "add .txt, .md or .pdf files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(path.name, "no such file or folder", "check the path")
    return _unique(files)
