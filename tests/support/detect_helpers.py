"""Taxonomies and sections for the detection tests.

`trap_taxonomy()` is the mini taxonomy plus the skills whose names collide with everyday
words or letters (C, Excel, Pig, Hive, CV, REST, ANN, regression...), written the way the
taxonomy format describes ambiguity rules, so the detector's context handling is tested
apart from the built-in taxonomy's exact contents.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from gapcheck.detection.detector import Detector, get_detector
from gapcheck.records import Detection, Line, Section
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Taxonomy
from gapcheck.taxonomy.parsing import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def benchmark_module(name: str) -> ModuleType:
    """benchmarks/NAME.py as a module (the tests check the figures the benchmarks report)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # heldout.py imports its neighbour accuracy.py
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module

EXTRA_SKILLS: list[dict[str, Any]] = [
    {
        "id": "c",
        "name": "C",
        "category": "programming_languages",
        "aliases": ["C programming", "ANSI C"],
        "ambiguous": [
            {
                "term": "C",
                "accept": ["list", "skills_section", "cue"],
                "cues": ["programming", "language", "embedded"],
                "reject": ["Objective-C"],
            }
        ],
    },
    {"id": "cpp", "name": "C++", "category": "programming_languages", "aliases": ["cpp"]},
    {"id": "csharp", "name": "C#", "category": "programming_languages"},
    {"id": "java", "name": "Java", "category": "programming_languages"},
    {"id": "sql", "name": "SQL", "category": "programming_languages", "narrower": ["MySQL"]},
    {
        "id": "javascript",
        "name": "JavaScript",
        "category": "programming_languages",
        "aliases": ["Node.js"],
    },
    {"id": "react", "name": "React", "category": "libraries_frameworks"},
    {"id": "swift", "name": "Swift", "category": "programming_languages"},
    {"id": "tableau", "name": "Tableau", "category": "libraries_frameworks"},
    {
        "id": "regression",
        "name": "Regression",
        "category": "ml_techniques",
        "aliases": ["regression models"],
        "ambiguous": [
            {
                "term": "regression",
                "case_sensitive": False,
                "accept": ["list", "cue", "skills_section"],
                "cues": ["linear", "logistic", "model"],
                "reject": ["regression testing"],
            }
        ],
    },
    {
        "id": "hypothesis_testing",
        "name": "Hypothesis testing",
        "category": "ml_techniques",
        "aliases": ["A/B testing", "statistical inference"],
    },
    {
        "id": "time_series",
        "name": "Time-series analysis",
        "category": "ml_techniques",
        "aliases": ["time series analysis"],
    },
    {"id": "data_visualisation", "name": "Data visualisation", "category": "ml_techniques"},
    {
        "id": "language_modelling",
        "name": "Language modelling",
        "category": "deep_learning",
        "aliases": ["language models"],
    },
    {
        "id": "cnn",
        "name": "Convolutional neural networks",
        "category": "deep_learning",
        "aliases": ["CNN", "ConvNet"],
        "implies": ["neural_networks"],
    },
    {
        "id": "neural_networks",
        "name": "Neural networks",
        "category": "deep_learning",
        "aliases": ["neural nets"],
        "implies": ["deep_learning"],
        "ambiguous": [{"term": "ANN", "accept": ["list", "cue"], "cues": ["neural", "network"]}],
    },
    {
        "id": "computer_vision",
        "name": "Computer vision",
        "category": "deep_learning",
        "aliases": ["machine vision"],
        "ambiguous": [
            {
                "term": "CV",
                "accept": ["cue", "list"],
                "cues": ["image", "images", "vision", "OpenCV", "detection"],
                "reject": ["CV template"],
            }
        ],
    },
    {
        "id": "software_testing",
        "name": "Software testing",
        "category": "deployment_mlops",
        "aliases": ["unit testing", "regression testing"],
    },
    {
        "id": "rest_apis",
        "name": "REST APIs",
        "category": "deployment_mlops",
        "aliases": ["RESTful API"],
        "ambiguous": [
            {"term": "REST", "accept": ["cue", "list"], "cues": ["API", "APIs", "endpoint"]}
        ],
    },
    {
        "id": "ci_cd",
        "name": "CI/CD",
        "category": "deployment_mlops",
        "aliases": ["continuous integration"],
    },
    {
        "id": "excel",
        "name": "Microsoft Excel",
        "category": "libraries_frameworks",
        "aliases": ["MS Excel"],
        "ambiguous": [
            {
                "term": "Excel",
                "accept": ["list", "cue", "skills_section"],
                "cues": ["spreadsheet", "spreadsheets", "VBA", "pivot"],
            }
        ],
    },
    {
        "id": "apache_pig",
        "name": "Apache Pig",
        "category": "cloud",
        "aliases": ["Pig Latin"],
        "ambiguous": [{"term": "Pig", "accept": ["list", "cue"], "cues": ["Hadoop", "Hive"]}],
    },
    {
        "id": "apache_hive",
        "name": "Apache Hive",
        "category": "cloud",
        "ambiguous": [{"term": "Hive", "accept": ["list", "cue"], "cues": ["Hadoop", "SQL"]}],
    },
    {
        "id": "masters",
        "name": "Master's degree",
        "category": "soft_skills",
        "aliases": ["master's", "MSc", "M.S."],
        "ambiguous": [{"term": "MS", "accept": ["cue"], "cues": ["in", "degree", "University"]}],
    },
]


@lru_cache(maxsize=1)
def mini_taxonomy() -> Taxonomy:
    return load_taxonomy(FIXTURES / "mini_taxonomy.yaml")


@lru_cache(maxsize=1)
def trap_taxonomy() -> Taxonomy:
    data = yaml.safe_load((FIXTURES / "mini_taxonomy.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for extra in EXTRA_SKILLS:
        data["skills"].append({"stage": "practical", "provenance": {}, **extra})
    return parse(data, source="trap.yaml", digest="trap-taxonomy-for-tests")


@lru_cache(maxsize=1)
def builtin_taxonomy() -> Taxonomy:
    return load_taxonomy()


def detector(taxonomy: Taxonomy | None = None) -> Detector:
    return get_detector(taxonomy or trap_taxonomy())


def section(
    kind: str,
    *texts: str,
    document: str = "resume.pdf",
    role: str = "resume",
    first_line: int = 1,
    page: int = 1,
) -> Section:
    lines = tuple(Line(text=text, page=page, number=first_line + i) for i, text in enumerate(texts))
    return Section(
        kind=kind, heading=kind.title(), lines=lines, document=document, document_role=role
    )


def found_ids(detection: Detection, *, explicit_only: bool = True) -> set[str]:
    return {s.id for s in detection.skills if s.explicit or not explicit_only}


def text_ids(text: str, taxonomy: Taxonomy | None = None) -> set[str]:
    return found_ids(detector(taxonomy).detect_text(text))


def skills_line_ids(text: str, taxonomy: Taxonomy | None = None) -> set[str]:
    """Skills found when `text` is a line of a Skills section."""
    return found_ids(detector(taxonomy).detect([section("skills", text)]))
