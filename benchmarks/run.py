"""Everything users feel, measured in one run on the same files: start-up, one resume, a cohort.

    python benchmarks/run.py            # the full run (about five minutes on two cores)
    python benchmarks/run.py --quick    # fewer files and rounds, to try it out
    python benchmarks/run.py --check    # exit status 1 when a target is missed

In one run, on one set of seeded generated resumes (benchmarks/batch.py's generator):
  1. `gapcheck --help` and `gapcheck --version` in a new process, and the modules --help
     imports (none of spaCy, pdfminer, jinja2 may load);
  2. `gapcheck resume.pdf` for a 2-page resume in a new process, next to
     `python -c "import spacy; spacy.blank('en')"`, interleaved round by round; with
     gapcheck's on-disk cache filled (every run after the first) and empty (the first run);
  3. CPU time per stage of one resume (read, sections, detect, score, render), in a fresh
     process set up as the command line sets itself up; for the 2-page resume and for each
     real resume in ../shared/corpus;
  4. batch throughput with 1 and 2 workers on a few hundred resumes, next to bare
     `pdfminer.high_level.extract_text` on the same files (benchmarks/batch.py's functions),
     and with the optional pdfium engine next to bare pypdfium2 extraction;
  5. the peak resident memory of one batch worker over 1,000 resumes, early and late;
  6. whether both PDF engines find the same skills in every resume of ../shared/corpus.
It prints the figures with each target met or missed and replaces its section of
benchmarks/RESULTS.md (with the machine described) unless --no-write is given.

Stage times, the engine comparison and bare extraction run in fresh interpreters
(benchmarks/probes.py). Wall times of new processes are medians over rounds; CPU times
are medians over repeats.
Other programs on the machine disturb wall times most: the load average before and after
is recorded, and figures are flagged as noisy when it was high.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
SECTION_START = "<!-- run.py: start -->"
SECTION_END = "<!-- run.py: end -->"
SPACY_BASELINE = "import spacy; spacy.blank('en')"
HEAVY_MODULES = ("spacy", "pdfminer", "jinja2")
LIBRARIES = ("spacy", "pdfminer.six", "pypdfium2", "jinja2", "rapidfuzz", "click", "PyYAML")
NOISY_LOAD = 0.5  # load average per core at the start above which wall times are flagged

# The targets, each checked on figures of the same run.
HELP_SECONDS = 0.25
COLD_EXTRA_SECONDS = 0.4
AFTER_READ_SHARE = 0.30
RSS_LIMIT_MB = 400.0
RSS_FLAT_MB = 10.0  # growth allowed between the first tenth of the batch and its end
CPU_RATIO = 1.5
SPEEDUP = 1.7


@dataclass
class Verdicts:
    """Each target with what was measured, its limit, and whether it was met."""

    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, target: str, measured: str, limit: str, met: bool) -> None:
        self.rows.append((target, measured, limit, met))

    @property
    def all_met(self) -> bool:
        return all(met for *_, met in self.rows)


# --------------------------------------------------------------------------- processes


def gapcheck_command() -> list[str]:
    """The installed `gapcheck` script next to this interpreter, else `python -m gapcheck`."""
    script = Path(sys.executable).parent / "gapcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gapcheck"]


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GAPCHECK_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(cache)
    return env


def timed_process(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a new process; its CPU time (user + system) is what
    other programs on a busy machine disturb least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def help_imports(env: dict[str, str]) -> list[str]:
    """The heavy modules `gapcheck --help` imports (there should be none)."""
    code = (
        "import sys\nfrom gapcheck.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    loaded = done.stderr.split()
    return sorted({m.split(".")[0] for m in loaded if m.split(".")[0] in HEAVY_MODULES})


def in_fresh_process(mode: str, payload: dict[str, Any], env: dict[str, str]) -> Any:
    """Run one of benchmarks/probes.py's measurements in a new interpreter; its JSON result."""
    done = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), mode, json.dumps(payload)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


# --------------------------------------------------------------------------- batch runs


def engine_batch(folder: Path, out: Path, jobs: int, engine: str) -> tuple[float, float, int]:
    """(wall seconds, worker CPU seconds, failures) of `gapcheck batch` with `engine`."""
    from gapcheck.batch.inputs import collect_inputs
    from gapcheck.batch.run import BatchSettings, run_batch
    from gapcheck.batch.task import AnalysisOptions
    from gapcheck.options import Options

    options = AnalysisOptions(Options(today="2026-11-21", engine=engine).resolve())
    settings = BatchSettings(jobs=jobs, timeout=120, max_memory_mb=1024, force=True)
    started = time.perf_counter()
    summary = run_batch(collect_inputs([str(folder)]), out, options, settings)
    return time.perf_counter() - started, summary.cpu_seconds, summary.failed


# --------------------------------------------------------------------------- the run


def summary(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, lowest, highest)."""
    return statistics.median(values), min(values), max(values)


def spread(values: tuple[float, float, float]) -> str:
    median, low, high = values
    return f"{median:.2f} s (range {low:.2f}-{high:.2f})"


def machine() -> list[tuple[str, str]]:
    cpu = "?"
    memory = "?"
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        names = re.findall(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        cpu = names[0].strip() if names else "?"
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
        memory = f"{int(total.group(1)) / 2**20:.1f} GiB" if total else "?"
    except OSError:
        pass
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        ("CPU", f"{os.cpu_count()} cores, {cpu}"),
        ("memory", memory),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("libraries", ", ".join(versions)),
    ]


@dataclass
class Context:
    """What every step shares: the options, the files and where results go."""

    args: argparse.Namespace
    tmp: Path
    folder: Path  # the generated resumes
    files: list[Path]
    two_page: Path
    env: dict[str, str]  # for new processes: a cache folder of the run's own, filled
    corpus: list[Path]
    rows: list[tuple[str, str]] = field(default_factory=list)
    verdicts: Verdicts = field(default_factory=Verdicts)
    notes: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> Context:
    sys.path.insert(0, str(HERE))
    import batch  # benchmarks/batch.py: the resume generator and the batch measurements

    log("start")
    with tempfile.TemporaryDirectory(prefix="gapcheck-run-") as temporary:
        tmp = Path(temporary)
        folder = tmp / "resumes"
        folder.mkdir()
        pages = [batch.write_resume(folder / f"resume-{i:04d}.pdf", i) for i in range(args.count)]
        files = sorted(folder.glob("*.pdf"))
        corpus = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
        ctx = Context(
            args, tmp, folder, files, files[pages.index(2)], environment(tmp / "cache"), corpus
        )
        log(f"{len(files)} resumes, {sum(pages)} pages; 2-page resume: {ctx.two_page.name}")
        cold_start(ctx)
        stages(ctx)
        throughput(ctx, batch)
        memory(ctx, batch)
        if args.pdfium and corpus:
            compare_engines(ctx)
    log("done")
    cores = os.cpu_count() or 1
    loads = [x for x in LOADS if x is not None]
    load_text = f"{loads[0]:.2f} at the start, at most {max(loads):.2f}" if loads else "unknown"
    ctx.rows.append(("load average (1 min), this run's own processes included", load_text))
    # This run keeps one process busy, two during the 2-worker batch: more load than that
    # came from other programs.
    if loads and (loads[0] > NOISY_LOAD * cores or max(loads) > cores + 1):
        ctx.notes.insert(
            0,
            f"The machine was busy (load average {load_text}, {cores} cores): other "
            "programs shared the CPUs, so wall times (cold start, 2-worker speed-up) are "
            "noisy; CPU times and CPU ratios much less.",
        )
    return ctx


def cold_start(ctx: Context) -> None:
    """1, 2: new processes, interleaved round by round so a busy moment hits all alike."""
    command = gapcheck_command()
    resume = [*command, str(ctx.two_page), "-o", str(ctx.tmp / "out.html"), "-q"]
    baseline = [sys.executable, "-c", SPACY_BASELINE]
    timed_process(resume, ctx.env, ctx.tmp)  # fills the cache, and the OS's file cache
    timed_process(baseline, ctx.env, ctx.tmp)
    walls: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    for index in range(ctx.args.rounds):
        empty = environment(ctx.tmp / "empty" / str(index))
        for name, command_line, env in (
            ("help", [*command, "--help"], ctx.env),
            ("version", [*command, "--version"], ctx.env),
            ("spacy", baseline, ctx.env),
            ("resume", resume, ctx.env),
            ("first", resume, empty),
        ):
            wall, cpu = timed_process(command_line, env, ctx.tmp)
            walls[name].append(wall)
            cpus[name].append(cpu)
    log("cold start measured")
    cold = {k: summary(v) for k, v in walls.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    heavy = help_imports(ctx.env)

    def shown(name: str) -> str:
        return f"{spread(cold[name])}; CPU {cpu[name]:.2f} s"

    ctx.rows += [
        ("`gapcheck --help`, new process", shown("help")),
        ("`gapcheck --version`, new process", shown("version")),
        ("heavy modules `--help` imports", ", ".join(heavy) or "none"),
        (f'`python -c "{SPACY_BASELINE}"`', shown("spacy")),
        (f"`gapcheck {ctx.two_page.name}` (2 pages), cache filled", shown("resume")),
        ("... the same, cache empty (first run)", shown("first")),
    ]
    extra = cold["resume"][0] - cold["spacy"][0]
    extra_first = cold["first"][0] - cold["spacy"][0]
    extra_cpu = cpu["resume"] - cpu["spacy"]
    slowest = max(cold["help"][0], cold["version"][0])
    ctx.verdicts.add(
        "`--help`/`--version` under 0.25 s, no spaCy/pdfminer/jinja2",
        f"{slowest:.2f} s; heavy imports: {', '.join(heavy) or 'none'}",
        f"< {HELP_SECONDS} s",
        slowest < HELP_SECONDS and not heavy,
    )
    ctx.verdicts.add(
        "cold single resume, beyond importing spaCy + a blank pipeline (wall)",
        f"+{extra:.2f} s (CPU +{extra_cpu:.2f} s; first run, empty cache: +{extra_first:.2f} s)",
        f"<= {COLD_EXTRA_SECONDS} s",
        extra <= COLD_EXTRA_SECONDS,
    )


def stages(ctx: Context) -> None:
    """3: CPU per stage in a fresh process, for the 2-page resume and the real ones."""
    files = [str(ctx.two_page), *map(str, ctx.corpus)]
    payload = {"files": files, "rounds": ctx.args.stage_rounds}
    measured = in_fresh_process("--stages", payload, ctx.env)
    log("stages measured")

    def after_reading(ms: dict[str, float]) -> float:
        return sum(v for k, v in ms.items() if k != "read") / ms["read"]

    generated = measured[str(ctx.two_page)]["ms"]
    share = after_reading(generated)
    ctx.rows.append(
        (
            f"CPU per stage, {ctx.two_page.name} (2 pages)",
            ", ".join(f"{k} {v:.1f} ms" for k, v in generated.items()),
        )
    )
    ctx.verdicts.add(
        "after reading (sections, detect, score, render, other) / reading: generated 2-page resume",
        f"{share:.0%}",
        f"<= {AFTER_READ_SHARE:.0%}",
        share <= AFTER_READ_SHARE,
    )
    if ctx.corpus:
        shares = {Path(p).name: after_reading(measured[p]["ms"]) for p in files[1:]}
        worst = max(shares, key=shares.__getitem__)
        ms = [measured[p]["ms"] for p in files[1:]]
        medians = {k: statistics.median(m[k] for m in ms) for k in ms[0]}
        ctx.rows.append(
            (
                f"CPU per stage, {len(ctx.corpus)} real resumes (../shared/corpus), medians",
                ", ".join(f"{k} {v:.1f} ms" for k, v in medians.items()),
            )
        )
        ctx.verdicts.add(
            f"after reading / reading: {len(ctx.corpus)} real resumes",
            f"median {statistics.median(shares.values()):.0%}, "
            f"highest {shares[worst]:.0%} ({worst})",
            f"<= {AFTER_READ_SHARE:.0%}",
            shares[worst] <= AFTER_READ_SHARE,
        )


def throughput(ctx: Context, batch: Any) -> None:
    """4: batch runs with 1 and 2 workers, each pair between bare extractions.

    CPU time per unit of work drifts with what else the machine runs, so each 1-worker
    run is compared with the bare extractions just before and after it, and the median
    of those ratios is kept.
    """
    # The orchestrating process warms up once (spaCy, the detector), as `gapcheck batch`
    # does before its workers start; timing only starts after, for every run alike.
    warm = ctx.tmp / "warm-up"
    warm.mkdir()
    for path in ctx.files[:3]:
        shutil.copyfile(path, warm / path.name)
    batch.batch_run(warm, ctx.tmp / "out-warm-up", jobs=1)
    bare = [in_fresh_process("--bare", {"folder": str(ctx.folder)}, ctx.env)]
    one, two, ratios = [], [], []
    for index in range(ctx.args.repeat):
        one.append(batch.batch_run(ctx.folder, ctx.tmp / f"out1-{index}", jobs=1))
        two.append(batch.batch_run(ctx.folder, ctx.tmp / f"out2-{index}", jobs=2))
        bare.append(in_fresh_process("--bare", {"folder": str(ctx.folder)}, ctx.env))
        around = statistics.mean(b["pdfminer"] for b in bare[-2:])
        ratios.append(one[-1].cpu_workers / around)
    log("batch measured")
    n = len(ctx.files)
    floors = [b["pdfminer"] for b in bare]
    if max(floors) > 1.1 * min(floors):
        ctx.notes.append(
            f"The same bare extraction took {100 * (max(floors) / min(floors) - 1):.0f}% "
            "more CPU time in one of its runs than in another: the machine's speed varied "
            "during the run (other virtual machines or programs on the same cores), which "
            "is why each batch run is compared with the extractions right next to it."
        )
    one_wall = statistics.median(r.wall for r in one)
    two_wall = statistics.median(r.wall for r in two)
    worker_cpu = statistics.median(r.cpu_workers for r in one)
    ratio, speedup = statistics.median(ratios), one_wall / two_wall
    ctx.rows += [
        (
            "bare `extract_text`, same files, fresh process, between the batch runs",
            ", ".join(f"{1000 * b['pdfminer'] / n:.1f}" for b in bare) + " ms CPU per resume",
        ),
        (
            "`gapcheck batch`, 1 worker",
            f"{one_wall:.1f} s, {n / one_wall:.1f} resumes/s, "
            f"{1000 * worker_cpu / n:.1f} ms worker CPU per resume",
        ),
        ("`gapcheck batch`, 2 workers", f"{two_wall:.1f} s, {n / two_wall:.1f} resumes/s"),
        ("batch failures", str(sum(r.failed for r in one + two))),
    ]
    ctx.verdicts.add(
        "batch worker CPU per resume / bare extract_text",
        f"{ratio:.2f}x (runs: {', '.join(f'{r:.2f}' for r in ratios)})",
        f"<= {CPU_RATIO}x",
        ratio <= CPU_RATIO,
    )
    ctx.verdicts.add(
        "batch speed-up, 2 workers over 1", f"{speedup:.2f}x", f">= {SPEEDUP}x", speedup >= SPEEDUP
    )
    if not ctx.args.pdfium:
        return
    wall, cpu, failed = engine_batch(ctx.folder, ctx.tmp / "out-pdfium-1", 1, "pdfium")
    wall2, _, failed2 = engine_batch(ctx.folder, ctx.tmp / "out-pdfium-2", 2, "pdfium")
    log("pdfium batch measured")
    pdfium_bare_cpu = statistics.mean(b["pdfium"] for b in bare)
    ctx.rows += [
        (
            "bare pypdfium2 text extraction, same files",
            f"{1000 * pdfium_bare_cpu / n:.1f} ms CPU per resume",
        ),
        (
            "`gapcheck batch --pdf-engine pdfium`, 1 worker",
            f"{wall:.1f} s, {n / wall:.1f} resumes/s, {1000 * cpu / n:.1f} ms worker CPU "
            f"per resume ({one_wall / wall:.1f}x the pdfminer engine's throughput)",
        ),
        (
            "`gapcheck batch --pdf-engine pdfium`, 2 workers",
            f"{wall2:.1f} s, {n / wall2:.1f} resumes/s; failures {failed + failed2}",
        ),
    ]


def memory(ctx: Context, batch: Any) -> None:
    """5: one worker's peak resident memory, early and late in a long batch."""
    folder = ctx.tmp / "resumes-memory"
    folder.mkdir()
    for index in range(ctx.args.rss_count):
        source, target = (p / f"resume-{index:04d}.pdf" for p in (ctx.folder, folder))
        if source.exists():
            shutil.copyfile(source, target)
        else:
            batch.write_resume(target, index)
    long_run = batch.batch_run(folder, ctx.tmp / "out-memory", jobs=1)
    log("memory measured")
    tenth = max(1, len(long_run.peaks) // 10)
    early, late = max(long_run.peaks[:tenth]), max(long_run.peaks)
    count = len(long_run.peaks)
    ctx.rows.append(
        (
            f"peak worker RSS, 1 worker, {ctx.args.rss_count} resumes",
            f"{early:.0f} MB after {tenth}, {late:.0f} MB after {count} "
            f"({count / long_run.wall:.1f} resumes/s, {long_run.failed} failures)",
        )
    )
    ctx.verdicts.add(
        f"peak worker RSS over {ctx.args.rss_count} resumes, flat",
        f"{late:.0f} MB, +{late - early:.0f} MB after the first tenth",
        f"< {RSS_LIMIT_MB:.0f} MB, growth <= {RSS_FLAT_MB:.0f} MB",
        late < RSS_LIMIT_MB and late - early <= RSS_FLAT_MB,
    )


def compare_engines(ctx: Context) -> None:
    """6: the skills both PDF engines find in every real resume."""
    payload = {"files": [str(p) for p in ctx.corpus]}
    engines = in_fresh_process("--engines", payload, ctx.env)
    log("engines compared")
    differing = [
        f"{Path(path).name}: {_difference(found)}"
        for path, found in engines.items()
        if _difference(found)
    ]
    miner = sum(f["pdfminer"]["read_ms"] for f in engines.values())
    pdfium = sum(f["pdfium"]["read_ms"] for f in engines.values())
    total = len(ctx.corpus)
    ctx.rows.append(
        (
            f"pdfium vs pdfminer engine, {total} real resumes",
            f"same skills and certifications in {total - len(differing)} of {total}; "
            f"gapcheck's reading {miner / pdfium:.1f}x faster",
        )
    )
    ctx.notes += [f"Engines differ on {d}" for d in differing]


def _difference(found: dict[str, Any]) -> str:
    parts = []
    for kind in ("skills", "certifications"):
        miner, pdfium = set(found["pdfminer"][kind]), set(found["pdfium"][kind])
        if miner - pdfium:
            parts.append(f"{kind} only with pdfminer: {', '.join(sorted(miner - pdfium))}")
        if pdfium - miner:
            parts.append(f"{kind} only with pdfium: {', '.join(sorted(pdfium - miner))}")
    return "; ".join(parts)


LOADS: list[float | None] = []  # the load average at every step, to judge the noise


def log(message: str) -> None:
    LOADS.append(load_average())
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- output


def markdown(
    rows: list[tuple[str, str]], verdicts: Verdicts, notes: list[str], command: str
) -> str:
    lines = [
        SECTION_START,
        f"## Speed and memory (`{command}`)",
        "",
        "Measured in one run on the same files; new-process wall times are medians over "
        "interleaved rounds, CPU times medians over repeats.",
        "",
        "| machine | |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in machine()),
        "",
        "| target | measured | limit | met |",
        "| --- | --- | --- | --- |",
        *(
            f"| {t} | {m} | {lim} | {'yes' if ok else '**no**'} |"
            for t, m, lim, ok in verdicts.rows
        ),
        "",
        "| measure | result |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
        *(f"- {note}" for note in notes),
        SECTION_END,
        "",
    ]
    return "\n".join(lines)


def write_results(section: str) -> None:
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    pattern = re.compile(
        re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END) + "\n?", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=300, help="resumes for throughput (300)")
    parser.add_argument("--rss-count", type=int, default=1000, help="resumes for memory (1000)")
    parser.add_argument("--rounds", type=int, default=9, help="rounds of new processes (9)")
    parser.add_argument("--stage-rounds", type=int, default=15, help="repeats per stage (15)")
    parser.add_argument("--repeat", type=int, default=2, help="repeats of each batch run (2)")
    parser.add_argument("--quick", action="store_true", help="60/200 resumes, 3 rounds")
    parser.add_argument("--no-pdfium", dest="pdfium", action="store_false",
                        help="skip the pdfium engine")  # fmt: skip
    parser.add_argument("--no-write", dest="write", action="store_false",
                        help="do not update benchmarks/RESULTS.md")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.quick:
        args.count, args.rss_count, args.rounds, args.stage_rounds, args.repeat = 60, 200, 3, 5, 1
    if args.pdfium:
        try:
            import pypdfium2  # noqa: F401 - only to know whether the pdfium engine can run
        except ImportError:
            log("pypdfium2 is not installed: the pdfium engine is skipped (gapcheck[fast])")
            args.pdfium = False
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    ctx = run(args)
    section = markdown(ctx.rows, ctx.verdicts, ctx.notes, command)
    print(section)
    for target, measured, limit, met in ctx.verdicts.rows:
        print(f"{'MET   ' if met else 'MISSED'} {target}: {measured} (target {limit})")
    if args.write:
        write_results(section)
    return 1 if args.check and not ctx.verdicts.all_met else 0


if __name__ == "__main__":
    sys.exit(main())
