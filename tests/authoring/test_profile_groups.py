"""`gapcheck profile build` keeps a posting's groups: alternatives are not requirements of
each member, and "BS/MS/PhD" asks for a bachelor's, never a PhD. Made-up postings."""

from __future__ import annotations

import pytest
import yaml

from gapcheck.authoring.profile import ALTERNATIVE_COUNTS, build_profile, profile_yaml
from gapcheck.postings.parse import parse_posting
from tests.postings.samples import degree_taxonomy
from tests.support.gap_helpers import name_finder

TAX = degree_taxonomy()
FIND = name_finder(TAX)

POSTINGS = {
    "a.txt": "Job A\n\nRequirements:\n- BS/MS/PhD in Computer Science\n- Python\n",
    "b.txt": "Job B\n\nRequirements:\n- BS, MS or PhD\n- Python, R programming or Golang\n",
    "c.txt": "Job C\n\nRequirements:\n- PhD required\n- Python\n",
    "d.txt": "Job D\n\nRequirements:\n- Python\n",
    "e.txt": "Job E\n\nRequirements:\n- Python\n- Master's degree\n\nPreferred:\n- PhD\n",
    "f.txt": "Job F\n\nRequirements:\n- Python\n",
}


def frequencies() -> dict[str, tuple[int, int, int]]:
    postings = [parse_posting(text, name, TAX, FIND) for name, text in POSTINGS.items()]
    profile = build_profile(postings, TAX, role_id="team-ml", name="Team ML")
    return {
        s.id: (s.required, s.alternative, s.preferred) for s in (*profile.skills, *profile.rare)
    }


def test_bs_ms_phd_asks_for_a_bachelors_only() -> None:
    counts = frequencies()
    assert counts["bachelors"] == (2, 0, 0)  # a.txt and b.txt
    # Required by c.txt alone, preferred by e.txt; never by the postings that accept a PhD.
    assert counts["phd"] == (1, 0, 1)
    assert counts["masters"] == (1, 0, 0)  # e.txt


def test_alternatives_count_as_asked_for_not_as_required() -> None:
    counts = frequencies()
    assert counts["python"] == (5, 1, 0)  # b.txt accepts R or Go instead
    assert counts["r"] == counts["go"] == (0, 1, 0)
    postings = [parse_posting(text, name, TAX, FIND) for name, text in POSTINGS.items()]
    profile = build_profile(postings, TAX, role_id="team-ml", name="Team ML")
    go = next(s for s in (*profile.skills, *profile.rare) if s.id == "go")
    assert go.frequency == pytest.approx(ALTERNATIVE_COUNTS / len(POSTINGS))
    python = next(s for s in profile.skills if s.id == "python")
    text = profile_yaml(profile, TAX)
    assert yaml.safe_load(text)["roles"][0]["skill_factors"]
    assert "python: " in text
    assert "required by 5, one of alternatives in 1, preferred by 0 of 6 postings" in text
    assert python.frequency == pytest.approx((5 + ALTERNATIVE_COUNTS) / 6)
