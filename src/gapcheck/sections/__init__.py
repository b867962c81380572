"""The sections stage: a document's lines grouped into sections under their headings.

- `split.py`: `split_sections` (the sections of a document) and `sectioned` (the same,
  plus the document with its section warnings added: what the pipeline runs);
  `find_headings` finds the heading lines by their words and their style.
- `headings.py`: the heading vocabulary, read from the data file `headings.tsv`:
  `heading_kind`, `keyword_kind`, `normalize_heading` and `SECTION_KINDS`.
- `warnings.py`: warnings a resume's sections call for ("no section headings found",
  "no Skills section found").
"""
