"""One person against several postings, through the API: options checked first, the fits,
the plan leading the gaps, and every format showing them (made-up resume and postings)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gapcheck import analyse, render
from gapcheck.errors import InputError, UsageError
from gapcheck.options import Options
from gapcheck.scoring.across import plan_of

DOCS = Path(__file__).resolve().parents[2] / "docs"
DATE = "2026-12-01"

RESUME = """\
Casey Morgan
Data Scientist

Summary
Data scientist building forecasting and churn models in Python.

Experience
Data Scientist, Example Analytics Co, 2019 - present
- Built churn models in Python with scikit-learn and pandas.
- Wrote SQL pipelines and Tableau dashboards for the sales team.
- Deployed the models as REST APIs with Flask.

Education
B.S. in Statistics, Sample State University, 2015 - 2019

Skills
Python, SQL, scikit-learn, pandas, Flask, Git
"""

POSTINGS = {
    "alpha.txt": "Machine Learning Engineer\n\nRequirements:\n- Python\n- Docker\n- Kubernetes\n"
    "- SQL\n\nNice to have:\n- AWS\n",
    "beta.txt": "ML Platform Engineer\n\nRequirements:\n- Python\n- Docker\n- PyTorch or "
    "TensorFlow\n- PhD in computer science\n",
    "gamma.txt": "Data Scientist\n\nRequirements:\n- Python\n- SQL\n- scikit-learn\n\n"
    "Nice to have:\n- Docker\n",
}


@pytest.fixture()
def person(tmp_path: Path) -> Path:
    resume = tmp_path / "casey-morgan.txt"
    resume.write_text(RESUME, encoding="utf-8")
    return resume


def postings_folder(where: Path, postings: dict[str, str] = POSTINGS) -> Path:
    folder = where / "postings"
    folder.mkdir()
    for name, text in postings.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_of_postings_is_ranked_by_fit_and_planned_across(
    person: Path, tmp_path: Path
) -> None:
    analysis = analyse(person, job=postings_folder(tmp_path), today=DATE)
    assert analysis.job is None and analysis.target.job is None
    assert sorted(j.source for j in analysis.jobs) == sorted(POSTINGS)
    plan = plan_of(analysis)
    assert plan is not None
    assert [f.source for f in plan.fits] == ["gamma.txt", "alpha.txt", "beta.txt"]
    beta = plan.fits[2]
    assert [c.kind for c in beta.knockouts] == ["degree"]  # a B.S., and a PhD required
    # Docker: required by two postings, preferred by the best fit; the plan's first step.
    docker = analysis.gaps[0]
    assert (docker.skill_id, docker.source) == ("docker", "posting-required")
    assert docker.reason.startswith("Required by 2 of 3 postings (")
    assert "preferred by 1 (Data Scientist, " in docker.reason
    learn = [g.skill_id for g in analysis.gaps if g.action == "learn"]
    assert learn[: len(plan.items)] == [i.skill_id for i in plan.items if i.action == "learn"]
    # "PyTorch or TensorFlow": one step, the other named as the alternative.
    pair = [i for i in plan.items if i.skill_id in ("pytorch", "tensorflow")]
    assert len(pair) == 1
    assert pair[0].alternatives == tuple({"pytorch", "tensorflow"} - {pair[0].skill_id})


def test_every_format_carries_the_fits_and_the_json_validates(person: Path, tmp_path: Path) -> None:
    analysis = analyse(person, job=postings_folder(tmp_path), today=DATE)
    data = json.loads(render(analysis, "json"))
    schema = json.loads((DOCS / "gapcheck-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == "1.2"
    postings = data["postings"]
    assert postings["count"] == 3
    assert [f["source"] for f in postings["fits"]] == ["gamma.txt", "alpha.txt", "beta.txt"]
    assert [j["source"] for j in postings["jobs"]] == ["gamma.txt", "alpha.txt", "beta.txt"]
    assert postings["plan"][0]["skill_id"] == "docker"
    assert postings["plan"][0]["required_by"] == ["alpha.txt", "beta.txt"]
    assert list(data).index("postings") == list(data).index("job") + 1
    markdown = render(analysis, "md")
    assert "## Postings ranked by fit (3)" in markdown
    assert "1. **Data Scientist** (gamma.txt): fit " in markdown
    html = render(analysis, "html")
    assert '<section id="postings"' in html
    assert html.index('id="postings"') < html.index('id="gaps"')
    assert "3 of 3 postings ask for it" in html  # Docker's tag on its card


def test_the_same_postings_give_the_same_bytes_whatever_the_order_given(
    person: Path, tmp_path: Path
) -> None:
    folder = postings_folder(tmp_path)
    files = sorted(folder.iterdir())
    forward = analyse(person, job=files[0], jobs=files[1:], today=DATE)
    backward = analyse(person, job=files[-1], jobs=files[-2::-1], today=DATE)
    assert forward.jobs != backward.jobs  # kept as given...
    for fmt in ("json", "md", "html"):  # ...and ranked the same way in every report
        assert render(forward, fmt) == render(backward, fmt)


def test_one_posting_in_a_folder_is_the_one_posting_report(person: Path, tmp_path: Path) -> None:
    folder = postings_folder(tmp_path, {"alpha.txt": POSTINGS["alpha.txt"]})
    from_folder = analyse(person, job=folder, today=DATE)
    from_file = analyse(person, job=folder / "alpha.txt", today=DATE)
    assert from_folder == from_file
    assert from_folder.job is not None and from_folder.jobs == ()
    assert json.loads(render(from_folder, "json"))["schema_version"] == "1.1"


def test_too_many_postings_are_refused_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gapcheck.options.MAX_POSTINGS", 2)
    with pytest.raises(UsageError) as raised:
        analyse(tmp_path / "no-such-resume.txt", job=postings_folder(tmp_path), today=DATE)
    assert raised.value.subject == "--job"
    assert "names 3 postings; gapcheck compares at most 2" in raised.value.message


def test_a_posting_named_alone_must_be_usable(tmp_path: Path) -> None:
    folder = postings_folder(tmp_path)
    (tmp_path / "menu.txt").write_text("Lunch menu\n\nSoup of the day\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        Options(job=folder, jobs=(tmp_path / "menu.txt",)).resolve()
    assert raised.value.subject == "menu.txt"
    with pytest.raises(InputError) as missing:
        Options(job=folder, jobs=(tmp_path / "gone.txt",)).resolve()
    assert "gone.txt: no such file or folder" in missing.value.message


def test_an_unusable_posting_in_a_folder_is_left_out_with_a_warning(
    person: Path, tmp_path: Path
) -> None:
    folder = postings_folder(tmp_path)
    (folder / "menu.txt").write_text("Lunch menu\n\nSoup of the day\n", encoding="utf-8")
    plan = Options(job=folder).resolve()
    assert [p.source for p in plan.postings] == ["alpha.txt", "beta.txt", "gamma.txt"]
    assert plan.postings_left_out == (
        "posting menu.txt: names no skill gapcheck knows; check that it is a job posting in "
        "English (a PDF needs a text layer); left out",
    )
    analysis = analyse(person, options=Options(job=folder, today=DATE))
    assert plan.postings_left_out[0] in analysis.warnings
    only_menus = tmp_path / "menus"
    only_menus.mkdir()
    for name in ("a.txt", "b.txt"):
        (only_menus / name).write_text("Lunch menu\n\nSoup\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        Options(job=only_menus).resolve()
    assert "none of the 2 postings can be used (the first: posting a.txt:" in raised.value.message
