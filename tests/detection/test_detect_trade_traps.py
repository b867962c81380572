"""Whole made-up resumes of people outside tech, full of tool-like words in other senses.

Each resume names exactly the skills listed with it (decided per trade: Excel is a real
skill of a marketer, Bash of an IT administrator) and nothing else: an HVAC technician
working for "Airflow Heating & Cooling", an electrician at "Spark Energy Ltd", a waiter
at "The Python Room", a marketer sending "RAG status" reports, a coach with an "NLP
Practitioner" certificate who hosts a hackathon (the taxonomy's own word for the
open-source-and-hackathons skill, so that one stands; Kaggle does not), a veterinary
nurse feeding red pandas, an IT administrator clustering servers for high availability.
"""

from __future__ import annotations

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.detection.hands_on import hands_on_items, with_hands_on_skills
from gapcheck.records import Section
from tests.support.detect_helpers import builtin_taxonomy, section

# name -> ([(section kind, lines)], the skills the person really shows)
RESUMES: dict[str, tuple[list[tuple[str, list[str]]], set[str]]] = {
    "hvac technician": (
        [
            ("experience", [
                "HVAC Technician, Airflow Heating & Cooling, 2016 – 2023",
                "Installed and serviced split systems, heat pumps and ductwork; airflow "
                "balancing on every job",
                "Serviced chillers and configured server room clustering for high "
                "availability cooling",
                "Logged service visits and parts in Excel spreadsheets",
            ]),
            ("other", [
                "Full UK DL, clean licence; CV available on request",
                "Gas Safe registered; F-Gas Category 1",
            ]),
        ],
        {"spreadsheets"},
    ),
    "electrician": (
        [
            ("experience", [
                "Electrician, Spark Energy Ltd, 2015 – present",
                "Replaced distribution transformers and power transformers at two substations",
                "Performed hardware regression testing on relay boards after firmware updates",
                "Wired server racks; server clustering for high availability in the plant room",
                "Spark testing and insulation resistance checks on new circuits",
            ]),
            ("skills", ["Fault finding, PAT testing, 18th Edition, CSCS card, DL"]),
        ],
        set(),
    ),
    "waiter": (
        [
            ("experience", [
                "Head Waiter, The Python Room, 2019 – 2022",
                "Serving 200 covers a night and training new staff; production of the "
                "weekly menu",
                "Deployed staff across three floors during service and kept the bar "
                "notebooks and stock containers in order",
                "Ensemble cast member in the staff pantomime; collected guest feedback data",
                "Shift Manager at Kotoba AI Hospitality Group",
            ]),
            ("interests", ["Hiking, jazz ensemble, a spark of curiosity"]),
        ],
        set(),
    ),
    "marketer": (
        [
            ("experience", [
                "Marketing Manager, Orbit AI Ltd, 2020 – 2023",
                "Built dashboards in Excel for campaign KPIs",
                "Led the go-to-market for two launches that spark interest in new segments",
                "Ran A/B testing on landing pages",
                "Sent RAG status reports to the leadership team every Friday",
                "Performance monitoring of agency partners and production of print assets",
            ]),
            ("summary", ["Next 6 months: learn Python and SQL; I want to try Tableau"]),
        ],
        {"spreadsheets", "data_visualization", "hypothesis_testing"},
    ),
    "coach": (
        [
            ("experience", [
                "Transformation Coach, Peak Performance Coaching Ltd, 2017 – 2024",
                "Certified NLP Practitioner; NLP coaching for senior executives",
                "Delivered coaching transformation programmes for 40 leaders",
                "Hosted a quiz competition and a charity hackathon for local teens",
                "Architected a six-month leadership journey; system architecture of our "
                "coaching model",
            ]),
        ],
        {"leadership", "open_source"},  # "hackathon" is that skill's own name
    ),
    "veterinary nurse": (
        [
            ("experience", [
                "Veterinary Nurse, Happy Paws Clinic, 2018 – 2024",
                "Fed the pythons and red pandas at the reptile and mammal houses",
                "Records classification and retention schedules for patient files",
                "Recorded activity of neural networks in hippocampal slices following the "
                "lab protocol",
                "Cared for assistance dogs of MS patients; clustering of kennels by temperament",
            ]),
        ],
        set(),
    ),
    "it administrator": (
        [
            ("experience", [
                "IT Administrator, Northwind Services, 2017 – 2024",
                "Configured Windows failover clustering and server clustering for high "
                "availability",
                "Deployed the new intranet to production environments with Docker",
                "Performance monitoring of servers with Nagios and Zabbix",
                "Architected the office network; drew the system architecture diagrams",
                "Wrote PowerShell and Bash scripts to automate user onboarding",
                "Managed Active Directory, Microsoft 365 and MS Office licences; data "
                "collection from door sensors",
            ]),
        ],
        {"shell_scripting", "linux", "docker"},
    ),
}  # fmt: skip


def _sections(parts: list[tuple[str, list[str]]]) -> list[Section]:
    sections, first = [], 1
    for kind, lines in parts:
        sections.append(section(kind, *lines, first_line=first))
        first += len(lines)
    return sections


@pytest.mark.parametrize("name", sorted(RESUMES))
def test_a_resume_outside_tech_names_only_its_own_skills(name: str) -> None:
    parts, expected = RESUMES[name]
    taxonomy = builtin_taxonomy()
    sections = _sections(parts)
    detection = get_detector(taxonomy).detect(sections)
    items = hands_on_items(sections, detection, taxonomy)
    detection = with_hands_on_skills(detection, items, sections, taxonomy)
    explicit = {s.id for s in detection.skills if s.explicit}
    assert explicit == expected, name
