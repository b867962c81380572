"""The cohort page's charts and tallies, each fed one person at a time.

Every tally here keeps memory bounded by the taxonomy or a fixed number of bins, never by
the number of people: the most common gaps (a counter per skill), the score distribution
(one counter per 0.1 of a score: the median is exact for scores with one decimal, which
is how the score stage rounds them) and the histogram's ten bins.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from gapcheck.report.cohort_model import CommonGap, GapFacts, Histogram, HistogramBar
from gapcheck.support.text import number

HISTOGRAM_BINS = 10  # 0-10, 10-20, ..., 90-100


class GapTally:
    """The skills the cohort most needs to learn, most important first.

    Importance is the skill's role weight (its mean over the people who lack it: a
    person's level changes weights) times the share of analysed people who lack it, so
    a heavy skill half the cohort lacks comes before a light one everybody lacks. Equal
    importance is ordered by name, then id. Only "learn" gaps count: a skill a person
    evidently has but never names is not one the cohort lacks.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.weights: dict[str, float] = {}
        self.names: dict[str, str] = {}
        self.people = 0

    def add(self, gaps: Sequence[GapFacts]) -> None:
        self.people += 1
        learn = {g.skill_id: g for g in gaps if g.action == "learn"}
        for gap in learn.values():
            self.counts[gap.skill_id] += 1
            weight = gap.weight if math.isfinite(gap.weight) and gap.weight > 0 else 0.0
            self.weights[gap.skill_id] = self.weights.get(gap.skill_id, 0.0) + weight
            self.names.setdefault(gap.skill_id, gap.name)

    def importance(self, skill_id: str) -> float:
        # mean weight x share = summed weight / people analysed
        return round(self.weights[skill_id] / self.people, 6) if self.people else 0.0

    def common(self, limit: int, width: int = 560) -> tuple[CommonGap, ...]:
        names, total = self.names, self.people
        ranked = sorted(self.counts, key=lambda i: (-self.importance(i), names[i].casefold(), i))[
            :limit
        ]
        label_width = 200
        rows = []
        for index, skill_id in enumerate(ranked):
            count = self.counts[skill_id]
            share = count / total if total else 0.0
            rows.append(
                CommonGap(
                    skill_id=skill_id,
                    name=names[skill_id],
                    count=count,
                    total=total,
                    percent=round(100 * share),
                    text=f"{count} of {total} lack {names[skill_id]}",
                    weight=number(self.weights[skill_id] / count),
                    importance=self.importance(skill_id),
                    y=index * 26,
                    bar_x=label_width,
                    bar_width=round((width - label_width - 80) * share, 1),
                    count_x=round(label_width + (width - label_width - 80) * share + 6, 1),
                )
            )
        return tuple(rows)


class ScoreTally:
    """Scores counted by tenths: the median and the histogram without keeping every score."""

    def __init__(self) -> None:
        self.tenths: Counter[int] = Counter()
        self.bins = [0] * HISTOGRAM_BINS

    def add(self, score: float) -> None:
        self.tenths[round(score * 10)] += 1
        self.bins[min(HISTOGRAM_BINS - 1, max(0, int(score // (100 / HISTOGRAM_BINS))))] += 1

    @property
    def count(self) -> int:
        return sum(self.bins)

    def median(self) -> float | None:
        total = self.count
        if not total:
            return None
        wanted = (total // 2,) if total % 2 else (total // 2 - 1, total // 2)
        values: list[float] = []
        seen = 0
        for tenth in sorted(self.tenths):
            seen += self.tenths[tenth]
            while len(values) < len(wanted) and wanted[len(values)] < seen:
                values.append(tenth / 10)
        return sum(values) / len(values)

    def histogram(self, width: int = 560, height: int = 180) -> Histogram:
        counts = self.bins
        tallest = max(counts) if max(counts) > 0 else 1
        plot_height = height - 40  # room for the axis labels and the counts above the bars
        bar_width = width / HISTOGRAM_BINS
        bars = []
        for index, count in enumerate(counts):
            bar_height = round(plot_height * count / tallest, 1)
            low = index * 100 // HISTOGRAM_BINS
            bars.append(
                HistogramBar(
                    low=low,
                    high=low + 100 // HISTOGRAM_BINS,
                    count=count,
                    x=round(index * bar_width + 2, 1),
                    width=round(bar_width - 4, 1),
                    y=round(20 + plot_height - bar_height, 1),
                    height=bar_height,
                    label_x=round(index * bar_width + bar_width / 2, 1),
                )
            )
        return Histogram(
            width=width, height=height, axis_y=height - 20, label_y=height - 5, bars=tuple(bars)
        )
