"""Reading order from geometry alone, on hand-placed fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck.reading.columns import Fragment, group_rows, order_page, split_header


def _fragment(
    text: str, x0: float, y: float, width: float | None = None, size: float = 10
) -> Fragment:
    width = width if width is not None else 5.0 * len(text)
    return Fragment(text, x0, y, x0 + width, y + size, size=size)


def _texts(fragments: list[Fragment], **options: object) -> list[str]:
    order = order_page(fragments, **options)  # type: ignore[arg-type]
    return [" ".join(f.text for f in row.fragments) for row in order.rows]


def test_rows_join_pieces_of_one_line_left_to_right() -> None:
    pieces = [
        _fragment("2019 - 2021", 480, 700),
        _fragment("Data Scientist, Acme", 50, 700, size=11),
        _fragment("Built models", 60, 686),
    ]
    assert [" ".join(f.text for f in row.fragments) for row in group_rows(pieces)] == [
        "Data Scientist, Acme 2019 - 2021",
        "Built models",
    ]


def test_a_tall_name_does_not_chain_two_rows_of_contact_lines() -> None:
    header = [
        _fragment("phone 555", 40, 740),
        _fragment("site.example", 460, 740),
        _fragment("Alex Example", 230, 724, size=25),
        _fragment("city, state", 40, 727),
        _fragment("github.com/alex", 460, 727),
    ]
    rows = [" ".join(f.text for f in row.fragments) for row in group_rows(header)]
    assert rows == ["phone 555 site.example", "city, state Alex Example github.com/alex"]


def _column(texts: list[str], x0: float, top: float, width: float = 200.0) -> list[Fragment]:
    return [_fragment(text, x0, top - 13 * i, width) for i, text in enumerate(texts)]


def test_independent_columns_are_read_left_then_right_below_the_header() -> None:
    header = [
        _fragment("Alex Example", 200, 780, 200, size=20),
        _fragment("alex@example.com", 200, 760, 150),
    ]
    left = _column([f"left {i}" for i in range(12)], 50, 700, 240)
    right = _column([f"right {i}" for i in range(10)], 320, 700, 200)
    texts = _texts(header + left + right, first_page=True)
    assert texts == [
        "Alex Example",
        "alex@example.com",
        *[f"left {i}" for i in range(12)],
        *[f"right {i}" for i in range(10)],
    ]
    assert order_page(header + left + right, first_page=True).columns == 2


def test_a_footer_across_the_gutter_closes_the_columns() -> None:
    left = _column([f"left {i}" for i in range(8)], 50, 700, 240)
    right = _column([f"right {i}" for i in range(8)], 320, 700, 200)
    footer = [_fragment("page 1 of 2 and a long footer line", 50, 60, 470)]
    texts = _texts(left + right + footer)
    assert texts[-1] == "page 1 of 2 and a long footer line"
    assert texts[:8] == [f"left {i}" for i in range(8)]


def test_text_crossing_between_two_column_parts_means_one_column_with_tables() -> None:
    top_left = _column(["Python", "SQL", "Spark"], 50, 700, 100)
    top_right = _column(["Docker", "Kubernetes", "AWS"], 320, 700, 100)
    paragraph = [
        _fragment("A sentence of running text across the whole width of the page", 50, 640, 470)
    ]
    bottom_left = _column(["Prize one", "Prize two"], 50, 610, 100)
    bottom_right = _column(["Prize three", "Prize four"], 320, 610, 100)
    fragments = top_left + top_right + paragraph + bottom_left + bottom_right
    assert order_page(fragments).layout == "single-column"
    assert _texts(fragments)[:3] == ["Python Docker", "SQL Kubernetes", "Spark AWS"]


def test_flush_right_margin_labels_stay_with_their_rows() -> None:
    fragments: list[Fragment] = []
    y = 700.0
    for heading, items in (("Experience", 5), ("Skills", 3), ("Education", 2)):
        width = 7.0 * len(heading)
        fragments.append(_fragment(heading, 150 - width, y, width, size=13))
        for i in range(items):
            fragments.append(_fragment(f"{heading} item {i}", 170, y - 14 * i, 300))
        y -= 14 * items + 20
    texts = _texts(fragments)
    assert texts[:2] == ["Experience", "Experience item 0"]
    assert texts.index("Skills") == texts.index("Skills item 0") - 1
    assert order_page(fragments).layout == "single-column"


def test_the_header_block_is_split_at_the_widest_white_band() -> None:
    header = [_fragment("Alex Example", 50, 780, size=20), _fragment("contact line", 50, 762)]
    body = _column([f"body {i}" for i in range(20)], 50, 720)
    top, rest = split_header(header + body)
    assert [f.text for f in top] == ["Alex Example", "contact line"]
    assert len(rest) == 20


FRAGMENTS = st.lists(
    st.builds(
        _fragment,
        st.sampled_from(["a", "word", "longer words here", "x" * 30]),
        st.floats(min_value=0, max_value=500),
        st.floats(min_value=0, max_value=800),
        st.one_of(st.none(), st.floats(min_value=1, max_value=300)),
        st.sampled_from([8.0, 10.0, 14.0]),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(FRAGMENTS, st.booleans())
def test_every_fragment_is_read_exactly_once(fragments: list[Fragment], first_page: bool) -> None:
    order = order_page(fragments, first_page=first_page)
    seen = [id(f) for row in order.rows for f in row.fragments]
    assert sorted(seen) == sorted(id(f) for f in fragments)
    assert order.layout in ("single-column", "two-column", "sidebar")
    assert all(row.column in (0, 1, 2) for row in order.rows)
