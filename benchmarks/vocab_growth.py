"""Memory of a long-lived detector: does the spaCy vocabulary stay bounded?

Reads the corpus resumes once (gapcheck.reading, gapcheck.sections), then detects skills
in `--resumes` of them in turn, each with `--new-words` made-up words no resume holds
(what thousands of different people's names, employers and places do to a vocabulary).
Every `--every` resumes it prints the strings in the document vocabulary, the renewals
so far, the process's resident memory and the CPU time per resume; at the end, whether
the detections of the untouched resumes are what they were at the start.

    python benchmarks/vocab_growth.py [--corpus DIR ...] [--resumes 2000] [--unbounded]

`--unbounded` never renews the vocabulary (how it was before the bound).
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from gapcheck.detection.detector import get_detector
from gapcheck.reading import read_document
from gapcheck.records import Section
from gapcheck.sections.split import split_sections
from gapcheck.taxonomy.loading import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
CORPORA = (REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus2")


def resident_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def read_corpus(folders: Sequence[Path]) -> list[list[Section]]:
    people = []
    for folder in folders:
        for path in sorted(folder.glob("*.pdf")):
            try:
                document = read_document(path, role="resume")
            except Exception as error:  # a corpus file that fails is skipped
                print(f"skipped {path.name}: {error}", file=sys.stderr)
                continue
            people.append(list(split_sections(document)))
    return people


def with_new_words(sections: list[Section], words: list[str]) -> list[Section]:
    """The sections with `words` appended to their lines, spread over them."""
    out = []
    index = 0
    for section in sections:
        lines = []
        for line in section.lines:
            extra = words[index : index + 3]
            index += 3
            lines.append(replace(line, text=" ".join([line.text, *extra])) if extra else line)
        out.append(replace(section, lines=tuple(lines)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folders of resume PDFs")
    parser.add_argument("--resumes", type=int, default=2000)
    parser.add_argument("--new-words", type=int, default=130)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--unbounded", action="store_true", help="never renew the vocabulary")
    options = parser.parse_args(argv)
    folders = options.corpus or [folder for folder in CORPORA if folder.is_dir()]
    people = read_corpus(folders)
    if not people:
        print("no corpus resumes found", file=sys.stderr)
        return 1
    detector = get_detector(load_taxonomy(None))
    tokenizer = detector.vocabulary.documents
    if options.unbounded:
        tokenizer.max_strings = sys.maxsize
    first = [detector.detect(sections, today="2026-11-21") for sections in people]
    rng = random.Random(20261121)
    print(f"{len(people)} corpus resumes; bound {tokenizer.max_strings:,} strings")
    print(f"{'resumes':>8} {'strings':>9} {'renewals':>8} {'RSS MB':>8} {'CPU ms/resume':>14}")
    started = time.process_time()
    for done in range(1, options.resumes + 1):
        words = [
            "".join(rng.choices(string.ascii_letters, k=rng.randint(5, 10)))
            for _ in range(options.new_words)
        ]
        detector.detect(with_new_words(people[done % len(people)], words), today="2026-11-21")
        if done % options.every == 0:
            cpu_ms = (time.process_time() - started) * 1000 / options.every
            print(
                f"{done:8} {tokenizer.strings:9,} {tokenizer.renewals:8} "
                f"{resident_mb():8.1f} {cpu_ms:14.1f}"
            )
            started = time.process_time()
    last = [detector.detect(sections, today="2026-11-21") for sections in people]
    print("detections of the untouched resumes unchanged:", first == last)
    return 0 if first == last else 1


if __name__ == "__main__":
    raise SystemExit(main())
