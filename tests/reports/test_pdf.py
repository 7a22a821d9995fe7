"""The PDFs: text that can be extracted, an embedded Simplified Chinese font, zh-CN as the
document's language, provenance on every page, vector charts, and no missing glyphs.

Text extraction alone cannot show tofu (a missing glyph extracts as the right character), so
rendering fails on the renderer's missing-glyph warning (``MissingGlyphError``) and these tests
check which fonts are embedded. They need the system set-up of docs/reports.md (WeasyPrint's
Pango and fonts-noto-cjk), as CI has it.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import pypdf
import pytest

from wastewater_eval.reports import RenderedDocument, render_documents
from wastewater_eval.reports.errors import MissingGlyphError
from wastewater_eval.reports.pdf import render_pdf

from .cases import CASES, CONTROL, load_case


@cache
def rendered(case: str, lang: str) -> tuple[RenderedDocument, ...]:
    a = load_case(next(c for c in CASES if c.name == case))
    return tuple(render_documents(a, lang=lang, control=CONTROL))


def reader(doc: RenderedDocument) -> pypdf.PdfReader:
    assert doc.pdf is not None and doc.pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(doc.pdf))


def text(doc: RenderedDocument) -> str:
    return "\n".join(page.extract_text() for page in reader(doc).pages)


def fonts(doc: RenderedDocument) -> dict[str, dict[str, Any]]:
    """Every font the pages use: its base name, and the descriptor of the glyphs it embeds."""
    out = {}
    for page in reader(doc).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            out[str(font["/BaseFont"])] = dict(descendant["/FontDescriptor"].get_object())
    return out


def report(lang: str = "zh") -> RenderedDocument:
    return next(d for d in rendered("example", lang) if d.plan.kind == "report")


def test_report_text_has_the_title_the_discharger_and_the_exceeding_parameter() -> None:
    t = text(report("zh"))
    assert "关于广州示例电镀有限公司生产废水" in t
    assert "对公共排水与污水处理设施安全运行影响的评估报告" in t
    assert "总镍" in t
    assert "超标" in t
    assert "GB/T 31962-2015" in t


def test_english_report_text() -> None:
    t = " ".join(text(report("en")).split())
    assert "Assessment of the production wastewater of 广州示例电镀有限公司" in t
    assert "Total nickel" in t and "exceeds" in t


def test_cjk_font_is_embedded_with_simplified_chinese_glyphs() -> None:
    found = fonts(report("zh"))
    cjk = {name: d for name, d in found.items() if "CJK" in name}
    assert cjk, f"no CJK font in {sorted(found)}"
    for name, descriptor in cjk.items():
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} is not embedded"
        assert "+" in name, f"{name} is not a subset"  # ABCDEF+Name: a subset, as embedded fonts are
    # The Simplified Chinese face of the CJK family (the TTC holds SC, TC, HK, JP and KR faces).
    assert all("SC" in name.split("+", 1)[1] for name in cjk), sorted(cjk)


def test_document_language_is_zh_cn() -> None:
    assert reader(report("zh")).trailer["/Root"]["/Lang"] == "zh-CN"
    assert reader(report("en")).trailer["/Root"]["/Lang"] == "en"


def test_every_page_carries_the_provenance() -> None:
    a = load_case(CASES[0])
    sha = a.provenance["input_sha256"]
    pages = reader(report("zh")).pages
    assert len(pages) >= 2
    for page in pages:
        t = page.extract_text().replace("\n", "")
        assert "本文件由 wasteval" in t and sha[:32] in t


def test_charts_are_vector_graphics() -> None:
    for page in reader(report("zh")).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            assert ref.get_object().get("/Subtype") != "/Image", "a chart was embedded as an image"


@pytest.mark.parametrize("case", [c.name for c in CASES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_document_renders_without_renderer_warnings(case: str, lang: str) -> None:
    docs = rendered(case, lang)
    assert docs
    for doc in docs:
        assert doc.warnings == ()
        assert str(doc.plan.context.discharger.name) in text(doc)


def test_missing_glyph_is_an_error() -> None:
    html = '<!DOCTYPE html><html lang="zh-CN"><body><p>总镍 \U0010fffd</p></body></html>'
    with pytest.raises(MissingGlyphError) as err:
        render_pdf(html, "tofu")
    assert err.value.characters == ("\U0010fffd",)
    assert "U+10FFFD" in str(err.value)


def test_nothing_outside_the_document_is_fetched() -> None:
    html = '<!DOCTYPE html><html lang="en"><body><img src="http://127.0.0.1:9/x.png"><p>x</p></body></html>'
    out = render_pdf(html, "fetch")
    assert any("127.0.0.1" in w for w in out.warnings)


PROVISIONAL = {"zh": "限值为暂定值，尚未与该标准的正式文本核对", "en": "are provisional: they have not been verified"}


@pytest.mark.parametrize("case", [c.name for c in CASES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_provisional_notice_stands_on_the_first_page(case: str, lang: str) -> None:
    """GB/T 31962-2015 is provisional: every document says so on page 1, naming the standard."""
    for doc in rendered(case, lang):
        first = reader(doc).pages[0].extract_text().replace("\n", "")
        assert PROVISIONAL[lang] in first, doc.plan.stem
        assert "31962-2015" in first  # (extraction may put two spaces after "GB/T")
