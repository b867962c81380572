"""Load a taxonomy: the built-in one, or a coach's file (which may extend it).

`load` reads the YAML, merges a file with `extends: builtin` onto the built-in taxonomy
(gapcheck.taxonomy.extension), then parses and validates it (gapcheck.taxonomy.parsing).
The job-posting counts in `demand.yaml` beside the file are attached as `demand`; a file
with none beside it that extends the built-in taxonomy keeps the built-in counts.
A file loaded before in this process is not read again unless it (or its demand file)
changed, and one parsed in an earlier process is read back from gapcheck's on-disk cache.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path
from typing import Any

from gapcheck.errors import TaxonomyError
from gapcheck.support.resources import builtin_taxonomy_path, taxonomy_dir
from gapcheck.taxonomy.demand_file import DEMAND_FILE, Demand, parse_demand
from gapcheck.taxonomy.extension import merge_extension
from gapcheck.taxonomy.model import Taxonomy
from gapcheck.taxonomy.parsing import parse
from gapcheck.taxonomy.problems import FORMAT_HELP


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load the built-in taxonomy, or the file at `path` (which may extend the built-in)."""
    return load(path if path is not None else builtin_taxonomy_path())


def load(path: Path) -> Taxonomy:
    """Load, merge (when it extends the built-in) and validate the taxonomy at `path`."""
    stat = _stat(path)
    demand_stats = tuple(_stat(p) for p in _demand_paths(path))
    return _load_cached(path.resolve(), stat[0], stat[1], demand_stats)


def _demand_paths(path: Path) -> tuple[Path, Path]:
    """The demand file beside `path`, and the built-in one (an extension's fallback)."""
    return (path.parent / DEMAND_FILE, taxonomy_dir() / DEMAND_FILE)


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)  # read_yaml reports the missing or unreadable file
    return (info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(
    path: Path, mtime_ns: int, size: int, demand_stats: tuple[tuple[int, int], ...]
) -> Taxonomy:
    # Keyed by modification time and size (of the demand files too), so an edited file is
    # read again; a loaded taxonomy is immutable, so sharing it between analyses is safe.
    del mtime_ns, size, demand_stats
    return _load_through_disk_cache(path)


def _load_through_disk_cache(path: Path) -> Taxonomy:
    """The parsed taxonomy from gapcheck's on-disk cache, keyed by the YAML texts' digests.

    Parsing and validating the built-in taxonomy takes ~0.05 s of every cold start (YAML
    import included); the cached records load in ~2 ms. See gapcheck.support.disk_cache.
    """
    from gapcheck.support import disk_cache as cache

    try:
        text = path.read_bytes()
        base = builtin_taxonomy_path().read_bytes()
    except OSError:
        return _parse_file(path)  # which reports the missing or unreadable file
    # The demand files are read once, here: the key and the records come from the same
    # bytes, so an entry never pairs a taxonomy with counts it was not built with.
    demand_texts = tuple(_read_bytes(p) for p in _demand_paths(path))
    # The built-in texts are part of the key even when `path` does not extend it: cheaper
    # than parsing to find out, and an entry is never stale.
    text_digest = hashlib.sha256(text).hexdigest()
    parts = [path.name, text_digest, hashlib.sha256(base).hexdigest()]
    parts += [hashlib.sha256(t).hexdigest() if t is not None else "-" for t in demand_texts]
    key = cache.entry_key("taxonomy", parts)
    taxonomy = cache.load("taxonomy", key, Taxonomy)
    if taxonomy is None:
        taxonomy = _parse_file(path, demand_texts)
        # Stored only if the file did not change between hashing and parsing it.
        if taxonomy.digest in (text_digest, hashlib.sha256(text + base).hexdigest()):
            cache.store("taxonomy", key, taxonomy)
    return taxonomy


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # no demand file (or an unreadable one): the taxonomy has no counts
        return None


def _with_demand(
    taxonomy: Taxonomy, path: Path, demand_texts: tuple[bytes | None, ...] | None
) -> Taxonomy:
    """The taxonomy with the counts beside its file, else (extensions only) the built-in's."""
    beside, builtin = demand_texts or tuple(_read_bytes(p) for p in _demand_paths(path))
    if beside is not None:
        return dataclasses.replace(taxonomy, demand=_parse_demand(beside, path.parent))
    if taxonomy.extends and builtin is not None:
        return dataclasses.replace(taxonomy, demand=_parse_demand(builtin, taxonomy_dir()))
    return taxonomy


def _parse_demand(text: bytes, folder: Path) -> Demand:
    return parse_demand(read_yaml(folder / DEMAND_FILE, text), source=DEMAND_FILE)


def _parse_file(path: Path, demand_texts: tuple[bytes | None, ...] | None = None) -> Taxonomy:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise TaxonomyError(
            path.name, "is not a taxonomy (expected a mapping at the top)", FORMAT_HELP
        )
    digest = hashlib.sha256(path.read_bytes())
    if "extends" in data:
        if data["extends"] != "builtin":
            raise TaxonomyError(
                path.name,
                f"field 'extends': unknown base '{data['extends']}'",
                "the only base is 'builtin'",
            )
        base_path = builtin_taxonomy_path()
        base = read_yaml(base_path)
        if not isinstance(base, dict):
            raise TaxonomyError(base_path.name, "is not a taxonomy", "reinstall gapcheck")
        digest.update(base_path.read_bytes())
        data = merge_extension(base, data, source=path.name)
    taxonomy = parse(data, source=path.name, digest=digest.hexdigest())
    return _with_demand(taxonomy, path, demand_texts)


def read_yaml(path: Path, content: bytes | None = None) -> Any:
    """The YAML in `path` (or `content`, its bytes already read); errors name the file
    (never its full path) and say what to do."""
    try:
        text = path.read_text(encoding="utf-8") if content is None else content.decode("utf-8")
    except FileNotFoundError:
        raise TaxonomyError(path.name, "no such file", "check the --taxonomy path") from None
    except IsADirectoryError:
        raise TaxonomyError(
            path.name, "is a folder, not a file", "pass a taxonomy YAML file"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise TaxonomyError(
            path.name, f"cannot be read ({reason})", "pass a UTF-8 YAML file"
        ) from None
    import yaml  # here, not at the top: a cached taxonomy (the usual start) needs no YAML

    try:
        # libyaml's loader, when PyYAML was built with it, reads the taxonomy ~10x faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader either way
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise TaxonomyError(path.name, f"is not valid YAML{where}", "fix the syntax") from None


def forget_loaded() -> None:
    """Forget the taxonomies loaded in this process (see knowledge.forget_all)."""
    _load_cached.cache_clear()
