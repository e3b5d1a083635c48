"""Web pages: keep the article (headline, date, lead, captions, body, byline); drop the
page around it (navigation, search, view counters, share buttons, rating and comment
widgets, related links, footer). Boilerplate markers are data (resources/html_boilerplate.yaml)."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from extractor.ingest.base import RawBlock, RawCell, RawDocument, corrupt, number_tables
from extractor.ingest.text import decode_text
from extractor.model import BlockKind, Format
from extractor.resources import load_yaml

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "pre", "dd", "dt", "tr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


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
    # Densest <p> parent otherwise.
    best, best_len = None, 0
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        size = sum(len(c.text(strip=True)) for c in parent.iter() if c.tag == "p")
        if size > best_len:
            best, best_len = parent, size
    return best or tree.body


def read_html(data: bytes, name: str) -> RawDocument:
    text, _ = decode_text(data)
    try:
        tree = HTMLParser(text)
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


def _walk(node: Node, blocks: list[RawBlock]) -> None:
    """Block elements in document order; loose text of a container is a block too."""
    loose: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(loose).split())
        if text:
            blocks.append(RawBlock(text=text))
        loose.clear()

    for child in node.iter(include_text=True):
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
        elif _has_block_descendant(child):
            flush()
            _walk(child, blocks)
        else:
            loose.append(child.text(separator=" "))
        if tag in ("div", "section", "figure", "header"):
            flush()
    flush()


def _has_block_descendant(node: Node) -> bool:
    return any(n.tag in _BLOCK_TAGS or n.tag in ("div", "section", "figure", "article") for n in node.traverse()
               if n.mem_id != node.mem_id)


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
