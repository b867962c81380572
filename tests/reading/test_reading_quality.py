"""Garbled or unreadable text is named, never scored (gapcheck.reading.quality).

Made-up resume text is garbled the ways real PDFs garble it: every letter shifted by
the same number of places (a font whose map is off by a few codes: "Vrxudek Edmdm"),
letters scrambled, "(cid:N)" placeholders pasted into a text file, and a scanned page
with only a stamp of real text on it. Each is refused with its reason, by both PDF
engines where it is a PDF. Made-up resume text in thirteen Latin-script languages and
the real resumes of the corpora (when ../shared is present) read as text.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from gapcheck.errors import UnreadableError
from gapcheck.reading import quality, read_bytes, read_document
from tests.support import pdfgen

ENGINES = ("pdfminer", "pdfium")
SHARED = Path(__file__).resolve().parents[3] / "shared"
REAL_RESUMES = sorted((SHARED / "corpus").glob("*.pdf")) + sorted(
    (SHARED / "corpus2").glob("*.pdf")
)

RESUME_LINES = [
    "Sourabh Bajaj",
    "sourabh@example.com",
    "Experience",
    "Machine Learning Engineer at Example Labs, 2021 to 2024",
    "Built ranking models for search and trained them on large data sets",
    "Deployed the models with Docker and Kubernetes and monitored their quality",
    "Worked with product managers to choose the features customers needed most",
    "Education",
    "Master of Science in Computer Science, Example University",
    "Skills",
    "Python, SQL, PyTorch, statistics, experiment design and clear writing",
]


def shifted(text: str, places: int) -> str:
    def shift(ch: str) -> str:
        for first in ("a", "A"):
            if first <= ch <= chr(ord(first) + 25):
                return chr(ord(first) + (ord(ch) - ord(first) + places) % 26)
        return ch

    return "".join(shift(ch) for ch in text)


def _read_text(text: str, name: str = "resume.txt") -> object:
    return read_bytes(text.encode("utf-8"), name)


# --------------------------------------------------------------------------- shifted letters


def test_shifted_example_from_the_brief() -> None:
    assert shifted("Sourabh Bajaj", 3) == "Vrxudek Edmdm"


@pytest.mark.parametrize("places", range(1, 26))
def test_every_shift_of_the_alphabet_is_refused(places: int) -> None:
    text = "\n".join(shifted(line, places) for line in RESUME_LINES)
    with pytest.raises(UnreadableError, match="text looks garbled") as caught:
        _read_text(text)
    assert f"shifted by {places} places" in caught.value.problem


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shifted_alphabet_font_is_refused_by_both_engines(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_shifted_font(tmp_path / "shifted.pdf", RESUME_LINES, shift=3)
    document_text = None
    with pytest.raises(UnreadableError) as caught:
        document_text = read_document(path, engine=engine)
    assert document_text is None
    assert "map every letter to another" in caught.value.problem
    assert "shifted by 3 places" in caught.value.problem
    assert "export it again" in caught.value.advice


@pytest.mark.parametrize("seed", range(10))
def test_scrambled_alphabets_are_refused(seed: int) -> None:
    generator = random.Random(seed)  # noqa: S311 - a seeded scramble, not cryptography
    letters = list(string.ascii_lowercase)
    generator.shuffle(letters)
    table = str.maketrans(string.ascii_lowercase, "".join(letters))
    text = "\n".join(line.lower().translate(table) for line in RESUME_LINES)
    with pytest.raises(UnreadableError, match="text looks garbled"):
        _read_text(text)


def test_a_partly_garbled_text_is_used_with_a_warning() -> None:
    """Some of the lines garbled: doubtful, not refused, and the warning says so."""
    real = RESUME_LINES * 2
    scrambled = str.maketrans(string.ascii_lowercase, "qwxzjvkpfbghmnlcdrstyoaieu")
    lines = real + [line.lower().translate(scrambled) for line in RESUME_LINES[3:7]] * 3
    pairs = quality.letter_pairs(lines)
    assert pairs is not None
    assert quality.GARBLED_PAIRS <= pairs.common < quality.DOUBTFUL_PAIRS, pairs
    document = read_bytes("\n".join(lines).encode(), "partly.txt")
    assert any("may be garbled" in w for w in document.diagnostics.warnings)


# --------------------------------------------------------------------------- (cid:N) runs


def test_cid_runs_in_a_text_file_are_refused() -> None:
    garbled = " ".join(f"(cid:{n})" for n in range(40, 90))
    text = "\n".join([RESUME_LINES[0], RESUME_LINES[1], *[garbled] * 6])
    with pytest.raises(UnreadableError, match="cannot be decoded") as caught:
        _read_text(text)
    assert "(cid:72)" in caught.value.problem and "PDF's fonts" not in caught.value.problem


def test_a_few_cid_placeholders_are_counted_and_warned_about() -> None:
    text = "\n".join([*RESUME_LINES, "Tools: " + "(cid:3)" * 40])
    document = read_bytes(text.encode(), "resume.txt")
    assert document.diagnostics.unreadable_share > 0.03
    assert any("could not be decoded" in w for w in document.diagnostics.warnings)


# --------------------------------------------------------------------------- scans


STAMP = "Scanned with ExampleScan - scan.example.com - page 1 of 1"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scan_with_a_57_character_stamp_has_no_usable_text_layer(
    tmp_path: Path, engine: str
) -> None:
    assert len(STAMP) == 57
    path = pdfgen.write_scan_with_stamp(tmp_path / "scan.pdf", STAMP)
    with pytest.raises(UnreadableError) as caught:
        read_document(path, engine=engine)
    problem = caught.value.problem
    assert "no usable text layer" in problem and "57 characters" in problem, problem
    assert "OCR" in caught.value.advice


@pytest.mark.parametrize("engine", ENGINES)
def test_scanned_pages_beside_pages_of_text_are_named_in_a_warning(
    tmp_path: Path, engine: str
) -> None:
    path = pdfgen.write_scan_with_stamp(
        tmp_path / "mixed.pdf", STAMP, pages=1, text_pages=[RESUME_LINES * 3]
    )
    document = read_document(path, engine=engine)
    assert any(w.startswith("page 1 is a scanned image") for w in document.diagnostics.warnings)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_photo_on_a_page_of_text_is_not_a_scan(tmp_path: Path, engine: str) -> None:
    """A page with a full-page background image and real text on it is a page of text."""
    path = pdfgen.write_scan_with_stamp(tmp_path / "photo.pdf", STAMP, behind=RESUME_LINES * 2)
    document = read_document(path, engine=engine)
    assert not any("scanned" in w for w in document.diagnostics.warnings)
    assert document.diagnostics.characters > quality.SCANNED_PAGE_CHARACTERS


def test_scanned_pages_rule() -> None:
    cover, few = quality.SCANNED_IMAGE_COVER, quality.SCANNED_PAGE_CHARACTERS - 1
    assert quality.check_scanned_pages("a.pdf", [2000, 1800], [1.0, 1.0]) is None
    assert quality.check_scanned_pages("a.pdf", [few], [cover - 0.01]) is None
    with pytest.raises(UnreadableError, match=f"only {few} characters"):
        quality.check_scanned_pages("a.pdf", [few], [cover])
    warning = quality.check_scanned_pages("a.pdf", [2000, 10, 12], [0.0, 0.9, 0.9])
    assert warning is not None and warning.startswith("pages 2, 3 are scanned images")


# --------------------------------------------------------------------------- real text


LANGUAGES = {
    "de": "Berufserfahrung: Softwareentwicklerin bei einer Firma in Berlin. Entwicklung und "
    "Wartung von Webanwendungen mit Java und Python. Verantwortlich für die Datenbanken und "
    "die Zusammenarbeit mit dem Vertrieb. Ausbildung: Studium der Informatik an der "
    "Technischen Universität München. Kenntnisse: Maschinelles Lernen, Datenanalyse.",
    "es": "Experiencia profesional como ingeniera de datos en una empresa de Madrid. Desarrollo "
    "de modelos de aprendizaje automático y análisis de datos con Python. Responsable de la "
    "migración de la base de datos y de la formación del equipo. Formación académica: Grado "
    "en Ingeniería Informática. Idiomas: español nativo, inglés avanzado.",
    "fr": "Expérience professionnelle : développeur logiciel dans une entreprise à Lyon. "
    "Conception et développement d'applications web avec Java et JavaScript. Responsable de "
    "la qualité du code et de l'intégration continue. Formation : Master en informatique, "
    "Université de Lyon. Compétences : apprentissage automatique, gestion de projet.",
    "pt": "Experiência profissional como analista de dados numa empresa em São Paulo. "
    "Desenvolvimento de relatórios e painéis com Python e SQL. Responsável pela automação de "
    "processos e pela formação da equipa. Formação académica: Licenciatura em Estatística, "
    "Universidade de São Paulo. Competências: aprendizagem automática, comunicação.",
    "it": "Esperienza lavorativa come ingegnere del software presso un'azienda di Milano. "
    "Sviluppo di applicazioni web e servizi con Python e Go. Responsabile della progettazione "
    "dei sistemi e della formazione dei colleghi. Istruzione: Laurea magistrale in Ingegneria "
    "Informatica, Politecnico di Milano. Competenze: apprendimento automatico.",
    "nl": "Werkervaring als data-analist bij een bedrijf in Amsterdam. Ontwikkeling van "
    "rapportages en dashboards met Python en SQL. Verantwoordelijk voor de kwaliteit van de "
    "gegevens en de samenwerking met klanten. Opleiding: Master Informatica, Universiteit van "
    "Amsterdam. Vaardigheden: machine learning, projectmanagement, Engels vloeiend.",
    "pl": "Doświadczenie zawodowe: programista w firmie w Krakowie. Tworzenie aplikacji "
    "internetowych w językach Python i Java. Odpowiedzialny za utrzymanie baz danych i "
    "współpracę z klientami. Wykształcenie: magister informatyki, Uniwersytet Jagielloński w "
    "Krakowie. Umiejętności: uczenie maszynowe, analiza danych, zarządzanie projektami.",
    "cs": "Pracovní zkušenosti: vývojář softwaru ve společnosti v Praze. Vývoj webových "
    "aplikací v jazycích Python a Java. Zodpovědný za správu databází a spolupráci se "
    "zákazníky. Vzdělání: magisterský titul z informatiky, Univerzita Karlova v Praze. "
    "Dovednosti: strojové učení, analýza dat, řízení projektů, angličtina plynně.",
    "tr": "İş deneyimi: İstanbul'da bir şirkette yazılım mühendisi. Python ve Java ile web "
    "uygulamaları geliştirme. Veritabanlarının yönetiminden ve müşterilerle iletişimden "
    "sorumlu. Eğitim: Bilgisayar Mühendisliği yüksek lisans, Boğaziçi Üniversitesi. "
    "Yetenekler: makine öğrenmesi, veri analizi, proje yönetimi, İngilizce ileri seviye.",
    "fi": "Työkokemus: ohjelmistokehittäjä yrityksessä Helsingissä. Verkkosovellusten "
    "kehittäminen Pythonilla ja Javalla. Vastuussa tietokantojen ylläpidosta ja "
    "asiakasyhteistyöstä. Koulutus: diplomi-insinööri, tietotekniikka, Aalto-yliopisto. "
    "Taidot: koneoppiminen, data-analyysi, projektinhallinta, englanti sujuva, ruotsi hyvä.",
    "vi": "Kinh nghiệm làm việc: kỹ sư phần mềm tại một công ty ở Hà Nội. Phát triển ứng dụng "
    "web bằng Python và Java. Chịu trách nhiệm quản lý cơ sở dữ liệu và làm việc với khách "
    "hàng. Học vấn: Thạc sĩ Khoa học Máy tính, Đại học Bách khoa Hà Nội. Kỹ năng: học máy, "
    "phân tích dữ liệu, quản lý dự án, tiếng Anh thành thạo.",
    "sw": "Uzoefu wa kazi: mhandisi wa programu katika kampuni moja jijini Nairobi. "
    "Kutengeneza programu za mtandao kwa kutumia Python na Java. Kuwajibika kwa usimamizi wa "
    "hifadhidata na kushirikiana na wateja. Elimu: Shahada ya Uzamili katika Sayansi ya "
    "Kompyuta, Chuo Kikuu cha Nairobi. Ujuzi: kujifunza kwa mashine, uchambuzi wa data.",
    "hu": "Szakmai tapasztalat: szoftverfejlesztő egy budapesti cégnél. Webes alkalmazások "
    "fejlesztése Python és Java nyelven. Felelős az adatbázisok karbantartásáért és az "
    "ügyfelekkel való együttműködésért. Tanulmányok: mérnökinformatikus mesterképzés, "
    "Budapesti Műszaki Egyetem. Készségek: gépi tanulás, adatelemzés, projektmenedzsment.",
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_resume_text_in_other_languages_reads_as_text(language: str) -> None:
    text = f"{LANGUAGES[language]}\n{LANGUAGES[language]}"  # enough words to judge
    pairs = quality.letter_pairs(text.splitlines())
    assert pairs is not None and not pairs.shifted
    assert pairs.common >= quality.DOUBTFUL_PAIRS, (language, pairs)
    document = read_bytes(text.encode(), f"cv-{language}.txt")
    assert not any("garbled" in w for w in document.diagnostics.warnings)


def test_other_scripts_are_not_judged_by_letter_pairs() -> None:
    assert quality.letter_pairs(["Опыт работы: инженер-программист в компании " * 10]) is None
    assert quality.letter_pairs(["機械学習エンジニア、データ分析、Python " * 10]) is None


def test_too_few_words_are_not_judged() -> None:
    assert quality.letter_pairs(["Vrxudek Edmdm"]) is None


@pytest.mark.corpus
@pytest.mark.skipif(len(REAL_RESUMES) < 47, reason=f"the real corpora are not at {SHARED}")
@pytest.mark.parametrize("path", REAL_RESUMES, ids=[p.name for p in REAL_RESUMES])
def test_real_resumes_read_as_text_with_margin(path: Path) -> None:
    document = read_document(path)
    assert not any("garbled" in w or "scanned" in w for w in document.diagnostics.warnings)
    pairs = quality.letter_pairs(line.text for line in document.lines)
    assert pairs is not None and not pairs.shifted
    assert pairs.common >= quality.GARBLED_PAIRS + 0.3, pairs
