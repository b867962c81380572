"""Grouping a document's lines into sections under their headings.

A heading is found by what it says and how it looks:

1. its words: a vocabulary of heading names in English, Spanish, French, German and
   Portuguese ("Work History", "Formación", "Compétences", "Berufserfahrung") maps
   onto the section kinds below. A line that is exactly a heading name is a heading
   (unless the document styles its headings and this line is styled like body text:
   then it is a label inside a section, such as "Languages" in a skills table);
2. its style: once the vocabulary has found the document's headings, every short line
   styled the same way (same font, size and capitals) is a heading too, whatever it
   says: "Life Philosophy" becomes a section of kind "other" instead of being glued to
   the section above it;
3. a short, visibly styled line (bold, capitals or larger than body text) that
   contains a heading word ("Relevant Projects", "SKILLS & TOOLS").

Lines before the first heading are the header (name and contact block). Every line
lands in exactly one section; the heading line itself is the section's `heading`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.records import Document, Line, Section

SECTION_KINDS = (
    "header",
    "summary",
    "experience",
    "projects",
    "skills",
    "education",
    "certifications",
    "publications",
    "courses",
    "awards",
    "interests",
    "learning",
    "volunteering",
    "languages",
    "research",
    "other",
)

# Heading phrases by kind, written without accents (matching is accent-blind). Where
# phrases overlap, the longer one decides ("volunteer experience" is volunteering).
_VOCABULARY: dict[str, tuple[str, ...]] = {
    "header": (
        "contact",
        "contact information",
        "contact details",
        "contact info",
        "personal information",
        "personal details",
        "personal data",
        "links",
        "socials",
        "social",
        "find me",
        "contacto",
        "datos personales",
        "informacion personal",
        "coordonnees",
        "informations personnelles",
        "kontakt",
        "kontaktdaten",
        "personliche daten",
        "angaben zur person",
        "contato",
        "dados pessoais",
        "informacoes pessoais",
    ),
    "summary": (
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "career profile",
        "personal profile",
        "objective",
        "career objective",
        "objectives",
        "about",
        "about me",
        "personal statement",
        "overview",
        "introduction",
        "bio",
        "who i am",
        "highlights",
        "summary of qualifications",
        "qualifications summary",
        "resumen",
        "resumen profesional",
        "perfil",
        "perfil profesional",
        "sobre mi",
        "acerca de mi",
        "objetivo",
        "objetivo profesional",
        "profil",
        "profil professionnel",
        "a propos",
        "a propos de moi",
        "objectif",
        "resume",
        "zusammenfassung",
        "profil",
        "kurzprofil",
        "uber mich",
        "berufsziel",
        "resumo",
        "perfil profissional",
        "sobre mim",
        "resumo profissional",
    ),
    "experience": (
        "experience",
        "experiences",
        "work experience",
        "professional experience",
        "relevant experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "career",
        "professional background",
        "positions",
        "positions held",
        "internships",
        "internship",
        "internship experience",
        "industry experience",
        "work",
        "teaching",
        "teaching experience",
        "professional history",
        "jobs",
        "leadership experience",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "historial laboral",
        "trayectoria profesional",
        "practicas",
        "experience professionnelle",
        "experiences professionnelles",
        "parcours professionnel",
        "stages",
        "berufserfahrung",
        "erfahrung",
        "berufliche erfahrung",
        "praktische erfahrung",
        "beruflicher werdegang",
        "werdegang",
        "praktika",
        "experiencia profissional",
        "historico profissional",
        "estagios",
    ),
    "projects": (
        "projects",
        "project",
        "personal projects",
        "selected projects",
        "academic projects",
        "side projects",
        "key projects",
        "technical projects",
        "project experience",
        "relevant projects",
        "open source",
        "open source contributions",
        "open source projects",
        "portfolio",
        "proyectos",
        "proyectos personales",
        "projets",
        "projets personnels",
        "projekte",
        "projekterfahrung",
        "projetos",
        "projetos pessoais",
    ),
    "skills": (
        "skills",
        "skill",
        "technical skills",
        "core skills",
        "key skills",
        "hard skills",
        "soft skills",
        "skills and tools",
        "tools",
        "technologies",
        "tech stack",
        "toolbox",
        "competencies",
        "core competencies",
        "technical competencies",
        "competences",
        "expertise",
        "areas of expertise",
        "technical proficiencies",
        "proficiencies",
        "programming languages",
        "programming",
        "computer skills",
        "it skills",
        "strengths",
        "skills summary",
        "technical expertise",
        "habilidades",
        "habilidades tecnicas",
        "competencias",
        "conocimientos",
        "conocimientos tecnicos",
        "aptitudes",
        "herramientas",
        "competences techniques",
        "competences cles",
        "savoir faire",
        "outils",
        "kenntnisse",
        "fahigkeiten",
        "fachkenntnisse",
        "it kenntnisse",
        "edv kenntnisse",
        "kompetenzen",
        "technische kenntnisse",
        "habilidades tecnicas",
        "competencias tecnicas",
        "conhecimentos",
        "ferramentas",
    ),
    "education": (
        "education",
        "academic background",
        "academics",
        "education and training",
        "educational background",
        "academic qualifications",
        "qualifications",
        "studies",
        "degrees",
        "university",
        "educacion",
        "formacion",
        "formacion academica",
        "estudios",
        "titulacion",
        "formation",
        "education",
        "etudes",
        "diplomes",
        "cursus",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "akademischer werdegang",
        "educacao",
        "formacao",
        "formacao academica",
        "escolaridade",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "certificate",
        "licenses",
        "licences",
        "licenses and certifications",
        "licenses certifications",
        "certifications and licenses",
        "credentials",
        "accreditations",
        "professional certifications",
        "certificaciones",
        "certificados",
        "certificats",
        "zertifikate",
        "zertifizierungen",
        "certificacoes",
    ),
    "publications": (
        "publications",
        "publication",
        "selected publications",
        "papers",
        "research papers",
        "patents",
        "presentations",
        "presentation",
        "talks",
        "invited talks",
        "conference talks",
        "selected talks",
        "writing",
        "articles",
        "blog posts",
        "books",
        "publicaciones",
        "articulos",
        "publications scientifiques",
        "publikationen",
        "veroffentlichungen",
        "vortrage",
        "publicacoes",
    ),
    "courses": (
        "courses",
        "coursework",
        "relevant coursework",
        "relevant courses",
        "training",
        "trainings",
        "online courses",
        "moocs",
        "professional development",
        "continuing education",
        "cursos",
        "cursos relevantes",
        "formacion complementaria",
        "cours",
        "formations",
        "formation continue",
        "kurse",
        "weiterbildung",
        "fortbildung",
        "fortbildungen",
        "schulungen",
        "cursos complementares",
    ),
    "awards": (
        "awards",
        "award",
        "honors",
        "honours",
        "honors and awards",
        "awards and honors",
        "achievements",
        "accomplishments",
        "scholarships",
        "distinctions",
        "recognition",
        "prizes",
        "premios",
        "logros",
        "reconocimientos",
        "distinciones",
        "prix",
        "distinctions",
        "recompenses",
        "auszeichnungen",
        "preise",
        "erfolge",
        "premios",
        "conquistas",
    ),
    "interests": (
        "interests",
        "hobbies",
        "personal interests",
        "hobbies and interests",
        "interests and hobbies",
        "pastimes",
        "intereses",
        "aficiones",
        "pasatiempos",
        "centres d interet",
        "centres d interets",
        "loisirs",
        "interets",
        "interessen",
        "hobbys",
        "freizeit",
        "interesses",
        "passatempos",
    ),
    "learning": (
        "currently learning",
        "learning",
        "in progress",
        "ongoing learning",
        "now learning",
        "what i am learning",
        "currently studying",
        "learning goals",
        "aprendiendo",
        "en apprentissage",
        "en cours",
        "aktuell lerne ich",
        "aprendendo",
    ),
    "volunteering": (
        "volunteering",
        "volunteer",
        "volunteer experience",
        "volunteer work",
        "community service",
        "community involvement",
        "leadership",
        "leadership and activities",
        "activities",
        "extracurricular activities",
        "extracurricular",
        "extracurriculars",
        "involvement",
        "activity",
        "extracurricular activity",
        "campus activities",
        "student activities",
        "campus involvement",
        "on campus involvement",
        "voluntariado",
        "actividades",
        "benevolat",
        "engagement associatif",
        "activites",
        "ehrenamt",
        "ehrenamtliches engagement",
        "engagement",
        "aktivitaten",
        "voluntariado",
        "atividades",
    ),
    "languages": (
        "languages",
        "language",
        "language skills",
        "spoken languages",
        "idiomas",
        "lenguas",
        "langues",
        "competences linguistiques",
        "sprachen",
        "sprachkenntnisse",
        "linguas",
    ),
    "research": (
        "research",
        "research experience",
        "research projects",
        "research interests",
        "thesis",
        "master thesis",
        "masters thesis",
        "bachelor thesis",
        "dissertation",
        "investigacion",
        "experiencia investigadora",
        "recherche",
        "forschung",
        "forschungserfahrung",
        "pesquisa",
    ),
    "other": (
        "references",
        "referees",
        "additional information",
        "additional",
        "miscellaneous",
        "misc",
        "other",
        "others",
        "memberships",
        "affiliations",
        "professional memberships",
        "referencias",
        "informacion adicional",
        "references",
        "divers",
        "referenzen",
        "sonstiges",
        "referencias",
        "informacoes adicionais",
    ),
}

# The words that make a styled line a heading of a kind ("Relevant Projects", "SKILLS &
# TOOLS"), tried left to right so "Research Experience" is research.
_KEYWORDS: dict[str, str] = {
    "experience": "experience",
    "employment": "experience",
    "internships": "experience",
    "internship": "experience",
    "projects": "projects",
    "project": "projects",
    "skills": "skills",
    "skill": "skills",
    "competencies": "skills",
    "technologies": "skills",
    "education": "education",
    "certifications": "certifications",
    "certificates": "certifications",
    "certification": "certifications",
    "licenses": "certifications",
    "publications": "publications",
    "patents": "publications",
    "courses": "courses",
    "coursework": "courses",
    "awards": "awards",
    "honors": "awards",
    "honours": "awards",
    "achievements": "awards",
    "interests": "interests",
    "hobbies": "interests",
    "learning": "learning",
    "volunteer": "volunteering",
    "volunteering": "volunteering",
    "leadership": "volunteering",
    "activities": "volunteering",
    "involvement": "volunteering",
    "languages": "languages",
    "research": "research",
    "activity": "volunteering",
    "extracurricular": "volunteering",
    "talks": "publications",
    "presentations": "publications",
    "thesis": "research",
    "dissertation": "research",
    "teaching": "experience",
    "summary": "summary",
    "profile": "summary",
    "objective": "summary",
    "experiencia": "experience",
    "proyectos": "projects",
    "habilidades": "skills",
    "competencias": "skills",
    "educacion": "education",
    "formacion": "education",
    "certificaciones": "certifications",
    "publicaciones": "publications",
    "cursos": "courses",
    "premios": "awards",
    "idiomas": "languages",
    "experiences": "experience",
    "projets": "projects",
    "competences": "skills",
    "langues": "languages",
    "berufserfahrung": "experience",
    "projekte": "projects",
    "kenntnisse": "skills",
    "ausbildung": "education",
    "sprachen": "languages",
    "projetos": "projects",
    "formacao": "education",
    "educacao": "education",
}

_PHRASES: dict[str, str] = {
    phrase: kind for kind, phrases in _VOCABULARY.items() for phrase in phrases
}
_PHRASES_SQUASHED: dict[str, str] = {
    phrase.replace(" ", ""): kind for phrase, kind in _PHRASES.items()
}
_NON_LETTERS = re.compile(r"[^a-z]+")
_ENUMERATION = re.compile(r"^(?:[0-9]+|[ivx]+|[a-z])[.)]\s+", re.I)
MAX_HEADING_WORDS = 6
MAX_HEADING_CHARS = 48


def normalize_heading(text: str) -> str:
    """Lower-case ASCII words: "Formación Académica:" -> "formacion academica"."""
    text = _ENUMERATION.sub("", text.strip())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("&", " and ").replace("ß", "ss")
    return " ".join(_NON_LETTERS.sub(" ", ascii_text).split())


def heading_kind(text: str) -> str | None:
    """The kind of section a line names exactly ("Work History" -> experience), else None."""
    normal = normalize_heading(text)
    if not normal or len(normal) > MAX_HEADING_CHARS:
        return None
    kind = _PHRASES.get(normal) or _PHRASES_SQUASHED.get(normal.replace(" ", ""))
    if kind is None and normal.endswith(" and"):
        kind = _PHRASES.get(normal[:-4])
    return kind


def keyword_kind(text: str) -> str | None:
    """The kind named by the first heading word in a short line, else None."""
    for word in normalize_heading(text).split():
        if word in _KEYWORDS:
            return _KEYWORDS[word]
    return None


@dataclass(frozen=True)
class _Style:
    font: str
    size: float
    bold: bool
    capitals: bool

    @property
    def known(self) -> bool:
        """Whether the input said anything about type (plain text says nothing)."""
        return bool(self.font) or self.size > 0 or self.bold


def _style(line: Line) -> _Style:
    letters = [ch for ch in line.text if ch.isalpha()]
    capitals = bool(letters) and all(ch.isupper() for ch in letters)
    return _Style(line.font, round(line.size * 2) / 2, line.bold, capitals)


def _is_short(line: Line) -> bool:
    text = line.text.strip()
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith((",", ";", "."))
    )


def _body_size(lines: Sequence[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def find_headings(lines: Sequence[Line]) -> dict[int, str]:
    """Index of each heading line -> its section kind."""
    body_size = _body_size(lines)
    styles = [_style(line) for line in lines]
    body_styles = Counter(styles[i] for i, line in enumerate(lines) if not _is_short(line))

    def stands_out(i: int) -> bool:
        line = lines[i]
        return line.bold or styles[i].capitals or (body_size > 0 and line.size >= body_size * 1.12)

    exact = {
        i: kind
        for i, line in enumerate(lines)
        if _is_short(line) and (kind := heading_kind(line.text))
    }
    heading_styles = Counter(styles[i] for i in exact if stands_out(i))
    # The style most exact headings share; with three or more of them, an exact name
    # set smaller than that is a sub-heading inside a section ("Programming" under
    # "Skills"), not a section of its own.
    main_style, main_count = heading_styles.most_common(1)[0] if heading_styles else (None, 0)
    headings: dict[int, str] = {}
    for i, kind in exact.items():
        # In a document whose headings are styled, an exact name in body style is a
        # label inside a section ("Languages: English, German" in a skills list).
        if heading_styles and not stands_out(i) and styles[i] not in heading_styles:
            continue
        if main_style is not None and main_count >= 3 and styles[i].size < main_style.size - 0.5:
            continue
        headings[i] = kind
    if not headings:
        return headings

    # The document's heading style: shared by at least two exact headings (one when
    # the document only has one), not the style of its running text, and not shared by
    # more other short lines than headings (then it is also the style of entry titles,
    # as in a Word resume setting "Experience" and "Data Scientist, Acme" alike).
    first = min(headings)
    needed = 2 if len(headings) >= 2 else 1
    others = Counter(
        styles[i] for i in range(first, len(lines)) if i not in exact and _is_short(lines[i])
    )
    learned = {
        style
        for style, count in heading_styles.items()
        if count >= needed
        and body_styles[style] <= count
        and others[style] <= count
        and style.known
    }
    for i, line in enumerate(lines):
        if i in headings or i < first or not _is_short(line):
            continue
        if styles[i] in learned:
            headings[i] = keyword_kind(line.text) or "other"
        elif not learned and stands_out(i) and _isolated(lines, i):
            # No heading style to go by: a short styled line whose first or last word
            # is a heading word ("Selected Projects", "SKILLS & TOOLS").
            words = normalize_heading(line.text).split()
            if 0 < len(words) <= 4 and (kind := keyword_kind(f"{words[0]} {words[-1]}")):
                headings[i] = kind
    return headings


def _isolated(lines: Sequence[Line], i: int) -> bool:
    """Alone on its row: a row label beside its content ("Languages | Python, Go") is not."""
    line = lines[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines):
            other = lines[j]
            overlap = min(line.y1, other.y1) - max(line.y0, other.y0)
            height = line.y1 - line.y0
            if other.page == line.page and height > 0 and overlap > 0.5 * height:
                return False
    return True


# Documents recently sectioned and their results: the reader sections each document for
# its warnings, then the pipeline asks again for the same lines (the reader only adds
# warnings, so the lines tuple is the same object), after a whole person (resume and
# portfolio) has been read. Each entry holds its lines, so their id cannot be reused
# while it lives; a small bound keeps a batch from piling entries up.
_RECENT: dict[tuple[int, str, str, str], tuple[tuple[Line, ...], tuple[Section, ...]]] = {}
_RECENT_SIZE = 32


def split_sections(document: Document) -> tuple[Section, ...]:
    """The document's lines grouped under headings; every line in exactly one section."""
    key = (id(document.lines), document.source, document.role, document.kind)
    recent = _RECENT.get(key)
    if recent is not None and recent[0] is document.lines:
        return recent[1]
    result = _split_sections(document)
    if len(_RECENT) >= _RECENT_SIZE:
        _RECENT.clear()
    _RECENT[key] = (document.lines, result)
    return result


def _split_sections(document: Document) -> tuple[Section, ...]:
    lines = document.lines
    if not lines:
        return ()
    headings = find_headings(lines)
    lead_kind = "header" if document.role == "resume" else "projects"
    if not headings:
        # No structure to go by: one section, so nothing is attributed to a wrong kind.
        return (_section("other" if document.role == "resume" else lead_kind, "", lines, document),)
    sections: list[Section] = []
    starts = sorted(headings)
    if starts[0] > 0:
        sections.append(_section(lead_kind, "", lines[: starts[0]], document))
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        sections.append(_section(headings[start], lines[start].text, body, document))
    return tuple(sections)


def _section(kind: str, heading: str, lines: Sequence[Line], document: Document) -> Section:
    return Section(
        kind=kind,
        heading=heading,
        lines=tuple(lines),
        document=document.source,
        document_role=document.role,
    )
