"""Realistic Analysis records built by hand, for tests of the renderers and of anything
else that consumes an Analysis (batch mode, cohort reports, ...).

    strong_candidate()   a mid-level applicant covering most of the role, with a portfolio,
                         a job posting (requirements, eligibility), a skill to name (a "show"
                         gap), an inferred level, a background, a retired certification and
                         every optional part filled
    weak_candidate()     an early-career applicant with few skills and a hard-to-read PDF,
                         judged at a level given with --level, no posting, more than ten
                         skills to learn and one to name
    hostile_candidate()  the strong candidate with HTML, script, template syntax and CSS
                         breakouts planted in every string a resume, file name or job posting
                         can control
    empty_candidate()    nothing found: every expected skill is a gap, no certification, and
                         no level choice or background (an analysis made by an older caller)

Scores are computed here the way the score stage defines them
(score = 100 * sum(weight * credit) / sum(weight)), so every record is self-consistent:
the numbers in a rendered report can be checked against each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from gapcheck.records import (
    Analysis,
    Background,
    CategoryScore,
    CertificationSuggestion,
    Degree,
    Detection,
    Diagnostics,
    DocumentSummary,
    EligibilityCheck,
    EligibilityKind,
    EligibilityStatus,
    Evidence,
    FoundSkill,
    Gap,
    GapSource,
    HandsOnItem,
    HeldCertification,
    JobGap,
    LevelChoice,
    NearMiss,
    PathStep,
    Position,
    PostingRequirement,
    RetiredNote,
    Score,
    ScoreItem,
    ShownByEvidence,
    Target,
)

GENERATED_ON = "2026-11-21"
TAXONOMY_AS_OF = "2026-11-21"

CATEGORIES: dict[str, str] = {
    "programming_languages": "Programming languages",
    "math_statistics": "Mathematics and statistics",
    "ml_techniques": "Machine learning",
    "deep_learning": "Deep learning",
    "libraries_frameworks": "Libraries and frameworks",
    "deployment_mlops": "Deployment and MLOps",
    "cloud": "Cloud and big data",
    "soft_skills": "Soft skills",
}
STAGES: dict[str, str] = {
    "fundamentals": "Fundamentals",
    "ml_concepts": "Machine learning concepts",
    "practical": "Practical skills",
    "advanced": "Advanced topics",
}

# The skills the role expects, one per line: id | name | category | stage | weight.
_EXPECTED_TABLE = """
python              | Python                      | programming_languages | fundamentals | 5.5
sql                 | SQL                         | programming_languages | fundamentals | 3.5
statistics          | Probability and statistics  | math_statistics       | fundamentals | 5.0
linear_algebra      | Linear algebra              | math_statistics       | fundamentals | 4.0
machine_learning    | Machine learning            | ml_techniques         | ml_concepts  | 6.0
feature_engineering | Feature engineering         | ml_techniques         | ml_concepts  | 2.5
model_evaluation    | Model evaluation            | ml_techniques         | ml_concepts  | 3.0
deep_learning       | Deep learning               | deep_learning         | advanced     | 3.0
nlp                 | Natural language processing | deep_learning         | advanced     | 2.5
computer_vision     | Computer vision             | deep_learning         | advanced     | 2.0
pytorch             | PyTorch                     | libraries_frameworks  | practical    | 2.0
tensorflow          | TensorFlow                  | libraries_frameworks  | practical    | 2.0
scikit_learn        | scikit-learn                | libraries_frameworks  | practical    | 2.0
pandas              | pandas                      | libraries_frameworks  | practical    | 2.0
docker              | Docker / containerization   | deployment_mlops      | practical    | 2.0
model_deployment    | Model deployment            | deployment_mlops      | practical    | 3.0
mlops               | MLOps                       | deployment_mlops      | advanced     | 2.5
kubernetes          | Kubernetes                  | deployment_mlops      | advanced     | 1.5
aws                 | Amazon Web Services         | cloud                 | practical    | 2.0
apache_spark        | Apache Spark                | cloud                 | advanced     | 1.0
"""
HINTS: dict[str, str] = {
    "python": "Write small data scripts in Python every day for a month.",
    "sql": "Answer ten analytics questions with SQL on a public dataset.",
    "statistics": "Work through an applied statistics course with exercises.",
    "linear_algebra": "Implement matrix factorisation with NumPy from scratch.",
    "machine_learning": "Take an introductory machine learning course.",
    "feature_engineering": "Improve a baseline model only by engineering features.",
    "model_evaluation": "Compare models with cross-validation and report the metrics.",
    "deep_learning": "Train a small neural network end to end.",
    "nlp": "Fine-tune a text classifier and write up the results.",
    "computer_vision": "Train an image classifier with data augmentation.",
    "pytorch": "Port a tutorial model to PyTorch.",
    "tensorflow": "Follow the TensorFlow beginner tutorials.",
    "scikit_learn": "Fit and evaluate three classic models with scikit-learn.",
    "pandas": "Clean and join two messy CSV files with pandas.",
    "docker": "Package a model API in a Docker image.",
    "model_deployment": "Serve a trained model behind a small REST API.",
    "mlops": "Add experiment tracking and a retraining pipeline to a project.",
    "kubernetes": "Deploy a container to a local Kubernetes cluster.",
    "aws": "Deploy a model on a free-tier AWS account.",
    "apache_spark": "Process a large dataset with PySpark.",
}
# id: (name, category, stage, weight, hint)
EXPECTED: dict[str, tuple[str, str, str, float, str]] = {
    fields[0]: (fields[1], fields[2], fields[3], float(fields[4]), HINTS[fields[0]])
    for fields in (
        [field.strip() for field in row.split("|")] for row in _EXPECTED_TABLE.strip().splitlines()
    )
}
ALIASES: dict[str, tuple[str, ...]] = {
    "python": ("Python 3", "python3"),
    "machine_learning": ("ML", "statistical learning"),
    "scikit_learn": ("sklearn", "scikit learn"),
    "deep_learning": ("DL", "deep neural networks"),
    "docker": ("Docker", "containers", "containerization"),
    "aws": ("AWS", "Amazon AWS"),
    "kubernetes": ("K8s",),
    "nlp": ("NLP",),
}
PARTIAL_GAP = 0.5  # a skill with at most this credit is still listed as a gap
BANDS = ((80.0, "strong"), (60.0, "good"), (40.0, "fair"), (0.0, "weak"))

RESUME = "ada-lovelace-resume.pdf"
PORTFOLIO = "ada-portfolio-README.md"
POSTING = "acme-ml-engineer.txt"


# --------------------------------------------------------------------------- builders


def evidence(
    snippet: str,
    matched: str,
    *,
    page: int = 1,
    line: int = 1,
    section: str = "experience",
    heading: str = "Experience",
    document: str = RESUME,
    method: str = "exact",
    strength: float = 0.9,
    score: float | None = None,
    years: float | None = None,
    via: str | None = None,
) -> Evidence:
    start = snippet.find(matched)
    if start < 0:
        raise ValueError(f"{matched!r} is not in {snippet!r}")
    return Evidence(
        snippet=snippet,
        matched=matched,
        start=start,
        end=start + len(matched),
        page=page,
        line=line,
        section=section,
        heading=heading,
        document=document,
        method=method,
        strength=strength,
        score=score,
        years=years,
        via=via,
    )


def found(skill_id: str, *evidence_items: Evidence, years: float | None = None) -> FoundSkill:
    name, category, *_ = EXPECTED.get(skill_id, (skill_id.replace("_", " ").title(), "soft_skills"))
    explicit = any(e.method != "implied" for e in evidence_items)
    return FoundSkill(
        id=skill_id,
        name=name,
        category=category,
        explicit=explicit,
        strength=max(e.strength for e in evidence_items),
        evidence=tuple(evidence_items),
        years=years,
        documents=tuple(sorted({e.document for e in evidence_items})),
        portfolio_only=all(e.document == PORTFOLIO for e in evidence_items),
        aliases=ALIASES.get(skill_id, ()),
    )


def band_of(value: float) -> str:
    return next(band for floor, band in BANDS if value >= floor)


def make_score(credits: Mapping[str, float], expected: Iterable[str] = EXPECTED) -> Score:
    """The score of `credits` (skill id -> 0..1) over the `expected` skills."""
    items = tuple(
        ScoreItem(
            skill_id=i,
            name=EXPECTED[i][0],
            category=EXPECTED[i][1],
            weight=EXPECTED[i][3],
            credit=credits.get(i, 0.0),
        )
        for i in expected
    )
    categories = []
    for category, name in CATEGORIES.items():
        mine = [item for item in items if item.category == category]
        if not mine:
            continue
        possible = sum(item.weight for item in mine)
        earned = sum(item.weight * item.credit for item in mine)
        categories.append(
            CategoryScore(
                category, name, round(earned, 4), possible, round(100 * earned / possible, 1)
            )
        )
    possible = sum(item.weight for item in items)
    earned = sum(item.weight * item.credit for item in items)
    value = round(100 * earned / possible, 1) if possible else 0.0
    return Score(
        value=value,
        band=band_of(value),
        earned=round(earned, 4),
        possible=possible,
        categories=tuple(categories),
        items=items,
    )


_SOURCE_ORDER = {"posting-required": 0, "posting-preferred": 1, "role": 2}
_SOURCE_REASONS = {
    "posting-required": "The posting requires it and your resume does not show it. ",
    "posting-preferred": "The posting prefers it and your resume does not show it. ",
    "role": "",
}


def make_gaps(
    score: Score,
    blocks: Mapping[str, tuple[str, ...]] = {},
    *,
    sources: Mapping[str, GapSource] = {},
    shown: Mapping[str, ShownByEvidence] = {},
) -> tuple[Gap, ...]:
    """Missing and weakly shown skills, ranked as the gap stage ranks them: the skills to
    learn first (what a posting requires, then prefers, then what the role expects; each
    by the weight it still costs, then name), then the skills to name ("show": the person
    evidently has them, `shown` says why)."""
    missing = [item for item in score.items if item.credit <= PARTIAL_GAP]
    missing.sort(
        key=lambda item: (
            item.skill_id in shown,
            _SOURCE_ORDER[sources.get(item.skill_id, "role")],
            -item.weight * (1 - item.credit),
            item.name,
        )
    )
    gaps = []
    for rank, item in enumerate(missing, start=1):
        name, category, stage, weight, hint = EXPECTED[item.skill_id]
        blocked = blocks.get(item.skill_id, ())
        source = sources.get(item.skill_id, "role")
        proof = shown.get(item.skill_id)
        reason = (
            _SOURCE_REASONS[source]
            + f"Costs {weight * (1 - item.credit):g} of {score.possible:g} role points"
            + (f"; partly shown ({item.credit:.0%})" if item.credit else "")
            + (f"; needed before {', '.join(EXPECTED[b][0] for b in blocked)}" if blocked else "")
        )
        if proof is not None:
            reason = (
                f"You evidently know it ({proof.because}), but the resume never names it. " + reason
            )
            hint = f"Name {name} in your Skills section, or on the line that proves it."
        gaps.append(
            Gap(
                rank=rank,
                skill_id=item.skill_id,
                name=name,
                category=category,
                stage=stage,
                weight=weight,
                credit=item.credit,
                reason=reason,
                hint=hint,
                named_by=("edureka", "relia", "india")[: 1 + int(weight) % 3],
                emphasis="important" if weight >= 3 else "named",
                blocks=blocked,
                action="show" if proof is not None else "learn",
                shown_by=proof,
                source=source,
            )
        )
    return tuple(gaps)


def make_path(gaps: tuple[Gap, ...]) -> tuple[PathStep, ...]:
    """The learn gaps by roadmap stage (skills to name need no study)."""
    learn = [g for g in gaps if g.action == "learn"]
    return tuple(
        PathStep(
            stage=stage, stage_name=stage_name, skills=tuple(g for g in learn if g.stage == stage)
        )
        for stage, stage_name in STAGES.items()
        if any(g.stage == stage for g in learn)
    )


def diagnostics(
    pages: int = 2,
    *,
    layout: str = "single-column",
    columns: int = 1,
    unreadable: float = 0.0,
    warnings: tuple[str, ...] = (),
    engine: str = "pdfminer",
    characters: int = 5210,
) -> Diagnostics:
    return Diagnostics(
        pages=pages,
        characters=characters,
        layout=layout,
        columns=columns,
        unreadable_share=unreadable,
        engine=engine,
        warnings=warnings,
    )


# --------------------------------------------------------------------------- candidates

CERT_MLA = CertificationSuggestion(
    id="aws_mla",
    name="AWS Certified Machine Learning Engineer – Associate",
    provider="Amazon Web Services",
    level="Associate",
    exam_code="MLA-C01",
    status="active",
    status_date="2026-10-01",
    covers=("mlops", "model_deployment"),
    covers_names=("MLOps", "Model deployment"),
    covered_weight=5.5,
    url="https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/",
)
CERT_CKAD = CertificationSuggestion(
    id="ckad",
    name="Certified Kubernetes Application Developer",
    provider="CNCF / Linux Foundation",
    level="Intermediate",
    exam_code="CKAD",
    status="active-unverified",
    status_date="2026",
    covers=("kubernetes",),
    covers_names=("Kubernetes",),
    covered_weight=1.5,
)
CERT_DATABRICKS = CertificationSuggestion(
    id="databricks_ml_associate",
    name="Databricks Certified Machine Learning Associate",
    provider="Databricks",
    level="Associate",
    exam_code=None,
    status="active",
    status_date="2026-09-15",
    covers=("apache_spark", "mlops"),
    covers_names=("Apache Spark", "MLOps"),
    covered_weight=3.5,
)
CERT_IBM_ML = CertificationSuggestion(
    id="ibm_ml_professional",
    name="IBM Machine Learning Professional Certificate",
    provider="IBM (Coursera)",
    level="Intermediate",
    exam_code=None,
    status="active-unverified",
    status_date="2026",
    covers=("machine_learning", "scikit_learn", "pandas", "deep_learning"),
    covers_names=("Machine learning", "scikit-learn", "pandas", "Deep learning"),
    covered_weight=13.0,
)


# The strong candidate's posting (POSTING), line by line as gapcheck.postings reads it.
STRONG_POSTING_LINES = {
    1: "Senior Machine Learning Engineer, Search Ranking",
    4: "5+ years of professional experience building ML systems",
    5: "Strong Python and PyTorch experience",
    6: "Deploy and operate models on Kubernetes (EKS) on AWS",
    7: "Bachelor's or Master's degree in Computer Science or a related field",
    9: "Nice to have: Spark or Flink for large-scale feature pipelines",
    10: "NLP experience is a plus",
    11: "An AWS Machine Learning certification is preferred",
    12: "Must be authorized to work in the United States",
}
STRONG_SOURCES: dict[str, GapSource] = {
    "kubernetes": "posting-required",
    "apache_spark": "posting-preferred",
}


def _requirement(
    ids: tuple[str, ...],
    line: int,
    *,
    met_by: str | None,
    level: str = "required",
    names: tuple[str, ...] = (),
    kind: str = "skill",
) -> PostingRequirement:
    return PostingRequirement(
        ids=ids,
        names=names or tuple(EXPECTED[i][0] for i in ids),
        level=level,
        met=met_by is not None,
        met_by=met_by,
        line=line,
        text=STRONG_POSTING_LINES[line],
        kind=kind,
    )


STRONG_REQUIREMENTS = (
    _requirement(("python",), 5, met_by="python"),
    _requirement(("pytorch",), 5, met_by="pytorch"),
    _requirement(("kubernetes",), 6, met_by=None),
    _requirement(("aws",), 6, met_by="aws"),
    _requirement(
        ("bachelors", "masters"),
        7,
        met_by="masters",
        names=(
            "Bachelor's degree (CS, math, statistics)",
            "Master's degree (ML, AI, data science)",
        ),
        kind="degree",
    ),
    _requirement(
        ("apache_spark", "apache_flink"),
        9,
        met_by=None,
        level="preferred",
        names=("Apache Spark", "Apache Flink"),
    ),
    _requirement(("nlp",), 10, met_by="nlp", level="preferred"),
)
MSC_LINE = "MSc Statistics, University of Edinburgh, 2019"


def strong_background() -> Background:
    """An MSc in statistics (which shows linear algebra) and two dated positions."""
    degree_line = evidence(
        MSC_LINE,
        "MSc Statistics",
        page=2,
        line=62,
        section="education",
        heading="Education",
        method="rule",
        strength=0.6,
    )
    return Background(
        degrees=(Degree("masters", "statistics", degree_line, year=2019),),
        positions=(
            Position(
                title="Machine Learning Engineer",
                kinds=("ml",),
                start="2022-01",
                end="2026-11",
                years=4.9,
                evidence=evidence(
                    "Machine Learning Engineer, Acme Search, 2022 – present",
                    "Machine Learning Engineer",
                    line=6,
                ),
            ),
            Position(
                title="Data Scientist",
                kinds=("data",),
                start="2019-09",
                end="2021-12",
                years=2.3,
                evidence=evidence("Data Scientist, Beta Retail, 2019 – 2021", "Data Scientist"),
            ),
        ),
        publications=1,
        years_experience=4.5,
        shown=(
            ShownByEvidence(
                skill_id="linear_algebra",
                because="MSc Statistics (2019)",
                evidence=degree_line,
            ),
        ),
    )


def strong_eligibility() -> tuple[EligibilityCheck, ...]:
    """One of each status: met (years, degree), not met (a certification), not stated."""

    def check(
        kind: EligibilityKind,
        line: int,
        name: str,
        status: EligibilityStatus,
        detail: str,
        *,
        years: float | None = None,
        degree: str | None = None,
        level: str = "required",
        proof: Evidence | None = None,
    ) -> EligibilityCheck:
        return EligibilityCheck(
            kind=kind,
            text=STRONG_POSTING_LINES[line],
            line=line,
            skill_id=None,
            years=years,
            degree=degree,
            level=level,
            name=name,
            status=status,
            detail=detail,
            evidence=proof,
        )

    return (
        check(
            "years",
            4,
            "5+ years of experience",
            "not met",
            "about 4.5 years of professional experience",
            years=5.0,
        ),
        check(
            "degree",
            7,
            "Bachelor's degree",
            "met",
            "Master's degree on the resume",
            degree="bachelors",
            proof=strong_background().degrees[0].evidence,
        ),
        check(
            "certification",
            11,
            "AWS Machine Learning certification",
            "not met",
            "not on the resume (it may be earned after hiring)",
            level="preferred",
        ),
        check(
            "authorization",
            12,
            "Authorization to work in the United States",
            "not stated",
            "resumes rarely say; be ready to answer it",
        ),
    )


def strong_candidate() -> Analysis:
    """A mid-level applicant who covers most of the role, with every optional part filled."""
    skills = (
        found(
            "python",
            evidence(
                "Built feature pipelines in Python 3 and pandas for 40M daily events",
                "Python 3",
                page=1,
                line=12,
                method="alias",
                strength=1.0,
                years=5.0,
            ),
            evidence(
                "Languages: Python, SQL, Bash",
                "Python",
                page=2,
                line=58,
                section="skills",
                heading="Technical Skills",
                strength=0.6,
            ),
            years=5.0,
        ),
        found(
            "sql",
            evidence(
                "Languages: Python, SQL, Bash",
                "SQL",
                page=2,
                line=58,
                section="skills",
                heading="Technical Skills",
                strength=0.6,
            ),
        ),
        found(
            "statistics",
            evidence(
                "Designed A/B tests and Bayesian statistics reports for pricing",
                "statistics",
                page=1,
                line=16,
                strength=0.9,
                years=3.0,
            ),
            years=3.0,
        ),
        found(
            "machine_learning",
            evidence(
                "Led the ML platform team shipping ranking models to production",
                "ML",
                page=1,
                line=8,
                method="alias",
                strength=1.0,
                years=4.0,
            ),
            years=4.0,
        ),
        found(
            "feature_engineering",
            evidence(
                "Built feature pipelines in Python 3 and pandas for 40M daily events",
                "feature pipelines",
                page=1,
                line=12,
                method="rule",
                strength=0.9,
            ),
        ),
        found(
            "model_evaluation",
            evidence(
                "Improved offline evaluation with time-split cross-validation",
                "cross-validation",
                page=1,
                line=14,
                method="rule",
                strength=0.9,
            ),
        ),
        found(
            "deep_learning",
            evidence(
                "Trained transformer rankers in PyTorch on 8 GPUs",
                "PyTorch",
                page=1,
                line=10,
                method="implied",
                strength=0.5,
                via="pytorch",
            ),
        ),
        found(
            "nlp",
            evidence(
                "Fine-tuned BERT models for query understanding (NLP)",
                "NLP",
                page=1,
                line=11,
                method="alias",
                strength=0.9,
            ),
        ),
        found(
            "pytorch",
            evidence(
                "Trained transformer rankers in PyTorch on 8 GPUs",
                "PyTorch",
                page=1,
                line=10,
                strength=1.0,
                years=3.0,
            ),
            years=3.0,
        ),
        found(
            "tensorflow",
            evidence(
                "Frameworks: TensorFIow, scikit-learn, pandas",
                "TensorFIow",
                page=2,
                line=59,
                section="skills",
                heading="Technical Skills",
                method="fuzzy",
                strength=0.6,
                score=90.0,
            ),
        ),
        found(
            "scikit_learn",
            evidence(
                "Frameworks: TensorFIow, scikit-learn, pandas",
                "scikit-learn",
                page=2,
                line=59,
                section="skills",
                heading="Technical Skills",
                strength=0.6,
            ),
        ),
        found(
            "pandas",
            evidence(
                "Built feature pipelines in Python 3 and pandas for 40M daily events",
                "pandas",
                page=1,
                line=12,
                strength=1.0,
            ),
        ),
        found(
            "docker",
            evidence(
                "Each service ships as a Docker image with a health check",
                "Docker",
                page=1,
                line=3,
                section="projects",
                heading="Projects",
                document=PORTFOLIO,
                method="alias",
                strength=0.8,
            ),
        ),
        found(
            "model_deployment",
            evidence(
                "Deployed the ranking model behind a gRPC service at 5k QPS",
                "Deployed the ranking model",
                page=1,
                line=9,
                method="rule",
                strength=1.0,
            ),
        ),
        found(
            "aws",
            evidence(
                "Cloud: AWS (S3, SageMaker, Lambda)",
                "AWS",
                page=2,
                line=60,
                section="skills",
                heading="Technical Skills",
                method="alias",
                strength=0.6,
            ),
        ),
        found(
            "communication",
            evidence(
                "Presented quarterly model reviews to product leadership",
                "Presented",
                page=1,
                line=18,
                method="rule",
                strength=0.7,
            ),
        ),
    )
    # Shown in experience: full credit; only listed: most of it; only implied: half.
    credits = {s.id: 1.0 if s.strength >= 0.8 else 0.75 if s.explicit else 0.5 for s in skills}
    score = make_score(credits)
    background = strong_background()
    gaps = make_gaps(
        score,
        blocks={"docker": ("kubernetes",)},
        sources=STRONG_SOURCES,
        shown={s.skill_id: s for s in background.shown},
    )
    retired = RetiredNote(
        id="aws_mls",
        name="AWS Certified Machine Learning – Specialty",
        status="retired",
        status_date="2026-03-31",
        successor="AWS Certified Machine Learning Engineer – Associate",
        evidence=evidence(
            "AWS Certified Machine Learning – Specialty (2023)",
            "AWS Certified Machine Learning – Specialty",
            page=2,
            line=64,
            section="certifications",
            heading="Certifications",
            method="alias",
            strength=1.0,
        ),
    )
    held = (
        HeldCertification(
            id=retired.id,
            name=retired.name,
            status=retired.status,
            successor=retired.successor,
            evidence=retired.evidence,
        ),
    )
    job_credits = {
        i: credits.get(i, 0.0)
        for i in ("python", "pytorch", "kubernetes", "aws", "apache_spark", "nlp")
    }
    job = JobGap(
        source=POSTING,
        title="Senior Machine Learning Engineer, Search Ranking",
        required=("python", "pytorch", "kubernetes", "aws"),
        preferred=("apache_spark", "nlp"),
        missing_required=("kubernetes",),
        missing_preferred=("apache_spark",),
        score=make_score(job_credits, expected=job_credits),
        requirements=STRONG_REQUIREMENTS,
        required_met=4,
        required_total=5,
        preferred_met=1,
        preferred_total=2,
        eligibility=strong_eligibility(),
    )
    return Analysis(
        gapcheck_version="0.1.0",
        taxonomy_version="2026.11",
        taxonomy_as_of=TAXONOMY_AS_OF,
        generated_on=GENERATED_ON,
        target=Target(
            role="ml-engineer", role_name="Machine Learning Engineer", level="mid", job=POSTING
        ),
        documents=(
            DocumentSummary(
                source=RESUME,
                kind="pdf",
                role="resume",
                diagnostics=diagnostics(2, layout="two-column", columns=2),
                sections=(
                    ("contact", "Ada Lovelace"),
                    ("summary", "Profile"),
                    ("experience", "Experience"),
                    ("education", "Education"),
                    ("skills", "Technical Skills"),
                    ("certifications", "Certifications"),
                ),
            ),
            DocumentSummary(
                source=PORTFOLIO,
                kind="md",
                role="portfolio",
                diagnostics=diagnostics(1, layout="text", engine="text", characters=1830),
                sections=(("projects", "Projects"),),
            ),
        ),
        detection=Detection(skills=skills, certifications=held),
        score=score,
        gaps=gaps,
        near_misses=(
            NearMiss(
                skill_id="deep_learning",
                name="Deep learning",
                credit=0.5,
                why_partial="implied by PyTorch",
                advice="Name deep learning in the bullet that describes the rankers.",
            ),
            NearMiss(
                skill_id="sql",
                name="SQL",
                credit=credits["sql"],
                why_partial="only listed under Technical Skills",
                advice="Mention a query or pipeline you wrote in SQL in an Experience bullet.",
            ),
        ),
        learning_path=make_path(gaps),
        certifications=(CERT_MLA, CERT_DATABRICKS, CERT_CKAD),
        retired_held=(retired,),
        warnings=(),
        job=job,
        level=LevelChoice("mid", "mid: 4.5 years of experience since 2021", inferred=True),
        background=background,
        hands_on=(
            HandsOnItem(
                id="projects",
                name="Projects section",
                present=True,
                evidence=(
                    evidence(
                        "Each service ships as a Docker image with a health check",
                        "Docker image",
                        section="projects",
                        heading="Projects",
                        document=PORTFOLIO,
                        method="rule",
                        strength=0.8,
                    ),
                ),
            ),
            HandsOnItem(
                id="code_links",
                name="Links to code (GitHub, GitLab)",
                present=True,
                evidence=(
                    evidence(
                        "github.com/ada-lovelace/rankers",
                        "github.com",
                        line=3,
                        section="contact",
                        heading="Ada Lovelace",
                        method="rule",
                        strength=0.8,
                    ),
                ),
            ),
            HandsOnItem(id="competitions", name="Competitions (Kaggle and similar)", present=False),
        ),
    )


def weak_candidate() -> Analysis:
    """An early-career applicant: few skills, mostly listed, and a PDF that read badly."""
    resume = "sam-jones-cv.pdf"
    skills = (
        found(
            "python",
            evidence(
                "Skills: Python, Excel, teamwork",
                "Python",
                page=1,
                line=20,
                section="skills",
                heading="Skills",
                document=resume,
                strength=0.5,
            ),
        ),
        found(
            "statistics",
            evidence(
                "Coursework: Statistics I and II, Calculus",
                "Statistics",
                page=1,
                line=15,
                section="education",
                heading="Education",
                document=resume,
                strength=0.6,
            ),
        ),
        found(
            "machine_learning",
            evidence(
                "Currently learning ML through online courses",
                "ML",
                page=1,
                line=24,
                section="interests",
                heading="Interests",
                document=resume,
                method="alias",
                strength=0.3,
            ),
        ),
    )
    credits = {s.id: s.strength for s in skills}
    score = make_score(credits)
    coursework = evidence(
        "Coursework: Linear Algebra I, Statistics I and II, Calculus",
        "Linear Algebra I",
        page=1,
        line=15,
        section="education",
        heading="Education",
        document=resume,
        method="rule",
        strength=0.4,
    )
    shown = ShownByEvidence("linear_algebra", "coursework in Linear Algebra", coursework)
    gaps = make_gaps(
        score, blocks={"python": ("pandas", "scikit_learn")}, shown={"linear_algebra": shown}
    )
    return Analysis(
        gapcheck_version="0.1.0",
        taxonomy_version="2026.11",
        taxonomy_as_of=TAXONOMY_AS_OF,
        generated_on=GENERATED_ON,
        target=Target(role="ml-engineer", role_name="Machine Learning Engineer", level="entry"),
        documents=(
            DocumentSummary(
                source=resume,
                kind="pdf",
                role="resume",
                diagnostics=diagnostics(
                    1,
                    unreadable=0.18,
                    characters=1420,
                    warnings=(
                        "page 1: 18% of the characters could not be mapped to text "
                        "(a font without a Unicode map); some skills may have been missed",
                    ),
                ),
                sections=(
                    ("contact", "Sam Jones"),
                    ("education", "Education"),
                    ("skills", "Skills"),
                    ("interests", "Interests"),
                ),
            ),
        ),
        detection=Detection(skills=skills),
        score=score,
        gaps=gaps,
        near_misses=(
            NearMiss(
                skill_id="machine_learning",
                name="Machine learning",
                credit=0.3,
                why_partial="only under Interests",
                advice="Describe one machine learning project you finished, with its result.",
            ),
        ),
        learning_path=make_path(gaps),
        certifications=(CERT_IBM_ML, CERT_MLA),
        retired_held=(),
        warnings=("sam-jones-cv.pdf: 18% of the characters could not be read",),
        level=LevelChoice("entry", "given with --level", inferred=False),
        background=Background(
            degrees=(Degree("bachelors", "mathematics", coursework, year=2027, in_progress=True),),
            shown=(shown,),
        ),
    )


def empty_candidate() -> Analysis:
    """Nothing found: every expected skill is a gap, no certification suggested."""
    score = make_score({})
    gaps = make_gaps(score)
    return Analysis(
        gapcheck_version="0.1.0",
        taxonomy_version="2026.11",
        taxonomy_as_of=TAXONOMY_AS_OF,
        generated_on=GENERATED_ON,
        target=Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid"),
        documents=(
            DocumentSummary(
                source="blank.txt",
                kind="txt",
                role="resume",
                diagnostics=diagnostics(1, layout="text", engine="text", characters=40),
                sections=(),
            ),
        ),
        detection=Detection(skills=()),
        score=score,
        gaps=gaps,
        near_misses=(),
        learning_path=make_path(gaps),
        certifications=(),
        retired_held=(),
        warnings=(),
    )


# --------------------------------------------------------------------------- hostile

# Each payload would do something visible if it ever ran or was evaluated: set
# window.__pwned or document.title, load an image (a network request), restyle the page,
# or print 49 / a loop's output.
SCRIPT = "<script>window.__pwned = 'script'; document.title = 'PWNED'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
LINK = "<a href=\"javascript:window.__pwned='link'\">portfolio</a>"
STYLE_BREAKOUT = "</style><script>window.__pwned = 'style'</script><style>"
SVG = '"><svg onload="window.__pwned = \'svg\'"></svg>'
TEMPLATE_EXPR = "{{ 7*7 }}"
TEMPLATE_STMT = "{% for x in range(3) %}LOOP{% endfor %}"
CSS_INJECTION = "x{}body{display:none}"
PAYLOADS = (SCRIPT, IMG, LINK, STYLE_BREAKOUT, SVG, TEMPLATE_EXPR, TEMPLATE_STMT, CSS_INJECTION)
HOSTILE_RESUME = "<img src=x onerror=alert(1)> {{ 7*7 }}.pdf"  # a legal file name
HOSTILE_POSTING = "posting <script>window.__pwned='file'<\\script>.txt"


def _poison(text: str, payload: str) -> str:
    return f"{text} {payload}"


def hostile_candidate() -> Analysis:
    """The strong candidate with payloads in every resume-, file- and posting-derived string."""
    base = strong_candidate()
    payload_cycle = iter(PAYLOADS * 40)

    def poison_evidence(item: Evidence) -> Evidence:
        payload = next(payload_cycle)
        snippet = f"{payload} {item.snippet} {payload}"
        start = len(payload) + 1 + item.start
        return replace(
            item,
            snippet=snippet,
            start=start,
            end=start + len(item.matched),
            heading=_poison(item.heading, next(payload_cycle)),
            document=HOSTILE_RESUME if item.document == RESUME else item.document,
        )

    skills = tuple(
        replace(
            skill,
            evidence=tuple(poison_evidence(e) for e in skill.evidence),
            documents=tuple(HOSTILE_RESUME if d == RESUME else d for d in skill.documents),
        )
        for skill in base.detection.skills
    )
    # One skill matched text that is itself markup (a resume may literally say this).
    markup_line = f"Skills: {SCRIPT}, Python, {IMG}"
    skills = (
        *skills[:1],
        replace(
            skills[1],
            evidence=(
                evidence(
                    markup_line,
                    SCRIPT,
                    page=2,
                    line=70,
                    section="skills",
                    heading=STYLE_BREAKOUT,
                    document=HOSTILE_RESUME,
                    strength=0.6,
                ),
            ),
        ),
        *skills[2:],
    )
    retired = tuple(
        replace(note, evidence=poison_evidence(note.evidence)) for note in base.retired_held
    )
    documents = tuple(
        replace(
            doc,
            source=HOSTILE_RESUME if doc.source == RESUME else doc.source,
            sections=tuple(
                (kind, _poison(heading, next(payload_cycle))) for kind, heading in doc.sections
            ),
            diagnostics=replace(doc.diagnostics, warnings=(_poison("page 2: odd font", LINK),)),
        )
        for doc in base.documents
    )
    assert base.job is not None and base.background is not None and base.level is not None
    job = replace(
        base.job,
        source=HOSTILE_POSTING,
        title=f"ML Engineer {SCRIPT} {TEMPLATE_EXPR} {STYLE_BREAKOUT}",
        requirements=tuple(
            replace(r, text=_poison(r.text, next(payload_cycle))) for r in base.job.requirements
        ),
        eligibility=tuple(
            replace(
                c,
                text=_poison(c.text, next(payload_cycle)),
                name=_poison(c.name, next(payload_cycle)),
                detail=_poison(c.detail, next(payload_cycle)),
            )
            for c in base.job.eligibility
        ),
    )
    # What shows a skill to name: a resume line, and words built from it.
    gaps = tuple(
        replace(
            g,
            shown_by=replace(
                g.shown_by,
                because=_poison(g.shown_by.because, IMG),
                evidence=poison_evidence(g.shown_by.evidence),
            ),
        )
        if g.shown_by is not None
        else g
        for g in base.gaps
    )
    background = replace(
        base.background,
        positions=tuple(
            replace(p, title=_poison(p.title, next(payload_cycle)))
            for p in base.background.positions
        ),
        degrees=tuple(
            replace(d, field=_poison(d.field, STYLE_BREAKOUT)) for d in base.background.degrees
        ),
    )
    # A level's reason names a job title as the resume writes it.
    level = replace(base.level, reason=f"mid: 4.5 years of experience, {SCRIPT} title")
    hands_on = tuple(
        replace(item, evidence=tuple(poison_evidence(e) for e in item.evidence))
        for item in base.hands_on
    )
    return replace(
        base,
        target=replace(base.target, job=HOSTILE_POSTING),
        documents=documents,
        detection=Detection(
            skills=skills,
            certifications=tuple(
                replace(held, evidence=poison_evidence(held.evidence))
                for held in base.detection.certifications
            ),
        ),
        retired_held=retired,
        warnings=(f"{HOSTILE_RESUME}: {IMG} {TEMPLATE_STMT}", f"unexpected {SVG}"),
        job=job,
        gaps=gaps,
        learning_path=make_path(gaps),
        background=background,
        level=level,
        hands_on=hands_on,
        near_misses=tuple(
            replace(m, why_partial=_poison(m.why_partial, TEMPLATE_EXPR)) for m in base.near_misses
        ),
        certifications=(
            *base.certifications,
            replace(
                CERT_IBM_ML,
                url="javascript:window.__pwned='cert'",
                name=_poison(CERT_IBM_ML.name, SCRIPT),
            ),
        ),
    )
