"""Behaviour that keeps gapcheck fast; the speed itself is measured by benchmarks/run.py.

* `gapcheck --help` and `--version` load none of the heavy libraries;
* the detector is built once per process, and a batch worker builds it once for all files;
* the on-disk cache (taxonomy and matchers) is used when valid, rebuilt when the taxonomy
  or gapcheck changes, and ignored when an entry is damaged or not safely ours;
* compiled report templates come from the cache without changing a byte of the report;
* batch workers move their start-up objects out of the garbage collector's way;
* the faster code paths give exactly what the plain ones gave.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from gapcheck.detection import compiled as cache
from gapcheck.detection import detector as detect
from gapcheck.detection.vocabulary import Vocabulary
from gapcheck.options import Options
from gapcheck.records import Line, Section
from gapcheck.report import charts, display
from gapcheck.report import environment as report_environment
from gapcheck.support import disk_cache
from gapcheck.taxonomy import loading as taxonomy_load
from gapcheck.taxonomy.knowledge import forget_all, role_weights
from gapcheck.taxonomy.loading import load_taxonomy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEAVY = ("spacy", "thinc", "pdfminer", "jinja2", "rapidfuzz")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for this test; gapcheck's in-process caches start empty."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    forget_all()
    return home / "gapcheck"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts Vocabulary constructions (the expensive matcher build)."""
    calls: list[int] = []
    original = Vocabulary.__init__

    def counting(self: Vocabulary, *args: object, **kwargs: object) -> None:
        calls.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Vocabulary, "__init__", counting)
    return calls


def copy_of_mini_taxonomy(folder: Path, extra_alias: str | None = None) -> Path:
    """The mini taxonomy in `folder`, optionally with one more alias for PyTorch."""
    text = (FIXTURES / "mini_taxonomy.yaml").read_text(encoding="utf-8")
    if extra_alias is not None:
        assert "    aliases: [torch]\n" in text
        text = text.replace("    aliases: [torch]\n", f"    aliases: [torch, {extra_alias}]\n", 1)
    path = folder / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def skills_line(text: str) -> list[Section]:
    line = Line(text=text, page=1, number=1)
    return [Section(kind="skills", heading="Skills", lines=(line,), document="cv.txt")]


def found(taxonomy_path: Path, text: str) -> set[str]:
    detector = detect.get_detector(load_taxonomy(taxonomy_path))
    return {s.id for s in detector.detect(skills_line(text)).skills if s.explicit}


# --------------------------------------------------------------------------- start-up


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_heavy_library(flag: str) -> None:
    code = (
        "import sys\nfrom gapcheck.cli.main import main\n"
        f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = {name.split(".")[0] for name in done.stderr.split()}
    assert "gapcheck" in done.stdout or "Usage" in done.stdout
    assert not loaded & set(HEAVY), f"{flag} imported {sorted(loaded & set(HEAVY))}"


# --------------------------------------------------------------------------- the detector


def test_detector_is_built_once_per_process(cache_home: Path, builds: list[int]) -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    first = detect.get_detector(taxonomy)
    assert detect.get_detector(taxonomy) is first
    assert detect.get_detector(load_taxonomy(FIXTURES / "mini_taxonomy.yaml")) is first
    assert len(builds) == 1


def test_a_batch_worker_builds_the_detector_once_for_all_its_files(
    cache_home: Path, builds: list[int], tmp_path: Path
) -> None:
    from gapcheck.batch import task as job

    resumes = []
    for index, skill in enumerate(["PyTorch", "Docker", "SQL"]):
        path = tmp_path / f"cv{index}.txt"
        path.write_text(
            "Jane Doe\njane.doe@example.com\n\nExperience\n"
            "Data Engineer, Example Corp, 2019 - 2023\n"
            f"Built reporting pipelines and services with {skill} and Python.\n\n"
            f"Skills\n{skill}, Python\n",
            encoding="utf-8",
        )
        resumes.append(path)
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    plan = Options(taxonomy=taxonomy, today="2026-11-21").resolve()
    work = job.AnalyseFile(job.AnalysisOptions(plan))
    work.warm_up()
    outcomes = [work(job.FileTask(label=p.name, resume=str(p))) for p in resumes]
    assert [o.summary.skills != () for o in outcomes] == [True, True, True]
    assert len(builds) == 1


# --------------------------------------------------------------------------- the disk cache


def test_a_new_process_reads_the_matchers_from_the_cache(
    cache_home: Path, builds: list[int]
) -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    built = cache.vocabulary(taxonomy)
    assert len(builds) == 1
    assert sorted(p.name.split("-")[0] for p in cache_home.glob("*.pickle")) == [
        "taxonomy",
        "vocabulary",
    ]
    read_back = cache.vocabulary(taxonomy)  # what the next process gets
    assert len(builds) == 1, "a valid entry must not be rebuilt"
    assert read_back is not built
    assert [t.text for t in read_back.terms] == [t.text for t in built.terms]
    doc = built.make_doc("PyTorch, Docker and machine learning with sklearn")
    again = read_back.make_doc("PyTorch, Docker and machine learning with sklearn")
    assert [(c.start, c.end, c.term) for c in read_back.candidates(again)] == [
        (c.start, c.end, c.term) for c in built.candidates(doc)
    ]


def test_the_misspelling_index_comes_from_the_cache_and_answers_the_same(
    cache_home: Path,
) -> None:
    from gapcheck.detection.fuzzy import FuzzyIndex

    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    terms = cache.vocabulary(taxonomy)
    built = cache.fuzzy_index(taxonomy, terms)
    assert len(list(cache_home.glob("fuzzy-*.pickle"))) == 1
    read_back = cache.fuzzy_index(taxonomy, terms)  # what the next process gets
    assert read_back is not built and isinstance(read_back, FuzzyIndex)
    for word in ("pytroch", "dokcer", "kubernetes", "tensorflwo", "banana"):
        assert read_back.best(word) == built.best(word) == FuzzyIndex(terms).best(word)
    assert built.best("pytroch") is not None, "a misspelling must be found at all"
    assert read_back.best.cache_info().currsize == 5, "the answer cache starts empty, per process"


def test_editing_the_taxonomy_invalidates_the_cache(
    cache_home: Path, builds: list[int], tmp_path: Path
) -> None:
    path = copy_of_mini_taxonomy(tmp_path)
    assert "pytorch" not in found(path, "Torchy, Docker")
    copy_of_mini_taxonomy(tmp_path, extra_alias="Torchy")
    os.utime(path, ns=(1, 1))  # a same-second edit must not hide behind the mtime
    taxonomy_load.forget_loaded()
    assert "pytorch" in found(path, "Torchy, Docker")
    assert len(builds) == 2


def test_a_taxonomy_with_a_made_up_digest_never_shares_matchers(
    cache_home: Path, builds: list[int]
) -> None:
    """The key is the taxonomy's content, not the digest a caller claims for it."""
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    fewer = dataclasses.replace(taxonomy, skills=taxonomy.skills[1:])
    cache.vocabulary(taxonomy)
    smaller = cache.vocabulary(fewer)
    assert len(builds) == 2
    assert taxonomy.skills[0].id not in {t.target for t in smaller.terms}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated by a crash
        lambda data: data[:-10] + b"0123456789",  # payload no longer matches its digest
        lambda data: b"not a gapcheck cache entry\n" + data,  # foreign header
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    cache_home: Path, builds: list[int], damage: object
) -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    cache.vocabulary(taxonomy)
    (entry,) = cache_home.glob("vocabulary-*.pickle")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    rebuilt = cache.vocabulary(taxonomy)
    assert len(builds) == 2
    assert {t.target for t in rebuilt.terms} >= {"pytorch", "docker"}
    assert disk_cache.load("vocabulary", disk_cache.entry_key("vocabulary", ()), Vocabulary) is None
    cache.vocabulary(taxonomy)
    assert len(builds) == 2, "the rebuilt entry is written back and used"


def test_an_entry_others_could_have_written_is_never_loaded(
    cache_home: Path, builds: list[int]
) -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    cache.vocabulary(taxonomy)
    (entry,) = cache_home.glob("vocabulary-*.pickle")
    entry.chmod(0o666)
    cache.vocabulary(taxonomy)
    assert len(builds) == 2
    assert oct(cache_home.stat().st_mode & 0o777) == oct(0o700)


def test_an_entry_of_the_wrong_type_is_ignored(cache_home: Path) -> None:
    key = disk_cache.entry_key("vocabulary", ("x",))
    disk_cache.store("vocabulary", key, {"not": "a vocabulary"})
    assert disk_cache.load("vocabulary", key, Vocabulary) is None
    assert not list(cache_home.glob("vocabulary-*.pickle")), "the wrong entry is removed"


def test_the_cache_can_be_turned_off(
    cache_home: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GAPCHECK_NO_CACHE", "1")
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    cache.vocabulary(taxonomy)
    cache.vocabulary(taxonomy)
    assert len(builds) == 2
    assert not cache_home.exists()


def test_an_unwritable_cache_folder_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[int]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    forget_all()
    assert "pytorch" in found(FIXTURES / "mini_taxonomy.yaml", "PyTorch, Docker")


def test_a_cached_taxonomy_equals_a_parsed_one(cache_home: Path, tmp_path: Path) -> None:
    path = copy_of_mini_taxonomy(tmp_path)
    parsed = load_taxonomy(path)
    taxonomy_load.forget_loaded()
    cached = load_taxonomy(path)
    assert cached == parsed and cached is not parsed
    assert cached.digest == parsed.digest != ""


def test_edited_code_gets_new_entries(
    cache_home: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    cache.vocabulary(taxonomy)
    monkeypatch.setattr(disk_cache, "code_fingerprint", lambda: "another gapcheck")
    cache.vocabulary(taxonomy)
    assert len(builds) == 2


# --------------------------------------------------------------------------- templates


def test_compiled_templates_come_from_the_cache_and_render_the_same(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.sample_analysis import strong_candidate

    analysis = strong_candidate()
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: object, **kwargs: object) -> object:
        compiled.append(str(args[1] if len(args) > 1 else kwargs.get("filename")))
        return original(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    new_process_environment = report_environment.environment.__wrapped__

    def render_in_a_new_process() -> str:
        fresh = new_process_environment()
        monkeypatch.setattr(report_environment, "environment", lambda: fresh)
        report_environment._page_assets.cache_clear()
        try:
            return report_environment.render_html(analysis)
        finally:
            report_environment._page_assets.cache_clear()

    first = render_in_a_new_process()
    assert compiled, "the first run compiles the templates"
    compiled.clear()
    second = render_in_a_new_process()
    assert compiled == [], "a new process loads the compiled templates"
    assert second == first


# --------------------------------------------------------------------------- batch workers


def freeze_count(_task: str) -> int:
    return gc.get_freeze_count()


def test_batch_workers_freeze_their_start_up_objects() -> None:
    from gapcheck.batch.worker import IsolatedPool

    pool = IsolatedPool(freeze_count, workers=1, timeout=30)
    (result,) = list(pool.map([(0, "x")]))
    assert result.ok and result.value > 0


# --------------------------------------------------------------------------- same results


def test_role_weights_are_computed_once_and_each_caller_gets_a_copy() -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    role = taxonomy.roles[0].id
    first = role_weights(taxonomy, role, "mid")
    first["intruder"] = 99.0
    second = role_weights(taxonomy, role, "mid")
    assert "intruder" not in second and second
    assert role_weights(taxonomy, role, "senior") is not second
    other = dataclasses.replace(taxonomy, skills=taxonomy.skills[:1])
    assert set(role_weights(other, role, "mid")) <= {taxonomy.skills[0].id}


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "  padded  ",
        "double  space",
        "tab\there",
        "line\nbreak",
        "nbsp\u00a0here",
        "em\u2003space",
        "bidi \u202eevil\u202c",
        "isolate \u2066x\u2069",
        "ctrl \x00\x07\x1b done",
        "c1 \x85\x9f done",
        "sep\u2028para\u2029end",
        "soft\u00adhyphen",
        "zero\u200bwidth",
        "",
        "   ",
        "naïve café — “quotes”",
    ],
)
def test_one_line_fast_path_gives_what_the_full_cleanup_gives(text: str) -> None:
    full = display._WHITESPACE.sub(" ", display._CONTROL.sub("", text)).strip()
    assert display.one_line(text) == full


def test_coverage_chart_still_escapes_every_label() -> None:
    svg = charts.coverage_chart((charts.Bar('<script>"x"&</script>', 55.0),), "c", 1)
    assert "<script>" not in svg
    assert "&lt;script&gt;&#34;x&#34;&amp;&lt;/script&gt;" in svg
    assert 'class="chart-bar cov-mid"' in svg and 'width="198.0"' in svg
