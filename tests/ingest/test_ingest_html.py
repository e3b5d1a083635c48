"""A second news-portal layout (corpora/tools/make_renderings.py --only news): seed h10 as a
provincial newspaper page — article in <div class="content">, captions as italic
paragraphs, a "Tin liên quan" box inside the article with a Vietnamese class slug,
breadcrumb, sidebar, tags, share and print buttons, view counter, footer."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import DOCS

from extractor.ingest import read_document
from extractor.model import BlockKind

PAGE = Path(__file__).parent / "fixtures" / "h10_bacninh_tongket_namhoc.html"


def texts(doc, kind=None) -> list[str]:
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind == kind]


def test_portal_article_kept_in_order():
    doc = read_document(PAGE.read_bytes(), PAGE.name)
    seed = (DOCS / "h10_bacninh_tongket_namhoc.txt").read_text(encoding="utf-8").splitlines()
    assert texts(doc) == [line.strip() for line in seed if line.strip()]
    assert texts(doc, BlockKind.heading) == ["UBND tỉnh triển khai nhiệm vụ năm học 2019-2020"]
    assert texts(doc, BlockKind.caption)[0].startswith("Đồng chí Nguyễn Hữu Quất")


def test_portal_furniture_dropped():
    doc = read_document(PAGE.read_bytes(), PAGE.name)
    for junk in ("Tin liên quan", "100% trường học sẵn sàng", "Trang chủ", "Giáo dục /", "Lượt xem",
                 "Chia sẻ", "In bài viết", "Từ khóa", "Các tin khác", "Đọc nhiều", "Cơ quan chủ quản",
                 "Đăng nhập", "Thứ Năm, 08/08/2019", "32°C", "gtag"):
        assert junk not in doc.text, junk


def test_server_page_fragment_drops_its_title_element_and_breadcrumb():
    # An ASP.NET content page: `<title>` sits in a body fragment, the breadcrumb is bare links.
    page = ('<%@ Page Title="" Language="C#" %>\n<asp:Content ContentPlaceHolderID="head" runat="server">'
            '<title>VSPGas</title><meta name="description" content="VSPGas" /></asp:Content>\n'
            '<asp:Content ContentPlaceHolderID="cphSite" runat="server"><a href="~/" class="home">Trang chủ</a>'
            '<a href="#">Giới thiệu</a><span>Các danh hiệu</span></asp:Content>\n'
            '<asp:Content ContentPlaceHolderID="main" runat="server"><h2>Các danh hiệu</h2>'
            '<h2>Danh hiệu thi đua:</h2><table><tr><th>Năm</th><th>Danh hiệu</th></tr>'
            '<tr><td>2005</td><td>Tập thể lao động xuất sắc</td></tr></table></asp:Content>')
    doc = read_document(page.encode("utf-8"), "cac-danh-hieu.aspx")
    assert texts(doc)[:2] == ["Các danh hiệu", "Danh hiệu thi đua:"]
    assert "VSPGas" not in doc.text and "Trang chủ" not in doc.text
