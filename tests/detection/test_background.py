"""A resume's background: degrees, positions, years of work, publications, and the skills
they show without naming them (gapcheck.detection.background). Every resume here is
made up; each test pins one rule."""

from __future__ import annotations

import pytest

from gapcheck.detection.background import read_background
from gapcheck.detection.dates import Month
from gapcheck.detection.degrees import find_degrees
from gapcheck.detection.positions import find_positions, professional_years, title_kinds
from gapcheck.detection.publications import publication_entries
from gapcheck.reading import read_bytes
from gapcheck.records import Background, Detection, Evidence, FoundSkill, Section
from gapcheck.sections.split import split_sections
from tests.support.detect_helpers import builtin_taxonomy, mini_taxonomy, section

TODAY = "2026-11-21"
MONTH = Month(2026, 11)
NOTHING = Detection(skills=())


def degrees_of(*lines: str) -> list[tuple[str, str]]:
    return [(d.level, d.field) for d in find_degrees([section("education", *lines)], MONTH)]


def background(*sections: Section, detection: Detection = NOTHING) -> Background:
    return read_background(sections, detection, builtin_taxonomy(), TODAY)


def shown(bg: Background) -> dict[str, str]:
    return {s.skill_id: s.because for s in bg.shown}


# --------------------------------------------------------------------------- degrees


@pytest.mark.parametrize(
    ("line", "level", "field"),
    [
        ("B.S. in Computer Science", "bachelors", "computer science"),
        ("BS, Physics", "bachelors", "physics"),
        ("Physics, BS", "bachelors", "physics"),
        ("Chemistry, B.A., 2012", "bachelors", "chemistry"),
        ("Bachelor of Technology in Civil Engineering", "bachelors", "civil engineering"),
        ("Bachelor of Computer Science", "bachelors", "computer science"),
        ("Bachelor of Science, Geology", "bachelors", "geology"),
        ("Bachelor of Engineering", "bachelors", "engineering"),
        ("B.E. (Mechanical Engineering), Riverside College", "bachelors", "mechanical engineering"),
        ("BSc (Hons) Economics", "bachelors", "economics"),
        ("BACHELOR OF ARTS IN HISTORY", "bachelors", "history"),
        ("Master of Public Policy", "masters", "public policy"),
        ("Master of Arts in Linguistics, Lakeside University", "masters", "linguistics"),
        ("Master's degree in Oceanography", "masters", "oceanography"),
        ("M.A.", "masters", ""),
        ("MCS", "masters", ""),
        ("MSc Statistics", "masters", "statistics"),
        ("MS (R) in Robotics", "masters", "robotics"),
        ("MENG IN ELECTRICAL ENGINEERING", "masters", "electrical engineering"),
        ("Master of Science in Informatics (Artificial Intelligence)", "masters",
         "informatics (artificial intelligence)"),
        ("Ph.D. in Machine Learning", "phd", "machine learning"),
        ("PhD Northfield University, Chemistry", "phd", "chemistry"),
        ("Doctor of Philosophy", "phd", ""),
        ("Associate of Science in Biology", "associate", "biology"),
    ],
)  # fmt: skip
def test_degree_forms(line: str, level: str, field: str) -> None:
    assert degrees_of(line) == [(level, field)]


@pytest.mark.parametrize(
    "line",
    [
        "Undergraduate coursework: Algorithms, Databases, Statistics",
        "Relevant courses: Masters-level Econometrics",
        "Advisor: Ph.D. Jane Roe",
        "Thesis supervisor: Prof. Sam Lee, PhD",
        "Boston, MA",
        "Northfield University, Cambridge, MA 02139",
        "MS Office, Excel, PowerPoint",
        "Master's thesis: Graph colouring on sparse graphs",
        "Certified Scrum Master, 2020",
        "Diploma in Web Development",
        "High School Diploma, 2015",
        "Degree, Institution, City, Grade.",
    ],
)
def test_not_a_degree(line: str) -> None:
    assert degrees_of(line) == []


def test_degrees_are_read_from_education_sections_only() -> None:
    summary = section("summary", "M.S. in Statistics, seeking a data role")
    assert find_degrees([summary], MONTH) == []


@pytest.mark.parametrize(
    ("lines", "year", "in_progress"),
    [
        (("B.S. in Physics, expected 2027",), 2027, True),
        (("B.S. in Physics (in progress)",), None, True),
        (("Northfield University Sept 2024 – Present", "B.S. in Physics"), None, True),
        (("B.S. in Physics 2023 – 2028",), 2028, True),  # finishes after today
        (("B.S. in Physics 2014 – 2018",), 2018, False),
        (("B.S. in Physics, Graduated May 2021",), 2021, False),
        # "Expected" on a page written before the date passed: finished by now.
        (("PhD in Physics, Expected May 2018",), 2018, False),
    ],
)
def test_completion_year_and_in_progress(
    lines: tuple[str, ...], year: int | None, in_progress: bool
) -> None:
    (degree,) = find_degrees([section("education", *lines)], MONTH)
    assert (degree.year, degree.in_progress) == (year, in_progress)


def test_each_degree_takes_its_own_nearest_date() -> None:
    found = find_degrees(
        [
            section(
                "education",
                "Northfield University Sept 2018 – May 2023",
                "PhD in Physics",
                "Thesis: Spin glasses",
                "Lakeside College Sept 2014 – June 2018",
                "BS in Mathematics",
            )
        ],
        MONTH,
    )
    assert [(d.level, d.year) for d in found] == [("phd", 2023), ("bachelors", 2018)]


def test_degrees_listed_together_share_one_date() -> None:
    found = find_degrees(
        [
            section(
                "education", "B.Tech in Electronics +", "M.Tech in Signal Processing", "2019 – 2024"
            )
        ],
        MONTH,
    )
    assert [(d.level, d.year) for d in found] == [("bachelors", 2024), ("masters", 2024)]


def test_a_degree_named_again_without_field_is_one_degree() -> None:
    assert degrees_of("MS in Robotics", "MS CGPA: 9.1 / 10") == [("masters", "robotics")]


def test_degree_evidence_is_its_line_and_phrase() -> None:
    (degree,) = find_degrees(
        [section("education", "MSc Statistics, Lakeside University, 2019")], MONTH
    )
    assert degree.evidence.matched == "MSc Statistics"
    assert degree.evidence.snippet[degree.evidence.start : degree.evidence.end] == "MSc Statistics"
    assert degree.evidence.line == 1 and degree.evidence.section == "education"


# --------------------------------------------------------------------------- positions


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("Machine Learning Engineer", ("ml",)),
        ("Senior ML Engineer", ("ml",)),
        ("Engineer, Machine Learning", ("ml",)),
        ("NLP Research Scientist", ("ml", "research")),
        ("Computer Vision Engineer", ("ml",)),
        ("Software Engineer @ Brightloop.AI", ("software",)),  # an employer's name, not the role
        ("Data Scientist", ("data",)),
        ("Data Analyst", ("data",)),
        ("Data Engineer", ("data",)),
        ("Quantitative Researcher", ("data", "research")),
        ("Research Assistant", ("research",)),
        ("Postdoctoral Fellow", ("research",)),
        ("Backend Developer", ("software",)),
        ("Staff Software Engineer", ("software", "lead")),
        ("Engineering Manager", ("lead",)),
        ("Co-Founder & CTO", ("lead",)),
        ("VP of Engineering", ("lead",)),
        ("Software Engineering Intern", ("software", "intern")),
        ("Graduate Teaching Assistant", ("intern",)),
        ("Student Assistant", ("intern",)),
        ("Apprentice Electrician", ("intern",)),
        ("Trainee Accountant", ("intern",)),
        ("Chemistry Teacher", ()),
    ],
)
def test_title_kinds(title: str, kinds: tuple[str, ...]) -> None:
    assert title_kinds(title) == kinds


def titles(*lines: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (p.title, p.start, p.end) for p in find_positions([section("experience", *lines)], MONTH)
    ]


def test_title_on_the_dated_line() -> None:
    assert titles("Data Analyst, Beta Bank   Jun 2018 - Dec 2020") == [
        ("Data Analyst", "2018-06", "2020-12")
    ]


def test_title_below_the_dated_line() -> None:
    found = titles("Quillsoft, Leeds   March 2022 – present", "Backend Developer", "- Wrote APIs.")
    assert found == [("Backend Developer", "2022-03", "2026-11")]


def test_title_above_the_dated_line() -> None:
    assert titles("Data Analytics Intern", "Terrafold   Aug 2025 – Nov 2025") == [
        ("Data Analytics Intern", "2025-08", "2025-11")
    ]


def test_one_layout_per_section_beats_a_bullet_naming_a_role() -> None:
    found = titles(
        "Head of Product",
        "Orbital Maps",
        "2019 – 2022",
        "Made the team the market leader in maps",  # names a role, but is a bullet
        "Product Manager",
        "Orbital Maps",
        "2015 – 2019",
    )
    assert [title for title, _, _ in found] == ["Head of Product", "Product Manager"]


def test_a_range_inside_a_sentence_is_no_position() -> None:
    text = "Published a study of flood impacts on food security across the region from 2009–2020"
    assert titles(text) == []


def test_an_employment_label_line_marks_an_internship() -> None:
    (position,) = find_positions(
        [section("experience", "ML Engineer @ Lumen", "Oct 2024 – Present", "Full-Time Intern")],
        MONTH,
    )
    assert position.title == "ML Engineer" and "intern" in position.kinds


def test_research_sections_hold_positions_too() -> None:
    found = find_positions([section("research", "Research Assistant   Jan 2020 – Dec 2021")], MONTH)
    assert [(p.title, p.kinds, p.years) for p in found] == [
        ("Research Assistant", ("research",), 2.0)
    ]


# --------------------------------------------------------------------------- years of work


def years(experience: Section, education: Section | None = None) -> float:
    sections = [experience] + ([education] if education else [])
    return background(*sections).years_experience


def test_overlapping_ranges_count_once() -> None:
    work = section(
        "experience",
        "Software Engineer, Quillsoft   Jan 2018 - Dec 2021",
        "Consultant, Brightloop   Jan 2020 - Dec 2022",
    )
    assert years(work) == 5.0


def test_internships_and_student_roles_do_not_count() -> None:
    work = section(
        "experience",
        "Software Engineer, Quillsoft   Jan 2020 - Dec 2021",
        "Software Engineering Intern, Brightloop   Jun 2019 - Aug 2019",
        "Undergraduate Teaching Assistant   Jan 2017 - Dec 2018",
    )
    assert years(work) == 2.0


def test_work_before_the_first_degree_does_not_count() -> None:
    work = section("experience", "Data Analyst, Beta Bank   Jan 2016 - Dec 2021")
    bachelor = section("education", "BSc Economics, Lakeside University, 2019")
    # June 2019 (a degree dated by its year counts as finished in June) to Dec 2021.
    assert years(work, bachelor) == pytest.approx(31 / 12, abs=0.01)


def test_with_only_a_graduate_degree_listed_all_work_counts() -> None:
    work = section("experience", "Developer, Beta Bank   Jan 2016 - Dec 2019")
    master = section("education", "MSc Computer Science, Lakeside University, 2022")
    assert years(work, master) == 4.0


def test_work_during_a_first_degree_in_progress_does_not_count() -> None:
    work = section("experience", "Barista, Kaffebaren   Jan 2021 - present")
    studying = section("education", "BSc Psychology (in progress), Uppsala University")
    assert years(work, studying) == 0.0


# --------------------------------------------------------------------------- publications


def test_numbered_publications_are_counted() -> None:
    papers = section(
        "publications",
        "[1] A. Lee. Neural ranking for search. In Proceedings of ICML 2021.",
        "[2] A. Lee, B. Kim. Soil carbon in dry farms. Soil Review, 2019.",
    )
    assert len(publication_entries([papers])) == 2


def test_talks_and_patents_are_no_papers() -> None:
    talks = Section(
        "publications", "Invited Talks", section("x", "1. Scaling laws (2024)").lines, "r"
    )
    assert publication_entries([talks]) == []


def test_a_venue_cited_outside_a_publications_section_counts() -> None:
    research = section("research", "Knowledge graph alignment, paper at EMNLP'22")
    assert len(publication_entries([research])) == 1


def test_one_citation_per_line_without_numbers() -> None:
    papers = section(
        "publications",
        "Journal Articles",
        "L. Wong and E. Someone, A study of tides, Journal of Oceans, vol. 12, 2011.",
        "E. Someone, Another study of tides, Journal of Oceans, vol. 7, 2008.",
    )
    assert len(publication_entries([papers])) == 2


# --------------------------------------------------------------------------- shown by evidence


def test_a_statistics_degree_shows_the_mathematics_of_ml() -> None:
    bg = background(section("education", "MSc Statistics, Lakeside University, 2019"))
    assert shown(bg) == {
        skill: "MSc Statistics (2019)"
        for skill in ("statistics", "probability", "linear_algebra", "calculus", "mathematics")
    }
    assert all(s.evidence.line == 1 and s.evidence.matched == "MSc Statistics" for s in bg.shown)


def test_skills_named_in_the_text_are_not_shown_again() -> None:
    evidence = Evidence(
        "Statistics", "Statistics", 0, 10, 1, 5, "skills", "Skills", "r", "exact", 0.7
    )
    named = Detection(
        skills=(FoundSkill("statistics", "Statistics", "mathematics", True, 0.7, (evidence,)),)
    )
    bg = background(section("education", "MSc Statistics, 2019"), detection=named)
    assert "statistics" not in shown(bg) and "probability" in shown(bg)


def test_a_computing_degree_shows_data_structures_and_algorithms() -> None:
    bg = background(section("education", "B.S. in Computer Science and Engineering, 2020"))
    assert set(shown(bg)) == {"data_structures", "algorithms", "computer_science"}


def test_electrical_and_computer_engineering_is_an_engineering_degree() -> None:
    bg = background(section("education", "B.S. Electrical and Computer Engineering, 2020"))
    assert set(shown(bg)) == {"calculus", "linear_algebra", "mathematics"}


def test_an_information_technology_degree_shows_computing_only() -> None:
    bg = background(section("education", "Bachelor of Science in Information Technology, 2022"))
    assert set(shown(bg)) == {"computer_science"}


def test_an_ml_masters_shows_ml_and_its_statistics() -> None:
    bg = background(section("education", "M.S. in Artificial Intelligence, 2021"))
    assert set(shown(bg)) == {"machine_learning", "statistics", "probability", "linear_algebra"}


def test_an_unrelated_degree_shows_nothing() -> None:
    assert background(section("education", "BA in History, 2015")).shown == ()


def test_a_year_in_ml_roles_shows_machine_learning() -> None:
    bg = background(section("experience", "Machine Learning Engineer, Lumen   Jun 2024 - Nov 2025"))
    assert shown(bg) == {"machine_learning": "1.5 years as Machine Learning Engineer"}


def test_months_in_ml_roles_show_nothing() -> None:
    bg = background(section("experience", "ML Engineer, Lumen   Jan 2025 - Jun 2025"))
    assert bg.shown == ()


def test_data_engineers_are_not_credited_with_statistics() -> None:
    bg = background(section("experience", "Data Engineer, Lumen   Jan 2020 - Dec 2024"))
    assert bg.shown == ()


def test_analysts_are_credited_with_statistics() -> None:
    bg = background(section("experience", "Data Analyst, Beta Bank   Jan 2020 - Dec 2022"))
    assert shown(bg) == {"statistics": "3 years as Data Analyst"}


def test_ml_papers_show_machine_learning_and_research() -> None:
    papers = section(
        "publications",
        "[1] A. Lee. Deep learning for tide prediction. NeurIPS 2021.",
        "[2] A. Lee. Transformer models of weather. ICLR 2022.",
    )
    bg = background(papers)
    assert bg.publications == 2
    assert shown(bg) == {"machine_learning": "2 ML publications", "research": "2 ML publications"}


def test_papers_on_other_subjects_show_nothing() -> None:
    bg = background(section("publications", "[1] A. Lee. Aztec poetry. Colonial Review, 2021."))
    assert bg.publications == 1 and bg.shown == ()


def test_skills_missing_from_the_taxonomy_in_use_are_not_shown() -> None:
    edu = section("education", "MSc Statistics, 2019")
    mini_ids = {s.id for s in mini_taxonomy().skills}
    bg = read_background([edu], NOTHING, mini_taxonomy(), TODAY)
    assert {s.skill_id for s in bg.shown} <= mini_ids


def test_a_text_resume_end_to_end() -> None:
    text = (
        "Dana Okafor\n\nEXPERIENCE\n"
        "Senior Data Scientist, Acme Retail    Jan 2021 - Present\n"
        "- Built demand forecasts for 300 stores.\n"
        "Analytics Intern, Beta Bank    Jun 2017 - Aug 2017\n\n"
        "EDUCATION\nMSc Statistics, Northfield University, 2018\n"
        "BSc Mathematics, Northfield University, 2017\n"
    )
    sections = split_sections(read_bytes(text.encode(), "resume.txt"))
    bg = background(*sections)
    assert [(d.level, d.field, d.year) for d in bg.degrees] == [
        ("masters", "statistics", 2018),
        ("bachelors", "mathematics", 2017),
    ]
    assert [(p.title, p.kinds) for p in bg.positions] == [
        ("Senior Data Scientist", ("data",)),
        ("Analytics Intern", ("data", "intern")),
    ]
    assert bg.years_experience == pytest.approx(5.92, abs=0.01)
    assert professional_years(bg.positions, bg.degrees)[0] == pytest.approx(5.92, abs=0.01)
