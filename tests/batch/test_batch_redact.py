"""--redact: contact details leave every text field of an Analysis; the rest stays intact."""

from __future__ import annotations

import dataclasses
from typing import Any

from gapcheck.batch.redact import redact_analysis, redact_text
from gapcheck.records import Analysis, DocumentSummary, Evidence, FoundSkill
from tests.support.sample_analysis import strong_candidate

NAME = "Ada Quintessa Lovelace"
CONTACT = [
    "ada.lovelace+jobs@example.co.uk",
    "+44 20 7946 0958",
    "(555) 123-4567",
    "555.123.4567",
    "https://github.com/adaql/rankers",
    "www.ada-ql.dev",
    "linkedin.com/in/adaql",
    "adaql.github.io",
]


def test_redact_text_removes_each_kind_of_contact_detail() -> None:
    line = " | ".join(CONTACT)
    cleaned = redact_text(line, NAME)
    for item in CONTACT:
        assert item not in cleaned
    assert (
        cleaned.count("[email]") == 1
        and cleaned.count("[phone]") == 3
        and cleaned.count("[link]") == 4
    )


def test_redact_text_keeps_what_is_not_contact_detail() -> None:
    kept = [
        "2019-2021",
        "Node.js and ASP.NET services",
        "Improved AUC from 0.81 to 0.87 on 1,200,000 rows",
        "Python 3.11, PyTorch 2.1",
        "C++ / C# / F#",
        "Jan 2020 – Mar 2023",
    ]
    for text in kept:
        assert redact_text(text) == text


def test_the_name_goes_as_a_whole_line_and_word_by_word_in_personal_fields() -> None:
    assert redact_text(NAME, NAME) == "[name]"
    assert redact_text("lovelace-resume.pdf", NAME, personal=True) == "[name]-resume.pdf"
    assert redact_text("Adaptive boosting", NAME, personal=True) == "Adaptive boosting"
    assert redact_text("Built LOVELACE's ranker", NAME, personal=True) == "Built [name]'s ranker"


def _all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in _all_strings(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _all_strings(getattr(value, f.name))]
    return []


def _planted() -> Analysis:
    base = strong_candidate()
    header = Evidence(
        snippet=f"{NAME} · {CONTACT[0]} · {CONTACT[1]} · {CONTACT[4]}",
        matched="github",
        start=0,
        end=0,
        page=1,
        line=1,
        section="header",
        heading=NAME,
        document="Quintessa_Lovelace_resume.pdf",
        method="exact",
        strength=0.5,
    )
    header = dataclasses.replace(header, start=header.snippet.find("github"))
    header = dataclasses.replace(header, end=header.start + len("github"))
    skill = FoundSkill(
        id="github",
        name="GitHub",
        category="deployment_mlops",
        explicit=True,
        strength=0.5,
        evidence=(header,),
    )
    documents = (
        DocumentSummary(
            source="Quintessa_Lovelace_resume.pdf",
            kind="pdf",
            role="resume",
            diagnostics=base.documents[0].diagnostics,
            sections=(("header", NAME), ("experience", "Experience")),
        ),
        *base.documents[1:],
    )
    return dataclasses.replace(
        base,
        detection=dataclasses.replace(base.detection, skills=(*base.detection.skills, skill)),
        documents=documents,
        warnings=(*base.warnings, f"could not read the link {CONTACT[5]} of {NAME}"),
    )


def test_redact_analysis_covers_every_field_and_keeps_records_consistent() -> None:
    planted = _planted()
    redacted = redact_analysis(planted, NAME)
    strings = _all_strings(redacted)
    for secret in [*CONTACT, NAME, "Lovelace", "Quintessa"]:
        assert not [s for s in strings if secret.lower() in s.lower()], secret
    for skill in redacted.detection.skills:
        for item in skill.evidence:
            assert item.snippet[item.start : item.end] == item.matched
    # Ids, scores and taxonomy names are untouched.
    assert [s.id for s in redacted.detection.skills] == [s.id for s in planted.detection.skills]
    assert redacted.score == planted.score
    assert [g.skill_id for g in redacted.gaps] == [g.skill_id for g in planted.gaps]
    assert [c.url for c in redacted.certifications] == [c.url for c in planted.certifications]
    assert redacted.documents[0].source == "[name]_[name]_resume.pdf"
