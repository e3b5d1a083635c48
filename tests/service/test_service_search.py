"""Search, filters, paging, facets, entity lists and exports over the seed reports,
on each backend. Queries are typed as officials type them: often without diacritics."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.service.conftest import seed_files, upload_ok


def _ids(env, **params) -> set[int]:
    r = env.client.get("/api/search", params={"size": 200, **params})
    assert r.status_code == 200, r.text
    return {it["id"] for it in r.json()["items"]}


def _id_of(env, filename: str) -> int:
    return next(d["id"] for d in env.uploaded if d["filename"] == filename)


def _containing(env, pattern: str) -> set[int]:
    """Documents whose text has `pattern` (a regex over the original, accented text)."""
    return {d["id"] for d in env.uploaded if re.search(pattern, d["record"]["text"])}


def test_search_without_diacritics_equals_with(populated):
    plain = _ids(populated, q="khen thuong")
    accented = _ids(populated, q="khen thưởng")
    upper = _ids(populated, q="KHEN THƯỞNG")
    assert plain and plain == accented == upper
    assert _containing(populated, r"(?i)khen thưởng") <= plain


def test_d_finds_dj(populated):
    hits = _ids(populated, q="co thi dua")
    assert _containing(populated, "Cờ thi đua") <= hits
    assert _id_of(populated, "h01_bacgiang_giaoduc_dhtdyn.txt") in hits


def test_tone_placement_is_irrelevant(populated):
    # seed 003 writes "hoá" only; seed 002 writes "hòa" only
    assert _id_of(populated, "003_9872598636d4699e.txt") in _ids(populated, q="hóa")
    assert _id_of(populated, "002_2f85404dcafad22e.txt") in _ids(populated, q="hoà")
    assert _containing(populated, r"(?i)\bh(oà|òa|oá|óa)\b") <= _ids(populated, q="hoa")


def test_phrase_and_snippet(populated):
    r = populated.client.get("/api/search", params={"q": '"chung tay vi nguoi ngheo"'}).json()
    names = {it["filename"] for it in r["items"]}
    assert {"001_aa33862f6316ef22.txt", "002_2f85404dcafad22e.txt", "003_9872598636d4699e.txt"} <= names
    top = r["items"][0]
    assert re.search(r"<mark>[Cc]hung tay vì người nghèo</mark>", top["snippet"]), top["snippet"]
    text = populated.client.get(f"/api/documents/{top['id']}").json()["record"]["text"]
    start, end = top["highlights"][0]
    assert text[start:end].lower() == "chung tay vì người nghèo"


def test_ranking_prefers_title_and_many_mentions(populated):
    r = populated.client.get("/api/search", params={"q": "Lam Ca"}).json()
    assert r["items"][0]["filename"].startswith("003_")
    scores = [it["score"] for it in r["items"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("q", ['"', '""', "NEAR(", "a OR b", "*", "'", "-khen", ":*", "\\", "AND (",
                               "khen)", "col:val", "^thi", "'); DROP TABLE documents; --", "!!! &&& |||",
                               "thi*", "đ", "  "])
def test_query_syntax_never_reaches_the_engine(populated, q):
    r = populated.client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    assert populated.client.get("/api/documents").json()["total"] == len({d["id"] for d in populated.uploaded})


def test_prefix(populated):
    assert _ids(populated, q="thuon*") >= _ids(populated, q="thuong")


def test_filters_and_facets(populated):
    r = populated.client.get("/api/search", params={"q": "thi dua"}).json()
    years = r["facets"]["year"]
    assert years and sum(f["count"] for f in years) <= r["total"]
    year = years[0]["value"]
    by_year = populated.client.get("/api/search", params={"q": "thi dua", "year": year}).json()
    assert by_year["total"] == years[0]["count"]
    assert all(it["year"] == year for it in by_year["items"])

    listed = populated.client.get("/api/documents", params={"year": year, "size": 200}).json()
    assert all(d["year"] == year for d in listed["items"])

    doc_type = r["facets"]["doc_type"][0]
    typed = populated.client.get("/api/documents", params={"doc_type": doc_type["value"]}).json()
    assert typed["total"] >= doc_type["count"]

    places = [d for d in populated.client.get("/api/documents", params={"size": 200}).json()["items"] if d["place"]]
    if places:
        place = places[0]["place"]
        from service.archive.fold import fold
        got = populated.client.get("/api/documents", params={"place": fold(place), "size": 200}).json()
        assert places[0]["id"] in {d["id"] for d in got["items"]}

    fmt = populated.client.get("/api/documents", params={"file_format": "docx", "size": 200}).json()
    assert fmt["total"] and all(d["format"] == "docx" for d in fmt["items"])


def test_entity_filters_on_documents(populated):
    for kind, param, field in (("campaigns", "campaign", "name"), ("awards", "award", "award"),
                               ("people", "person", "name")):
        items = populated.client.get(f"/api/{kind}", params={"size": 5}).json()["items"]
        if not items:
            continue  # recogniser not built yet
        value = items[0][field]
        docs = populated.client.get("/api/documents", params={param: value, "size": 200}).json()
        assert items[0]["document_id"] in {d["id"] for d in docs["items"]}


def test_paging(populated):
    total = populated.client.get("/api/documents").json()["total"]
    seen = []
    for page in range(1, total // 4 + 2):
        r = populated.client.get("/api/documents", params={"size": 4, "page": page, "sort": "filename"}).json()
        assert r["page"] == page and len(r["items"]) <= 4
        seen += [d["id"] for d in r["items"]]
    assert len(seen) == len(set(seen)) == total
    s1 = populated.client.get("/api/search", params={"q": "thi dua", "size": 3, "page": 1}).json()
    s2 = populated.client.get("/api/search", params={"q": "thi dua", "size": 3, "page": 2}).json()
    assert not {i["id"] for i in s1["items"]} & {i["id"] for i in s2["items"]}
    far = populated.client.get("/api/documents", params={"page": 999}).json()
    assert far["items"] == [] and far["total"] == total


@pytest.mark.parametrize("kind", ["campaigns", "awards", "people", "indicators"])
def test_entity_lists(populated, kind):
    r = populated.client.get(f"/api/{kind}")
    assert r.status_code == 200
    body = r.json()
    assert set(body["counts"]) == {"year", "issuer", "name"}
    assert sum(c["count"] for c in body["counts"]["year"]) <= body["total"]
    if body["items"]:
        year = body["items"][0]["year"]
        if year:
            filtered = populated.client.get(f"/api/{kind}", params={"year": year}).json()
            assert all(it["year"] == year for it in filtered["items"])


@pytest.mark.parametrize("slug", ["khen-thuong", "phong-trao", "ca-nhan"])
def test_entity_pages_list_years_newest_first_and_undated_last(populated, slug):
    """The archive holds documents with no year beside dated ones (corpus forms and lists);
    the per-year panel of each entity page orders them without comparing None to a year."""
    r = populated.client.get(f"/{slug}")
    assert r.status_code == 200, r.text[:300]
    panel = r.text.split('id="by-year"')[1].split("</section>")[0]
    labels = re.findall(r'<span class="bar-label">([^<]*)</span>', panel)
    years = [int(x) for x in labels if x.isdigit()]
    assert years == sorted(years, reverse=True)
    assert "không rõ" not in labels[:-1]


def _csv(resp) -> list[dict]:
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert resp.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(resp.content.decode("utf-8-sig"))))


def _xlsx(resp) -> list[dict]:
    assert resp.status_code == 200 and "spreadsheetml" in resp.headers["content-type"]
    ws = load_workbook(io.BytesIO(resp.content), read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_export_documents_csv_and_xlsx(populated):
    total = populated.client.get("/api/documents").json()["total"]
    rows = _csv(populated.client.get("/api/documents", params={"format": "csv"}))
    assert len(rows) == total
    titles = {r["title"] for r in rows}
    assert any(t and not t.isascii() for t in titles)  # Vietnamese survives the round trip
    xrows = _xlsx(populated.client.get("/api/documents", params={"format": "xlsx"}))
    assert len(xrows) == total
    assert {r["filename"] for r in xrows} == {r["filename"] for r in rows}


def test_export_search_and_entities(populated):
    hits = populated.client.get("/api/search", params={"q": "khen thuong"}).json()["total"]
    rows = _csv(populated.client.get("/api/search", params={"q": "khen thuong", "format": "csv"}))
    assert len(rows) == hits and "score" in rows[0]
    assert len(_xlsx(populated.client.get("/api/search", params={"q": "khen thuong", "format": "xlsx"}))) == hits
    for kind in ("campaigns", "awards", "people", "indicators"):
        total = populated.client.get(f"/api/{kind}").json()["total"]
        assert len(_csv(populated.client.get(f"/api/{kind}", params={"format": "csv"}))) == total
        assert len(_xlsx(populated.client.get(f"/api/{kind}", params={"format": "xlsx"}))) == total


def test_openapi_and_health(populated):
    assert populated.client.get("/docs").status_code == 200
    spec = populated.client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/documents/{doc_id}/file", "/api/search",
                 "/api/campaigns", "/api/awards", "/api/people", "/api/indicators"):
        assert path in spec["paths"]
    health = populated.client.get("/api/health").json()
    assert health["schema"] == "0005" and health["documents"] == len({d["id"] for d in populated.uploaded})


@pytest.mark.parametrize("q", ["khen thuong", "co thi dua", '"thi dua yeu nuoc"', "xay dung*", "hoa"])
def test_broad_queries_ranked_from_cached_term_scores(populated, q, monkeypatch):
    """A broad query is ranked by the sum of its terms' cached scores. On SQLite that sum
    is FTS5's bm25 of the whole query (same order, same scores as the plain statement); on
    PostgreSQL it is the sum of each term's ts_rank_cd, checked against one SQL statement.
    A write moves the generation: the next query sees the new document and statistics."""
    from sqlalchemy import desc, func, select

    from service.archive import Filters, Page
    from service.archive import queries
    from service.archive.models import Document

    archive = populated.archive

    def expected(s) -> list[tuple[int, float]]:
        if populated.backend == "sqlite":
            plain = queries.search(s, q, Filters(), Page(1, 50), facets=False, snippets=False)
            return [(i["id"], i["score"]) for i in plain["items"]]
        terms = queries.parse_query(q)
        total = sum((func.ts_rank_cd(queries._VECTOR, queries._tsquery([t]), 1) for t in terms[1:]),
                    func.ts_rank_cd(queries._VECTOR, queries._tsquery(terms[:1]), 1))
        rows = s.execute(select(Document.id, total.label("score"))
                         .where(queries._VECTOR.op("@@")(queries._tsquery(terms)))
                         .order_by(desc("score"), desc(Document.id)).limit(50)).all()
        return [(r.id, round(float(r.score), 4)) for r in rows]

    def both() -> tuple[list, list]:
        with archive.session() as s:
            want = expected(s)
            saved = queries.BROAD_MATCHES
            # every query takes the cached path
            monkeypatch.setattr(queries, "BROAD_MATCHES", dict.fromkeys(saved, 0))
            cached = queries.search(s, q, Filters(), Page(1, 50), facets=False, snippets=False,
                                    ranker=archive.term_ranker)
            monkeypatch.setattr(queries, "BROAD_MATCHES", saved)
        return want, [(i["id"], i["score"]) for i in cached["items"]]

    def check() -> None:
        want, cached = both()
        assert want and [i for i, _ in cached] == [i for i, _ in want]
        assert [sc for _, sc in cached] == pytest.approx([sc for _, sc in want], rel=1e-9, abs=1e-4)

    check()
    extra = seed_files()[0]
    job = upload_ok(populated.client, {"files": (f"ban-sao-{q}.txt", extra.read_bytes() + b"\n.")})[0]
    try:
        check()
    finally:
        populated.client.delete(f"/api/documents/{job['document_id']}")
