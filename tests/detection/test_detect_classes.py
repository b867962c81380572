"""Classes of wording found on resumes nobody on the team had seen, each with its rule.

Every sentence here is made up. Each class has wordings that must count and wordings of
the same shape in another sense that must not, so that no test passes by finding
nothing, and none by naming one file's phrase. Built-in taxonomy throughout.
"""

from __future__ import annotations

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.detection.hands_on import hands_on_items, with_hands_on_skills
from gapcheck.detection.strength import planned
from gapcheck.records import Detection
from tests.support.detect_helpers import builtin_taxonomy, section


def _ids(detection: Detection) -> set[str]:
    return {s.id for s in detection.skills if s.explicit}


def found(text: str, kind: str = "experience") -> set[str]:
    return _ids(get_detector(builtin_taxonomy()).detect([section(kind, text)]))


# (class, line, skill id that must be found)
COUNTS: list[tuple[str, str, str]] = [
    # singular of a one-word plural the taxonomy writes
    ("singular", "Designed the schema of a PostgreSQL database for billing", "databases"),
    ("singular", "Wrote a greedy algorithm for scheduling and sorting jobs", "algorithms"),
    ("singular", "Combined the XGBoost and LightGBM models in an ensemble", "ensemble_methods"),
    # families of names
    ("family", "Bayesian inference for demand curves", "statistics"),
    ("family", "Bayesian modelling of churn", "statistics"),
    ("family", "Set up distributed training on eight GPUs", "scalable_ml_systems"),
    ("family", "Experienced in distributed systems", "distributed_computing"),
    ("family", "Stacked gradient boosting with ensemble techniques", "ensemble_methods"),
    ("family", "Maintained ETL pipelines for finance", "data_pipelines"),
    # coordination ellipsis
    ("ellipsis", "Supervised and unsupervised learning on sensor data", "supervised_learning"),
    ("ellipsis", "Supervised/Unsupervised Learning", "supervised_learning"),
    ("ellipsis", "Owned model training and evaluation for the ranker", "model_evaluation"),
    ("ellipsis", "Built data/ETL pipelines in Airflow", "data_pipelines"),
    ("ellipsis", "Linear and logistic regression in R", "linear_regression"),
    # a personal GitHub Pages site
    ("github.io", "Portfolio: https://jdoe42.github.io/", "github"),
    # a tool whose use is the broader skill
    ("tool", "Event handlers on AWS Lambda and Azure Functions", "serverless"),
    ("tool", "AWS (S3, Lambda, API Gateway)", "serverless"),
    ("tool", "Automated backups with Bash scripts", "linux"),
    ("tool", "Face blurring with OpenCV", "computer_vision"),
    ("tool", "Tokenised reviews with NLTK and spaCy", "text_preprocessing"),
    ("tool", "Sales reports in Power BI", "data_visualization"),
    ("tool", "Prototyped in Google Colab", "jupyter"),
    ("tool", "Hosted the API on AWS", "cloud_platforms"),
    # a generic skill ending a longer term of another skill
    ("nested", "Deep Neural Networks for speech", "neural_networks"),
    ("nested", "Products built on Large Language Models", "language_modeling"),
    ("nested", "Migrated batch jobs to Google Cloud", "cloud_platforms"),
    ("nested", "Implementing a Convolutional Neural Network on an FPGA", "neural_networks"),
    # the first item after a skills table's row label
    ("row label", "Programming Go, Python, SQL", "go"),
    # lowercase acronyms in an all-lowercase list
    ("lowercase", "tools: python, sql, aws, gcp", "sql"),
    ("lowercase", "tools: python, sql, aws, gcp", "aws"),
    # one rule for both spellings
    ("spelling", "Convex optimisation and numerical solvers", "optimization"),
    ("spelling", "Convex optimization and numerical solvers", "optimization"),
    # the senses that still count
    ("sense", "Trained neural networks in PyTorch", "neural_networks"),
    ("sense", "Customer clustering with k-means", "clustering"),
    ("sense", "Built a text classification model with BERT", "classification"),
    ("sense", "Deployed ML models to production behind an API", "model_deployment"),
    ("sense", "Interactive dashboards in Tableau for sales KPIs", "data_visualization"),
    ("sense", "NLP, computer vision and DL research", "deep_learning"),
    ("sense", "Built a RAG pipeline over support documents with LangChain", "generative_ai"),
    ("sense", "Reduced the MSE of the forecast by 20%", "model_evaluation"),
    ("sense", "Regression testing of the web app with Selenium", "software_testing"),
    ("sense", "Won a Kaggle competition on churn", "kaggle"),
    ("sense", "Scaled data collection with Scrapy crawlers", "data_pipelines"),
    # a list of one: the line is nothing but the item (a posting's or a list's bullet)
    ("sole item", "- Python", "python"),
    ("sole item", "• Spark 3", "spark"),
    ("sole item", "Excel", "spreadsheets"),
]

# (class, line, skill id that must not be found)
NEVER: list[tuple[str, str, str]] = [
    ("singular", "Updated the client database every Friday", "databases"),
    ("singular", "Played viola in a chamber ensemble", "ensemble_methods"),
    ("singular", "Tutored undergraduates in economics", "bachelors"),
    ("organisation", "Account Manager, Spark Energy Ltd, 2018 – 2021", "spark"),
    ("organisation", "HVAC Technician, Airflow Heating & Cooling, 2015 – 2020", "data_pipelines"),
    ("organisation", "Analyst at Acme AI Labs, 2019 – 2021", "artificial_intelligence"),
    ("organisation", "Intern, Kotoba AI, 2023", "artificial_intelligence"),
    ("acronym", "Full UK DL, clean licence", "deep_learning"),
    ("acronym", "CV available on request", "computer_vision"),
    ("acronym", "Member of the SOA; passed two SOA exams", "microservices"),
    ("acronym", "Certified NLP Practitioner for executive coaching", "nlp"),
    ("acronym", "Sent RAG status reports every Friday", "generative_ai"),
    ("acronym", "Enrolled in an integrated BSE/MSE degree programme", "model_evaluation"),
    ("verb", "Architected the new office layout", "system_design"),
    ("verb", "Drew the system architecture of the heating plant", "system_design"),
    ("generic", "Performance monitoring of the sales team", "model_monitoring"),
    ("generic", "Rolled out the payroll system to production environments", "model_deployment"),
    ("generic", "Cleaned the dashboards of 30 vehicles a day", "data_visualization"),
    ("generic", "Data engineering team offsite planning", "data_pipelines"),
    ("software", "Deployed the web app to production with Docker", "model_deployment"),
    ("software", "Served customers via a custom booking API", "model_deployment"),
    ("records", "Configured server clustering for high availability", "clustering"),
    ("records", "Ran hardware regression testing on relay boards", "software_testing"),
    ("records", "Records classification and retention schedules", "classification"),
    ("records", "Recorded neural networks in hippocampal slices", "neural_networks"),
    ("records", "Installed sensors for accurate data collection on site", "data_pipelines"),
    ("misspelling", "Modelled it in Mathematica", "mathematics"),
    ("misspelling", "Rendered scenes with OpenGL", "cuda"),
    ("misspelling", "Sped up loops with Cython", "python"),
    ("misspelling", "fastai for the image models", "online_courses"),
    ("plan", "Next 6 months: CUDA, TensorRT", "cuda"),
    ("plan", "I want to try LoRA on a small model", "generative_ai"),
    ("plan", "Learning goals: Rust and Kubernetes", "kubernetes"),
    ("hackathon", "Won a quiz competition and a sports hackathon", "kaggle"),
    ("nested hyphen", "Self-supervised learning for audio", "supervised_learning"),
    ("nested", "Logistic regression for churn", "regression"),
    ("leadership", "Sent weekly reports to the leadership team", "leadership"),
    # the same words with anything else on the line are not a list of one
    ("sole item", "- Python enthusiast since childhood, keeps a pet python", "python"),
    ("sole item", "Spark the conversation", "spark"),
    ("sole item", "Excel at customer service", "spreadsheets"),
]


@pytest.mark.parametrize(("kind", "line", "skill_id"), COUNTS)
def test_wording_counts(kind: str, line: str, skill_id: str) -> None:
    assert skill_id in found(line), (kind, line)


@pytest.mark.parametrize(("kind", "line", "skill_id"), NEVER)
def test_wording_in_another_sense_does_not(kind: str, line: str, skill_id: str) -> None:
    assert skill_id not in found(line), (kind, line)


def test_powershell_is_a_shell_but_not_unix() -> None:
    assert found("Wrote PowerShell scripts") & {"shell_scripting", "linux"} == {"shell_scripting"}


def test_a_tool_gives_its_field_as_an_alias_never_as_the_name() -> None:
    detection = get_detector(builtin_taxonomy()).detect([section("experience", "Used OpenCV")])
    vision = next(s for s in detection.skills if s.id == "computer_vision")
    assert (vision.explicit, vision.evidence[0].method, vision.evidence[0].matched) == (
        True,
        "alias",
        "OpenCV",
    )


def test_the_tool_list_part_of_an_entry_line_still_counts() -> None:
    assert "databricks" in found("Data Scientist | Databricks | 2020 – 2022")
    assert "machine_learning" in found("Machine Learning Engineer, Acme Ltd, 2020 – 2023")


def test_a_plan_ends_only_the_mentions_after_it() -> None:
    assert found("Python and SQL daily. Next 6 months: CUDA") >= {"python", "sql"}
    assert planned("want to try LoRA") is not None
    assert planned("Tried LoRA on Llama 3") is None


def test_a_hackathon_is_on_the_checklist_but_is_not_kaggle() -> None:
    taxonomy = builtin_taxonomy()
    sections = [section("experience", "Won the city robotics hackathon and a quiz competition")]
    detection = get_detector(taxonomy).detect(sections)
    items = hands_on_items(sections, detection, taxonomy)
    assert next(i for i in items if i.id == "competitions").present
    assert "kaggle" not in _ids(with_hands_on_skills(detection, items, sections, taxonomy))


def test_an_all_caps_skills_line_reads_as_names() -> None:
    assert found("JAVA, SQL, PYTHON", "skills") >= {"java", "sql", "python"}
