"""Everything users feel, measured in one run on the same files: start-up, one resume, a cohort.

    python benchmarks/run.py            # the full run (about fifteen minutes on two cores)
    python benchmarks/run.py --quick    # fewer files and rounds, to try it out (2-3 minutes)
    python benchmarks/run.py --check    # exit status 1 when a target is missed
    python benchmarks/run.py --corpus DIR --corpus DIR2   # other folders of real resumes

In one run, on seeded generated resumes (benchmarks/batch.py's generator) and on the real
resumes of ../shared/corpus and ../shared/corpus2:
  1. `gapcheck --help` and `gapcheck --version` in a new process, and the modules --help
     imports (none of spaCy, pdfminer, jinja2 may load);
  2. `gapcheck resume.pdf` for a 2-page resume in a new process, next to
     `python -c "import spacy; spacy.blank('en')"`, interleaved round by round; with
     gapcheck's on-disk cache filled (every run after the first) and empty (the first run);
  3. CPU time per stage of one resume (read, sections, detect, score, render), in a fresh
     process set up as the command line sets itself up; for the 2-page resume and for each
     real resume;
  4. per real resume, CPU time of bare pdfminer and bare pypdfium2 text extraction and of
     gapcheck's reading and whole analysis with each engine (benchmarks/reading.py),
     interleaved in one fresh process; a file that cannot be read is listed, not fatal;
  5. batch throughput with 1 and 2 workers on a few hundred generated resumes, next to
     bare `pdfminer.high_level.extract_text` on the same files (benchmarks/batch.py's
     functions), and with the optional pdfium engine next to bare pypdfium2 extraction;
  6. the peak resident memory of the batch's parent process and of its workers, through
     the library's `run_batch`, over 100 and over 1,000 resumes: the real resumes copied
     over and over (generated ones when there are none);
  7. whether both PDF engines find the same skills in every real resume, and why not
     where they differ (benchmarks/engines.py).
It prints the figures with each target met or missed and replaces its section of
benchmarks/RESULTS.md (with the machine described) unless --no-write is given.

Stage times, per-file reading, batch memory, the engine comparison and bare extraction
run in fresh interpreters (benchmarks/probes.py). Wall times of new processes are medians
over rounds; CPU times are medians over repeats.
Other programs on the machine disturb wall times most: the load average before and after
is recorded, and figures are flagged as noisy when it was high.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from run_batches import memory, throughput
from run_real import compare_engines, real_reading
from run_support import LOADS, Verdicts, in_fresh_process, log, machine, replace_section

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = (REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus2")
SECTION_START = "<!-- run.py: start -->"
SECTION_END = "<!-- run.py: end -->"
SPACY_BASELINE = "import spacy; spacy.blank('en')"
HEAVY_MODULES = ("spacy", "pdfminer", "jinja2")
NOISY_LOAD = 0.5  # load average per core at the start above which wall times are flagged

# The targets, each checked on figures of the same run.
HELP_SECONDS = 0.25
COLD_EXTRA_SECONDS = 0.4
AFTER_READ_SHARE = 0.30


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


# --------------------------------------------------------------------------- batch runs


# --------------------------------------------------------------------------- the run


def summary(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, lowest, highest)."""
    return statistics.median(values), min(values), max(values)


def spread(values: tuple[float, float, float]) -> str:
    median, low, high = values
    return f"{median:.2f} s (range {low:.2f}-{high:.2f})"


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
        corpora = [Path(c) for c in (args.corpus or CORPORA) if Path(c).is_dir()]
        corpus = sorted(p for place in corpora for p in place.glob("*.pdf"))
        ctx = Context(
            args, tmp, folder, files, files[pages.index(2)], environment(tmp / "cache"), corpus
        )
        log(f"{len(files)} resumes, {sum(pages)} pages; 2-page resume: {ctx.two_page.name}")
        cold_start(ctx)
        stages(ctx)
        if corpus:
            real_reading(ctx)
        throughput(ctx, batch)
        memory(ctx)
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
    read = [p for p in files[1:] if "ms" in measured[p]]
    if read:
        shares = {Path(p).name: after_reading(measured[p]["ms"]) for p in read}
        worst = max(shares, key=shares.__getitem__)
        ms = [measured[p]["ms"] for p in read]
        medians = {k: statistics.median(m[k] for m in ms) for k in ms[0]}
        refused = [f"{Path(p).name} ({measured[p]['refused']})" for p in files[1:] if p not in read]
        ctx.rows.append(
            (
                f"CPU per stage, {len(read)} real resumes, medians",
                ", ".join(f"{k} {v:.1f} ms" for k, v in medians.items())
                + (f"; refused: {', '.join(refused)}" if refused else ""),
            )
        )
        ctx.verdicts.add(
            f"after reading / reading: {len(read)} real resumes",
            f"median {statistics.median(shares.values()):.0%}, "
            f"highest {shares[worst]:.0%} ({worst})",
            f"<= {AFTER_READ_SHARE:.0%}",
            shares[worst] <= AFTER_READ_SHARE,
        )


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
    replace_section(section, SECTION_START, SECTION_END)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=300, help="resumes for throughput (300)")
    parser.add_argument(
        "--memory-counts", type=int, nargs="+", default=[100, 1000],
        help="batch sizes whose peak memory is measured (100 1000)",
    )  # fmt: skip
    parser.add_argument("--read-repeat", type=int, default=3, help="repeats per real resume (3)")
    parser.add_argument(
        "--corpus", action="append", help="folder of real resumes (repeatable; default: "
        "../shared/corpus and ../shared/corpus2)",
    )  # fmt: skip
    parser.add_argument("--rounds", type=int, default=9, help="rounds of new processes (9)")
    parser.add_argument("--stage-rounds", type=int, default=15, help="repeats per stage (15)")
    parser.add_argument("--repeat", type=int, default=2, help="repeats of each batch run (2)")
    parser.add_argument("--quick", action="store_true", help="fewer resumes, rounds, repeats")
    parser.add_argument("--no-pdfium", dest="pdfium", action="store_false",
                        help="skip the pdfium engine")  # fmt: skip
    parser.add_argument("--no-write", dest="write", action="store_false",
                        help="do not update benchmarks/RESULTS.md")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.quick:
        args.count, args.rounds, args.stage_rounds, args.repeat = 60, 3, 1, 1
        args.memory_counts, args.read_repeat = [50], 1
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
