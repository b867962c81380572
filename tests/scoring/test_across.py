"""The plan across several postings: its order, its groups, its reasons, and the gaps."""

from __future__ import annotations

from gapcheck.postings.parse import parse_posting
from gapcheck.records import Background, JobGap, ShownByEvidence, Target
from gapcheck.scoring.across import plan_ranked_gaps, postings_plan
from gapcheck.scoring.posting_gap import posting_gap
from gapcheck.scoring.score import score
from gapcheck.taxonomy.knowledge import role_weights
from tests.postings.samples import degree_taxonomy
from tests.support.gap_helpers import detection, evidence, name_finder

TAX = degree_taxonomy()
FIND = name_finder(TAX)
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")
WEIGHTS = role_weights(TAX, "ml-engineer", "mid")
PERSON = ("python", "docker", "pytorch")


def jobs(
    *postings: tuple[str, str],
    person: tuple[str, ...] = PERSON,
    background: Background | None = None,
) -> tuple[JobGap, ...]:
    found = detection(TAX, *person)
    return tuple(
        posting_gap(parse_posting(text, source, TAX, FIND), found, TAX, MLE, background)
        for source, text in postings
    )


def posting(title: str, required: str, preferred: str = "") -> str:
    lines = [title, "", "Requirements:", *(f"- {r}" for r in required.split(", ") if r)]
    if preferred:
        lines += ["", "Nice to have:", *(f"- {p}" for p in preferred.split(", "))]
    return "\n".join(lines) + "\n"


# Two good fits miss Kubernetes; one poor fit misses R and Spark; AWS is only preferred.
ALPHA = ("alpha.md", posting("Alpha ML Engineer", "Python, Docker, PyTorch, Kubernetes"))
BETA = ("beta.md", posting("Beta ML Engineer", "Python, Docker, Kubernetes", "AWS"))
GAMMA = ("gamma.md", posting("Gamma Data Engineer", "R programming, Apache Spark, Python"))


def test_a_skill_missing_from_many_good_fits_ranks_above_one_missing_from_a_poor_fit() -> None:
    plan = postings_plan(jobs(ALPHA, BETA, GAMMA), set(), WEIGHTS)
    assert [f.source for f in plan.fits] == ["alpha.md", "beta.md", "gamma.md"]
    assert [j.source for j in plan.jobs] == ["alpha.md", "beta.md", "gamma.md"]
    order = [item.skill_id for item in plan.items]
    assert order[0] == "kubernetes"
    kubernetes = plan.items[0]
    assert kubernetes.required_by == ("alpha.md", "beta.md")  # best fit first
    alpha, beta, gamma = plan.fits
    assert kubernetes.priority == round(2 * alpha.fit + 2 * beta.fit, 9)
    # Required by the poor fit (1/3 of its required skills shown) beats preferred by the
    # middling one: 2 x 0.33 > 1 x 0.57.
    assert gamma.fit < beta.fit
    assert order.index("r") < order.index("aws")
    assert order.index("apache_spark") < order.index("aws")


def test_equal_priorities_go_to_more_postings_then_role_weight_then_name() -> None:
    plan = postings_plan(jobs(GAMMA), set(), WEIGHTS)
    spark, r = (next(i for i in plan.items if i.skill_id == s) for s in ("apache_spark", "r"))
    assert spark.priority == r.priority and spark.postings == r.postings
    assert WEIGHTS["apache_spark"] == WEIGHTS["r"]
    assert [i.skill_id for i in plan.items] == ["apache_spark", "r"]  # by name
    heavier_r = postings_plan(jobs(GAMMA), set(), {**WEIGHTS, "r": 5.0})
    assert [i.skill_id for i in heavier_r.items] == ["r", "apache_spark"]
    # Two postings with no skill shown (only the doubt): the skill both miss comes first.
    zero = postings_plan(
        jobs(("a.md", posting("A", "Golang, AWS")), ("b.md", posting("B", "Golang")), person=()),
        set(),
        WEIGHTS,
    )
    assert [i.skill_id for i in zero.items] == ["go", "aws"]


def test_the_plan_does_not_depend_on_the_order_the_postings_come_in() -> None:
    given = [ALPHA, BETA, GAMMA, ("delta.md", posting("Delta", "TensorFlow or Kubernetes, Golang"))]
    first = postings_plan(jobs(*given), set(), WEIGHTS)
    for order in (given[::-1], given[2:] + given[:2]):
        assert postings_plan(jobs(*order), set(), WEIGHTS) == first


def test_a_group_of_alternatives_is_closed_by_its_member_in_most_demand() -> None:
    plan = postings_plan(
        jobs(
            ("one.md", posting("One", "Python, TensorFlow or Kubernetes")),
            ("two.md", posting("Two", "Python, Kubernetes")),
        ),
        set(),
        WEIGHTS,
    )
    assert [i.skill_id for i in plan.items] == ["kubernetes"]  # TensorFlow is not a step
    kubernetes = plan.items[0]
    assert kubernetes.required_by == ("one.md", "two.md")  # equal fits: by title
    assert (kubernetes.alternatives, kubernetes.either) == (("tensorflow",), 1)
    assert "TensorFlow would do instead in 1 of them." in kubernetes.reason


def test_alone_a_group_goes_to_its_heaviest_member_for_the_role() -> None:
    plan = postings_plan(jobs(("one.md", posting("One", "AWS or Apache Spark"))), set(), WEIGHTS)
    (item,) = plan.items
    assert item.skill_id == max(("aws", "apache_spark"), key=WEIGHTS.__getitem__)
    assert item.reason.endswith("would do instead there.")


def test_a_skill_the_person_evidently_has_is_to_be_named_never_learnt() -> None:
    shown = ShownByEvidence("machine_learning", "MSc in Statistics (2019)", evidence("MSc"))
    background = Background(shown=(shown,))
    plan = postings_plan(
        jobs(
            ("one.md", posting("One", "Machine learning, Kubernetes")),
            ("two.md", posting("Two", "Machine learning or AWS, Docker")),
            background=background,
        ),
        {"machine_learning"},
        WEIGHTS,
    )
    assert [(i.skill_id, i.action) for i in plan.items] == [
        ("kubernetes", "learn"),
        ("machine_learning", "show"),  # after every skill to learn, whatever its priority
    ]
    assert plan.items[1].required_by == ("two.md", "one.md")
    assert "your resume does not show it" not in plan.items[1].reason


def test_degrees_are_never_in_the_plan() -> None:
    plan = postings_plan(
        jobs(("one.md", posting("One", "MS or PhD in computer science, Kubernetes"))),
        set(),
        WEIGHTS,
    )
    assert [i.skill_id for i in plan.items] == ["kubernetes"]


def test_reasons_name_the_best_fits_and_count_the_rest() -> None:
    given = [
        (f"p{n}.md", posting(f"Role {n}", "Python, Docker" + ", Kubernetes" * (n > 0) + ", Golang"))
        for n in range(5)
    ]
    plan = postings_plan(jobs(*given), set(), WEIGHTS)
    go = next(i for i in plan.items if i.skill_id == "go")
    assert go.reason.startswith("Required by 5 of 5 postings (Role 0, 62% fit; Role 1, 50% fit; ")
    assert go.reason.count("% fit") == 3
    assert "; and 2 more); your resume does not show it." in go.reason


def test_postings_sharing_a_title_are_named_with_their_file() -> None:
    twice = posting("ML Engineer", "Python, Golang")
    plan = postings_plan(jobs(("a.md", twice), ("b.md", twice)), set(), WEIGHTS)
    assert plan.labels == {"a.md": "ML Engineer (a.md)", "b.md": "ML Engineer (b.md)"}


def test_the_gaps_lead_with_the_plan_then_the_role_and_name_the_postings() -> None:
    found = detection(TAX, *PERSON)
    given = jobs(ALPHA, BETA, GAMMA)
    role_score = score(found, TAX, MLE, None)
    gaps = plan_ranked_gaps(found, TAX, MLE, None, given, role_score)
    plan = postings_plan(given, set(), {i.skill_id: i.weight for i in role_score.items})
    planned = [i.skill_id for i in plan.items]
    assert [g.skill_id for g in gaps[: len(planned)]] == planned
    assert [g.rank for g in gaps] == list(range(1, len(gaps) + 1))
    kubernetes, aws = gaps[0], gaps[planned.index("aws")]
    assert (kubernetes.source, aws.source) == ("posting-required", "posting-preferred")
    assert kubernetes.reason.startswith("Required by 2 of 3 postings (Alpha ML Engineer, ")
    assert "The posting requires it" not in kubernetes.reason
    assert all(g.source == "role" for g in gaps[len(planned) :])
