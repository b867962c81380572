"""The report's stylesheet: readable contrast in both themes, nothing loaded from outside."""

from __future__ import annotations

import re

import pytest

from gapcheck.support.resources import templates_dir

# (foreground, background) colour variables that the stylesheet puts text on.
TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "surface"),
    ("text", "surface-2"),
    ("text", "caution-bg"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("muted", "surface-2"),
    ("accent", "bg"),
    ("accent", "surface"),
    ("accent", "accent-soft"),
    ("surface", "accent"),  # the learning path's stage numbers, the gap cards' ranks
    ("text", "accent-soft"),  # the posting's headline
    ("mark-text", "mark"),
    ("weak", "surface"),
    ("fair", "surface"),
    ("good", "surface"),
    ("strong", "surface"),
]
WCAG_AA = 4.5


def stylesheet() -> str:
    return (templates_dir() / "report.css").read_text(encoding="utf-8")


def theme(css: str, dark: bool) -> dict[str, str]:
    """The colour variables of the light theme, or of the light theme overridden by the dark."""
    light = re.search(r":root\s*\{(.*?)\}", css, flags=re.DOTALL)
    assert light is not None
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", light.group(1)))
    if dark:
        block = re.search(
            r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.DOTALL
        )
        assert block is not None
        colours.update(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block.group(1)))
    return colours


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("foreground", "background"), TEXT_PAIRS)
def test_text_colours_meet_wcag_aa(dark: bool, foreground: str, background: str) -> None:
    colours = theme(stylesheet(), dark)
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= WCAG_AA, f"{foreground} on {background}: {ratio:.2f}"


def test_stylesheet_loads_nothing_and_has_print_and_dark_rules() -> None:
    css = stylesheet()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert "@media print" in css and "prefers-color-scheme: dark" in css
    assert "max-width: 639px" in css  # the phone layout
