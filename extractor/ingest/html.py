"""Web pages: keep the article (headline, date, lead, captions, body, byline); drop the
page around it (navigation, search, view counters, share buttons, rating and comment
widgets, related links, footer). Boilerplate markers are data (resources/html_boilerplate.yaml)."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from extractor.ingest.base import RawBlock, RawCell, RawDocument, corrupt, number_tables
from extractor.ingest.text import decoded
from extractor.model import BlockKind, Format
from extractor.resources import load_yaml

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "pre", "dd", "dt", "tr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


_SERVER_DIRECTIVES = re.compile(r"<%.*?%>|<\?(?!xml).*?\?>", re.S)


def _boilerplate() -> tuple[set[str], re.Pattern[str], list[re.Pattern[str]]]:
    data = load_yaml("html_boilerplate.yaml")
    tokens = "|".join(re.escape(t) for t in data["class_tokens"])
    pattern = re.compile(rf"(?:^|[\s_-])(?:{tokens})(?:$|[\s_-])", re.I)
    return set(data["drop_tags"]), pattern, [re.compile(p, re.I) for p in data["text_patterns"]]


def _is_boilerplate(node: Node, pattern: re.Pattern[str]) -> bool:
    marker = " ".join(filter(None, [node.attributes.get("class"), node.attributes.get("id")]))
    return bool(marker) and bool(pattern.search(marker))


def _main_container(tree: HTMLParser) -> Node | None:
    for selector in ("article", "[itemprop=articleBody]", "main", "#content", ".content"):
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) > 200:
            return node
    # Densest <p> parent otherwise, each parent's <p> text added up once (summing the
    # siblings again for every <p> made a page of many paragraphs quadratic).
    sizes: dict[int, int] = {}
    parents: dict[int, Node] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        parents[parent.mem_id] = parent
        sizes[parent.mem_id] = sizes.get(parent.mem_id, 0) + len(p.text(strip=True))
    best = max(sizes, key=lambda k: sizes[k], default=None)  # the first of equals, as before
    return parents[best] if best is not None and sizes[best] > 0 else tree.body


MAX_DEPTH = 256  # elements nested deeper are unwrapped before parsing (their text is kept)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
# Elements that hold no content, or that the parser closes by itself at the next sibling:
# they do not nest.
_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
         "p", "li", "dt", "dd", "tr", "td", "th", "option"}


def unwrap_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with the tags of elements nested deeper than `max_depth` removed. HTML
    parsers (lexbor too) slow down quadratically with nesting depth: 100,000 nested
    <div>s took lexbor 21 s. One linear pass over the tags; a page that nests less is
    returned unchanged."""
    stack: list[bool] = []  # per open element: was its tag dropped
    cut: list[tuple[int, int]] = []
    for m in _TAG.finditer(html):
        closing, tag, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if tag in _FLAT or self_closing:
            continue
        if not closing:
            drop = len(stack) >= max_depth
            stack.append(drop)
        elif stack:
            drop = stack.pop()
        else:
            continue
        if drop:
            cut.append(m.span())
    if not cut:
        return html
    pieces, pos = [], 0
    for start, end in cut:
        pieces.append(html[pos:start])
        pos = end
    pieces.append(html[pos:])
    return "".join(pieces)


def read_html(data: bytes, name: str) -> RawDocument:
    text = _SERVER_DIRECTIVES.sub("", decoded(data, name, markup=4))  # `<%@ Page … %>` is no text
    try:
        tree = HTMLParser(unwrap_deep(text))
    except Exception as exc:  # selectolax is lenient; this is a last resort
        raise corrupt(name, "HTML không phân tích được") from exc
    drop_tags, class_pattern, text_patterns = _boilerplate()
    for tag in drop_tags:
        for node in tree.css(tag):
            node.decompose()
    for node in list(tree.css("[class], [id]")):
        if node.tag not in ("html", "body") and _is_boilerplate(node, class_pattern):
            node.decompose()
    root = _main_container(tree)
    blocks: list[RawBlock] = []
    title = tree.css_first("h1")
    if root is not None and title is not None and not _contains(root, title):
        blocks.append(RawBlock(text=title.text(separator=" "), kind=BlockKind.heading, outline_level=1, style="h1"))
    if root is not None:
        _walk(root, blocks)
    kept = [b for b in blocks if b.text.strip() and not any(p.search(b.text.strip()) for p in text_patterns)]
    for index, block in enumerate(kept):
        block.paragraph = index
    return RawDocument(format=Format.html, blocks=number_tables(kept))


def _contains(root: Node, node: Node) -> bool:
    return any(n.mem_id == node.mem_id for n in root.iter(include_text=False)) or \
        any(n.mem_id == node.mem_id for n in root.traverse())


_CONTAINERS = {"div", "section", "figure", "article"}


def _walk(node: Node, blocks: list[RawBlock]) -> None:
    """Block elements in document order; loose text of a container is a block too.
    Iterative, over an explicit stack: a page nests as deep as MAX_DEPTH."""
    holders = _block_holders(node)
    loose: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(loose).split())
        if text:
            blocks.append(RawBlock(text=text))
        loose.clear()

    stack = [node.iter(include_text=True)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            flush()
            continue
        tag = child.tag
        if tag == "-text":
            loose.append(child.text(deep=False) or "")
        elif tag in _BLOCK_TAGS:
            flush()
            blocks.append(_block(child))
        elif tag in ("br",):
            flush()
        elif tag in ("img",):
            continue
        elif child.mem_id in holders:
            flush()
            stack.append(child.iter(include_text=True))
            continue
        else:
            loose.append(child.text(separator=" "))
        if tag in ("div", "section", "figure", "header"):
            flush()
    flush()


def _block_holders(root: Node) -> set[int]:
    """Nodes under `root` with a block element or a container below them, found in one
    pass: each such element marks its ancestors, stopping at one already marked (asking
    every node about its whole subtree was quadratic in the nesting depth)."""
    holders: set[int] = set()
    for n in root.traverse():
        if n.tag in _BLOCK_TAGS or n.tag in _CONTAINERS:
            up = n.parent
            while up is not None and up.mem_id not in holders:
                holders.add(up.mem_id)
                up = up.parent
    return holders


def _colspan(cell: Node) -> int:
    try:
        return max(1, min(int(cell.attributes.get("colspan") or 1), 100))
    except ValueError:
        return 1


def _block(node: Node) -> RawBlock:
    text = " ".join(node.text(separator=" ").split())
    if node.tag in _HEADINGS:
        return RawBlock(text=text, kind=BlockKind.heading, outline_level=_HEADINGS[node.tag], style=node.tag)
    if node.tag == "figcaption" or "caption" in (node.attributes.get("class") or ""):
        return RawBlock(text=text, kind=BlockKind.caption, style=node.tag)
    if node.tag == "tr":
        cells = [RawCell(text=" ".join(c.text(separator=" ").split()), span=_colspan(c)) for c in node.css("td, th")]
        return RawBlock(text=" | ".join(c.text for c in cells), kind=BlockKind.table_row, cells=cells)
    if node.tag == "li":
        return RawBlock(text=text, kind=BlockKind.list_item, style="li")
    return RawBlock(text=text, style=node.tag)
