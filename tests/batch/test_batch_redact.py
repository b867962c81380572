"""--redact: contact details leave every text field of an Analysis; the rest stays intact."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from gapcheck.batch.identity import Identity, identify, name_in_line
from gapcheck.batch.naming import person_labels, person_report_name
from gapcheck.batch.phones import phone_spans
from gapcheck.batch.redact import redact_analysis, redact_failure, redact_text
from gapcheck.reading import read_bytes
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
    # The person's file names give way to neutral ones, in the documents and the evidence.
    assert [d.source for d in redacted.documents] == ["resume.pdf", "portfolio-1.md"]
    github = next(s for s in redacted.detection.skills if s.id == "github")
    assert github.evidence[-1].document == "resume.pdf"


# Phone numbers as people write them, one country after another (all made up).
PHONES = [
    # United States / Canada
    "(555) 123-4567", "555-123-4567", "555.123.4567", "5551234567", "555 123 4567",
    "(555)123-4567", "+1 555 123 4567", "+1-555-123-4567", "+1.555.123.4567",
    "1-555-123-4567", "+1 (555) 123-4567", "1-800-555-0199",
    # United Kingdom
    "+44 7911 123456", "07911 123456", "+44 (0)7911 123456", "020 7946 0958",
    "+44 20 7946 0958", "+447911123456", "07911-123-456",
    # Germany
    "+49 151 23456789", "0151 23456789", "0151/23456789", "+49 (0)30 1234567",
    "030-1234567", "0049 151 23456789", "+49-30-1234567", "+4915123456789", "030 123 456 78",
    # France
    "06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78",
    "+33 (0)6 12 34 56 78", "0612345678", "+33612345678",
    # India
    "+91 98765 43210", "098765 43210", "9876543210", "+91-98765-43210", "+91 9876543210",
    "022 2345 6789", "+919876543210",
]  # fmt: skip


@pytest.mark.parametrize("phone", PHONES)
def test_every_common_phone_format_is_found_in_prose_and_contact_lines(phone: str) -> None:
    for text in (f"Happy to talk about Python on {phone} after six.", f"Phone: {phone}"):
        cleaned = redact_text(text)
        assert "[phone]" in cleaned, text
        assert not any(c.isdigit() for c in cleaned), cleaned


NOT_PHONES = [
    "2019-2021",
    "2019 - 2021 and 2020 – 2023",
    "01/2020 - 03/2023",
    "15.01.2020",
    "2020-01-15",
    "20200115",
    "Improved AUC from 0.81 to 0.87 on 1,200,000 rows",
    "served 1 200 000 users, 1.200.000 requests",
    "processed 12000000 records and 10000000000 tokens",
    "pi to 3.14159265",
    "CGPA: 9.439/10.0",
    "ISBN 978-3-16-148410-0",
    "doi 10.1145/3292500.3330701",
    "internal IP 192.168.100.200",
    "release 1.2.3.4567",
    "Berlin 10115",
    "raised $1 200 000",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_years_dates_and_quantities_are_no_phone_numbers(text: str) -> None:
    assert phone_spans(text) == []
    assert redact_text(text) == text


def test_any_long_digit_run_in_a_contact_line_is_a_phone() -> None:
    # Seven digits, no separators and no hint: in prose a count, in the contact block a phone.
    line = "Jane Roe · Berlin · 5551234"
    assert redact_text(line) == line
    contact = Identity(contact_lines=(line.lower(),))
    assert redact_text(line, contact) == "Jane Roe · Berlin · [phone]"
    assert redact_text("Tel 5551234") == "Tel [phone]"
    assert redact_text("jane@example.com 5551234") == "[email] [phone]"


def _document(text: str, source: str = "resume.txt") -> Any:
    return read_bytes(text.encode("utf-8"), source)


LAYOUTS = {
    "heading first": "CURRICULUM VITAE\nTomás Echeverría\nMadrid | +34 612 345 678\n",
    "title first": "Senior Data Scientist\nTomás Echeverría\nMadrid\n",
    "word resume": "Resume - Tomás Echeverría\nMadrid\n",
    "name after contact": "t.e@example.es | 555-123-4567\nTomás Echeverría, PhD\n",
    "name and title": "TOMÁS ECHEVERRÍA | Machine Learning Engineer\n",
    "last name first": "Echeverría, Tomás\nMadrid\n",
    "two lines": "TOMÁS\nECHEVERRÍA\nData Engineer\n",
    "name field": "Personal details\nName: Tomás Echeverría\nCity: Madrid\n",
    "split fields": "Contact\nFirst name: Tomás\nLast name: Echeverría\n",
    "signature": "Summary\nI build data.\nExperience\nEngineer.\nKind regards,\nTomás Echeverría\n",
    "inline signature": "Summary\nI build data systems.\nSincerely, Tomás Echeverría\n",
    "e-mail only": "Machine Learning Engineer\ntomas.echeverria@example.es\nSkills\nPython\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_name_is_found_wherever_the_resume_puts_it(layout: str) -> None:
    identity = identify([_document(LAYOUTS[layout])])
    assert {"tomas", "echeverria"} <= set(identity.words), identity
    text = "Tomás led it; ECHEVERRIA's team, tomas echeverria and Echeverría Tomás reviewed."
    cleaned = redact_text(text, identity)
    assert cleaned.startswith("[name] led it; [name]'s team, [name]"), cleaned
    assert cleaned.endswith(" and [name] [name] reviewed."), cleaned


def test_headings_and_job_titles_are_not_taken_for_names() -> None:
    for line in ("CURRICULUM VITAE", "Senior Data Scientist", "Work Experience", "Resume"):
        assert name_in_line(line) == ()
    assert name_in_line("Dr. Ana de la Cruz, MSc") == ("ana", "de", "la", "cruz")
    assert name_in_line("Siobhán O'Malley") == ("siobhan", "o", "malley")
    assert name_in_line("Bin Yuan") == ("bin", "yuan")


def test_the_name_is_matched_folded_as_a_whole_glued_and_word_by_word() -> None:
    identity = identify([_document("Zoë Brückner\nzoe.brueckner@example.de\n")])
    cases = {
        "ZOË BRÜCKNER": "[name]",
        "zoe bruckner": "[name]",
        "Zoe Brueckner": "[name] [name]",  # the e-mail's spelling is known too
        "zoebruckner_notes": "[name]_notes",
        "Brückner's notes": "[name]'s notes",
        "Zoë": "[name]",
        "Zoe\u0308 Bru\u0308ckner": "[name]",  # decomposed accents
        "zbruckner": "[name]",
        "Zoetrope and Brücknerstraße": "Zoetrope and Brücknerstraße",
    }
    for text, expected in cases.items():
        assert redact_text(text, identity) == expected, text


def test_the_persons_own_file_and_folder_names_count_as_name_hints() -> None:
    identity = identify([_document("Experience\nBuilt things with Python\n")], ("tgarcia/cv.pdf",))
    assert redact_text("see tgarcia/dotfiles", identity) == "see [name]/dotfiles"
    # ... but dictionary words and generic file names never do.
    identity = identify([_document("Experience\nPython\n")], ("projects/final_resume.pdf",))
    assert identity.words == ()


def test_profile_links_and_handles_are_removed() -> None:
    lines = {
        "GitHub: tgarcia | LinkedIn: tomas-garcia-3f": "GitHub: [link] | LinkedIn: [link]",
        "linkedin.com/in/tomas-garcia-3f": "[link]",
        "in/tomas-garcia-3f · @tgarcia · t@example.es": "[link] · [link] · [email]",
        "tomasgarcia.design and https://tg.example/cv": "[link] and [link]",
        "write to tomas [at] example [dot] es": "write to [email]",
    }
    for text, expected in lines.items():
        assert redact_text(text) == expected, text


def test_person_labels_are_stable_distinct_and_in_label_order() -> None:
    labels = ["zoe", "Tomás García", "tomas", "b/ana.pdf"]
    shown = person_labels(labels)
    assert shown == {
        "Tomás García": "Person 01",
        "b/ana.pdf": "Person 02",
        "tomas": "Person 03",
        "zoe": "Person 04",
    }
    assert person_labels(reversed(labels)) == shown
    assert person_labels(str(n) for n in range(100))["99"] == "Person 100"
    assert person_labels(str(n) for n in range(100))["0"] == "Person 001"
    assert person_report_name("Person 07") == "person-07.html"


def test_a_failure_reason_loses_paths_file_and_folder_names() -> None:
    hints = ["Tomás García", "/home/coach/in/Tomás García/García_CV.pdf"]
    error = (
        "internal error (OSError: [Errno 5] /home/coach/in/Tomás García/García_CV.pdf); "
        "García_CV.pdf: damaged; call 0151 23456789"
    )
    cleaned = redact_failure(error, hints)
    assert "García" not in cleaned and "coach" not in cleaned and "0151" not in cleaned
    assert cleaned.startswith("internal error (OSError: [Errno 5] [file])")
