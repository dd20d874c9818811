"""Korean, Chinese and Japanese names are drawn with glyphs, or the user is told they cannot be."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from dataflow.cli import main
from dataflow.render.fonts import _coverage, font_family, missing_glyphs
from tests.conftest import cli_runner

KOREAN_MAP = textwrap.dedent("""\
    dataflow: 1
    name: 항공 예약
    home: KR
    categories:
      - {id: contact, name: 연락처}
    processors:
      - {id: airline, name: ㈜대한항공, role: controller, locations: [KR], collects: [{categories: [contact]}]}
      - {id: hotel, name: 가온호텔, role: processor, locations: [KR]}
    flows:
      - {id: bookings, from: airline, to: hotel, categories: [contact], purpose: 예약}
    """)


@pytest.fixture
def korean_map(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(KOREAN_MAP, encoding="utf-8")
    return path


def _latin_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point fontconfig at one Latin font family only, as on a machine without CJK fonts."""
    latin = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True,
                           text=True, check=True).stdout
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{Path(latin).parent}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    _coverage.cache_clear()


@pytest.fixture
def latin_fonts_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _latin_only(tmp_path, monkeypatch)
    yield
    _coverage.cache_clear()


def _render(path: Path, output: Path) -> tuple[bytes, str]:
    result = cli_runner().invoke(main, ["render", str(path), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output.read_bytes(), result.stderr


def test_the_setup_installed_a_font_that_covers_korean():
    assert missing_glyphs("㈜대한항공 가온호텔 연락처 中国 日本語") == ""


def test_the_dot_names_a_cjk_family_that_follows_home():
    assert "Noto Sans CJK KR" in font_family("KR")
    assert "Noto Sans CJK SC" in font_family("CN")
    assert "Noto Sans CJK JP" in font_family("JP")
    assert "Noto Sans CJK KR" in font_family(None)


def test_korean_names_are_drawn_with_a_cjk_font_in_pdf(korean_map, tmp_path):
    pdf, warnings = _render(korean_map, tmp_path / "map.pdf")
    assert warnings == ""
    assert b"NotoSansCJK" in pdf or b"Noto Sans CJK" in pdf  # the font embedded for the glyphs


def test_korean_png_differs_from_a_render_without_the_font(korean_map, tmp_path, monkeypatch):
    with_font, warnings = _render(korean_map, tmp_path / "with.png")
    assert warnings == ""
    _latin_only(tmp_path, monkeypatch)
    try:
        without_font, warned = _render(korean_map, tmp_path / "without.png")
    finally:
        _coverage.cache_clear()
    assert with_font.startswith(b"\x89PNG")
    assert without_font.startswith(b"\x89PNG")
    assert with_font != without_font  # the glyphs are drawn, not the fallback boxes
    assert "dataflow: warning: no installed font has" in warned
    for char in "대한항공가온호텔":
        assert char in warned
    assert "fonts-noto-cjk" in warned


@pytest.mark.usefixtures("latin_fonts_only")
def test_no_warning_for_formats_the_viewer_draws(korean_map, tmp_path):
    for name in ("map.svg", "map.dot", "map.mmd"):
        _, warnings = _render(korean_map, tmp_path / name)
        assert warnings == "", name


@pytest.mark.usefixtures("latin_fonts_only")
def test_latin_text_needs_no_cjk_font():
    assert missing_glyphs("Gaon Shop → Café Ünïcode") == ""
    assert missing_glyphs("가") == "가"


def test_without_fontconfig_nothing_is_claimed(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("FONTCONFIG_FILE", "/nonexistent/for-cache-key")
    _coverage.cache_clear()
    try:
        assert missing_glyphs("가") == ""
    finally:
        _coverage.cache_clear()
