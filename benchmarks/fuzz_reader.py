"""A short coverage-guided fuzz run over the PDF reader.

    python benchmarks/fuzz_reader.py                  # 60 s with atheris (libFuzzer)
    python benchmarks/fuzz_reader.py --seconds 600    # a longer run
    python benchmarks/fuzz_reader.py --hypothesis     # without atheris: hypothesis mutations
    python benchmarks/fuzz_reader.py --keep findings/ # keep crashing inputs and the corpus

Every input goes through `gapcheck.reading.read_bytes` (as a PDF: inputs that lost their
header get it back, so the run explores pdfminer and gapcheck's layout code rather than
the type sniffer) and then the section finder. The one rule: an input ends in a document
or a GapcheckError, never in another exception, a hang or runaway memory.

With atheris installed (`pip install atheris`), libFuzzer mutates a seed corpus of small
PDFs (plain and deflated text, a reportlab resume, the example resume), guided by the
coverage of gapcheck and pdfminer. libFuzzer owns SIGALRM for its own -timeout, so the
reader runs with its cooperative checks alone (every 256 glyphs, between pages), with the
time limit lowered to 10 s: libFuzzer reports anything slower than 25 s as a timeout and
anything above 2.5 GB as out-of-memory. Without atheris, hypothesis applies random byte
edits to the same seeds (not coverage-guided). Either way the run ends with one summary
line; crashing inputs are reproduced and their exception printed. Exit status 1 when
anything crashed, timed out or ran out of memory.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "jordan-lee-resume.pdf"
TIMEOUT_SECONDS = 25
RSS_LIMIT_MB = 2560
READ_SECONDS = 10.0
RESUME_LINES = (
    "Alex Example",
    "Skills",
    "Python, SQL, PyTorch, Docker",
    "Experience",
    "Built machine learning pipelines",
)


# --------------------------------------------------------------------------- seeds


def _pdf(content: bytes, *, deflate: bool) -> bytes:
    if deflate:
        content = zlib.compress(content)
    stream = b"<< /Length %d%s >>\nstream\n" % (
        len(content),
        b" /Filter /FlateDecode" if deflate else b"",
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _reportlab_resume() -> bytes | None:
    try:
        from reportlab.pdfgen import canvas
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.pdf"
        pdf = canvas.Canvas(str(path))
        for i, line in enumerate(RESUME_LINES):
            pdf.setFont("Helvetica-Bold" if i in (1, 3) else "Times-Roman", 11)
            pdf.drawString(56, 780 - 16 * i, line)
        pdf.drawString(320, 780, "Sidebar: Kubernetes")
        pdf.showPage()
        pdf.save()
        return path.read_bytes()


def seeds() -> list[bytes]:
    content = b"".join(
        b"BT /F1 11 Tf 56 %d Td (%s) Tj ET\n" % (780 - 16 * i, line.encode())
        for i, line in enumerate(RESUME_LINES)
    )
    found = [_pdf(content, deflate=False), _pdf(content, deflate=True)]
    generated = _reportlab_resume()
    if generated is not None:
        found.append(generated)
    if EXAMPLE.exists():
        found.append(EXAMPLE.read_bytes())
    return found


# --------------------------------------------------------------------------- the target


def make_target() -> object:
    """The function each input is given to (imports gapcheck; call inside instrumentation)."""
    import logging

    # The reader imports its PDF modules (and pdfminer) on first use: import them here,
    # so that under atheris they load inside the instrumentation and guide the fuzzer.
    import gapcheck.reading.pdf  # noqa: F401
    from gapcheck.errors import GapcheckError
    from gapcheck.reading import limits, read_bytes
    from gapcheck.sections.split import split_sections

    limits.MAX_SECONDS = READ_SECONDS
    logging.disable(logging.CRITICAL)  # pdfminer warns about every damaged object

    def one_input(data: bytes) -> None:
        if not data.startswith(b"%PDF-"):
            data = b"%PDF-1.7\n" + data
        try:
            document = read_bytes(data, "fuzz.pdf")
        except GapcheckError:
            return
        split_sections(document)

    return one_input


def child(argv: list[str]) -> None:
    """Run under libFuzzer: `argv` holds the corpus folder and libFuzzer's flags."""
    import atheris

    with atheris.instrument_imports(include=["gapcheck", "pdfminer"]):
        target = make_target()
    atheris.Setup([sys.argv[0], *argv], target)
    atheris.Fuzz()


# --------------------------------------------------------------------------- running


def run_atheris(seconds: int, keep: Path | None) -> int:
    work = Path(tempfile.mkdtemp(prefix="gapcheck-fuzz-"))
    corpus = work / "corpus"
    artifacts = work / "artifacts"
    corpus.mkdir()
    artifacts.mkdir()
    for index, seed in enumerate(seeds()):
        (corpus / f"seed-{index}.pdf").write_bytes(seed)
    command = [
        sys.executable, __file__, "--child", str(corpus),
        f"-max_total_time={seconds}", f"-timeout={TIMEOUT_SECONDS}",
        f"-rss_limit_mb={RSS_LIMIT_MB}", f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1", "-max_len=65536",
    ]  # fmt: skip
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    stats = dict(re.findall(r"^stat::(\w+):\s*(\d+)", result.stderr, re.M))
    done = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", result.stderr)
    found = sorted(artifacts.iterdir())
    cov, features, corpus_size = done[-1] if done else ("?", "?", "?")
    executions = int(stats.get("number_of_executed_units", 0))
    print(
        f"fuzz_reader: atheris/libFuzzer, {elapsed:.0f} s: {executions:,} inputs "
        f"({int(stats.get('average_exec_per_sec', 0))}/s), coverage {cov} edges / "
        f"{features} features, corpus {corpus_size}, peak RSS {stats.get('peak_rss_mb', '?')} MB; "
        f"{_count(found, 'crash')} crashes, {_count(found, 'timeout')} timeouts, "
        f"{_count(found, 'oom')} out of memory"
    )
    for artifact in found:
        print(f"  {artifact.name}: {reproduce(artifact.read_bytes())}")
    if found and not artifacts.exists():
        print(result.stderr[-3000:])
    if keep is not None:
        shutil.copytree(work, keep, dirs_exist_ok=True)
        print(f"corpus and findings kept in {keep}")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if found else 0


def _count(artifacts: list[Path], kind: str) -> int:
    return sum(1 for artifact in artifacts if artifact.name.startswith(f"{kind}-"))


def reproduce(data: bytes) -> str:
    """What the input does when read again, outside the fuzzer."""
    target = make_target()
    started = time.monotonic()
    try:
        target(data)  # type: ignore[operator]
    except Exception as exc:  # the point: report whatever it raises
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return f"no exception when read again ({time.monotonic() - started:.1f} s)"


def run_hypothesis(examples: int) -> int:
    """Random byte edits of the seeds (not coverage-guided): every input read or refused."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    target = make_target()
    seed_list = seeds()
    edit = st.tuples(
        st.sampled_from(["insert", "replace", "delete"]),
        st.integers(0, 1 << 16),
        st.binary(max_size=8),
    )
    failures: list[str] = []

    def mutate(seed: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
        data = bytearray(seed)
        for kind, position, chunk in edits:
            at = position % (len(data) + 1)
            if kind == "insert":
                data[at:at] = chunk
            elif kind == "replace":
                data[at : at + len(chunk)] = chunk
            else:
                del data[at : at + 1 + len(chunk)]
        return bytes(data)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(seed_list), st.lists(edit, min_size=1, max_size=12))
    def run(seed: bytes, edits: list[tuple[str, int, bytes]]) -> None:
        data = mutate(seed, edits)
        try:
            target(data)  # type: ignore[operator]
        except Exception as exc:  # recorded, the run goes on
            failures.append(f"{type(exc).__name__}: {str(exc)[:200]}")

    started = time.monotonic()
    run()
    elapsed = time.monotonic() - started
    print(
        f"fuzz_reader: hypothesis, {elapsed:.0f} s: {examples:,} mutated PDFs "
        f"({examples / elapsed:.0f}/s); {len(failures)} crashes"
    )
    for failure in sorted(set(failures)):
        print(f"  {failure}")
    return 1 if failures else 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="atheris run time")
    parser.add_argument("--hypothesis", action="store_true", help="use hypothesis, not atheris")
    parser.add_argument("--examples", type=int, default=3000, help="hypothesis examples")
    parser.add_argument("--keep", type=Path, help="copy the corpus and findings here")
    options = parser.parse_args()
    if not options.hypothesis:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: using hypothesis (pip install atheris for coverage)")
            options.hypothesis = True
    if options.hypothesis:
        return run_hypothesis(options.examples)
    return run_atheris(options.seconds, options.keep)


if __name__ == "__main__":
    sys.exit(main())
