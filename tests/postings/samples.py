"""A job posting the posting tests (tests/postings) and the posting-gap tests
(tests/scoring) both read, and a taxonomy and finder that know degrees and certifications."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gapcheck.records import Detection, HeldCertification
from gapcheck.taxonomy.model import Skill, Taxonomy
from tests.support.gap_helpers import evidence, mini_taxonomy, name_finder

# Required and preferred parts under Markdown headings, a pair of alternatives, a benefit.
MARKDOWN_POSTING = """\
# Senior Machine Learning Engineer

We build forecasting tools with Apache Spark and a lot of coffee.

## What you'll do
- Train and ship deep learning models to production.
- Package services with Docker.

## Requirements
- 5+ years of Python.
- Experience with TensorFlow or PyTorch.
- Kubernetes is a plus.

## Nice to have
- AWS
- R programming

## Benefits
- A yearly budget for scikit-learn conference tickets.
"""


def degree_taxonomy() -> Taxonomy:
    """The mini taxonomy with the three degree skills of the built-in one (names and the
    capitals "BS", "MS" that `name_finder` matches case-sensitively)."""
    taxonomy = mini_taxonomy()
    degrees = (
        Skill(
            id="bachelors",
            name="Bachelor's degree",
            category="education",
            stage="fundamentals",
            aliases=("BS", "B.S.", "BSc", "Bachelor's", "Bachelors"),
        ),
        Skill(
            id="masters",
            name="Master's degree",
            category="education",
            stage="advanced",
            aliases=("MS", "M.S.", "MSc", "Master's", "Masters"),
        ),
        Skill(id="phd", name="PhD", category="education", stage="advanced", aliases=("Ph.D.",)),
    )
    return replace(
        taxonomy,
        skills=(*taxonomy.skills, *degrees),
        categories={**taxonomy.categories, "education": "Education"},
    )


def certificate_finder(taxonomy: Taxonomy) -> Callable[[str], Detection]:
    """`name_finder`, which also finds the taxonomy's certifications by their names."""
    find = name_finder(taxonomy)

    def finder(text: str) -> Detection:
        found = find(text)
        held = []
        for cert in taxonomy.certifications:
            for term in (cert.name, *cert.aliases):
                start = text.lower().find(term.lower())
                if start >= 0:
                    held.append(
                        HeldCertification(
                            cert.id,
                            cert.name,
                            cert.status,
                            None,
                            replace(
                                evidence(term), snippet=text, start=start, end=start + len(term)
                            ),
                        )
                    )
                    break
        return Detection(skills=found.skills, certifications=tuple(held))

    return finder
