"""Recipients and their award history on the composed dossier (corpora/composed/): the
three yearly decisions give one recipient with three entries, each linking to its document
and span; the namesake in another commune stays apart; the history follows deletes and
replacements in the document's own transaction. Runs on SQLite, and on PostgreSQL with
TDKT_TEST_POSTGRES=1."""
from __future__ import annotations


import pytest
from sqlalchemy import select, update

from service.archive import models as m
from tests.conftest import CORPUS, extracted
from tests.service.conftest import as_document, upload_ok

COMPOSED = CORPUS / "composed"
DECISIONS = ["qd_cstdcs_2021.docx", "qd_cstdcs_2022.pdf", "qd_cstdcs_2023_scan.pdf"]  # Word, text PDF, 200-dpi scan


def store(env, *names: str) -> list[int]:
    ids = []
    for name in names:
        path = COMPOSED / name
        ids.append(env.archive.add(path.read_bytes(), name, extracted(str(path))).document["id"])
    return ids


def find(env, q: str, **params) -> list[dict]:
    resp = env.client.get("/api/recipients", params={"q": q, **params})
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


def thanh(env, commune: str) -> dict:
    hits = [r for r in find(env, "nguyen van thanh") if r["place"] == commune]
    assert len(hits) == 1, hits
    return env.client.get(f"/api/recipients/{hits[0]['id']}").json()


def test_three_decisions_one_recipient_three_entries(env):
    files = [("files", (n, (COMPOSED / n).read_bytes())) for n in DECISIONS]
    uploaded = [as_document(j) for j in upload_ok(env.client, files)]
    doc_ids = {d["filename"]: d["id"] for d in uploaded}
    profile = thanh(env, "xã Đồng Tâm")
    assert profile["role"] == "Chủ tịch UBND xã Đồng Tâm"
    assert [(a["year"], a["award"], a["status"]) for a in profile["awards"]] == [
        (2023, "Chiến sĩ thi đua cơ sở", "granted"), (2022, "Chiến sĩ thi đua cơ sở", "granted"),
        (2021, "Chiến sĩ thi đua cơ sở", "granted")]
    assert [a["decision"] for a in profile["awards"]] == ["1725/QĐ-UBND", "1580/QĐ-UBND", "1234/QĐ-UBND"]
    assert [a["document_id"] for a in profile["awards"]] == [doc_ids[n] for n in reversed(DECISIONS)]
    for a in profile["awards"]:
        record = env.client.get(f"/api/documents/{a['document_id']}").json()["record"]
        span = a["span"]
        assert record["text"][span["start"]:span["end"]] == span["text"]
        assert "Nguyễn Văn Thành" in span["text"] and "Đồng Tâm" in span["text"]
        page = env.client.get(a["link"])
        assert page.status_code == 200 and 'id="doan"' in page.text
    # The namesake, Trưởng Công an xã Canh Nậu (2022), is someone else.
    namesake = thanh(env, "xã Canh Nậu")
    assert namesake["id"] != profile["id"] and [a["year"] for a in namesake["awards"]] == [2022]
    assert namesake["candidates"] == [] and profile["candidates"] == []


def test_search_accent_free_abbreviated_with_facets(env):
    store(env, *DECISIONS)
    assert {r["name"] for r in find(env, "tran thi hoa")} == {"Trần Thị Hoa"}
    assert [r["place"] for r in find(env, "ubnd xa dong tam")] == ["xã Đồng Tâm"]
    assert [r["place"] for r in find(env, "ủy ban nhân dân xã Đồng Tâm")] == ["xã Đồng Tâm"]
    result = env.client.get("/api/recipients", params={"q": "nguyen"}).json()
    assert result["total"] == 2
    assert result["facets"]["kind"] == [{"value": "ca_nhan", "label": "Cá nhân", "count": 2}]
    assert {f["value"] for f in result["facets"]["place"]} == {"xã Đồng Tâm", "xã Canh Nậu"}
    narrowed = env.client.get("/api/recipients", params={"q": "nguyen", "place": "xã Canh Nậu"}).json()
    assert narrowed["total"] == 1 and narrowed["items"][0]["role"] == "Trưởng Công an xã Canh Nậu"
    everyone = env.client.get("/api/recipients").json()
    assert everyone["total"] == 4  # Thành ×2, Hoa, Đức
    assert env.client.get("/api/recipients", params={"format": "xlsx"}).status_code == 200


def test_claims_without_position_are_candidates_not_merged(env):
    store(env, *DECISIONS, "bc_thanh_tich_nguyen_van_thanh.docx")
    profile = thanh(env, "xã Đồng Tâm")
    # The báo cáo's claimed past titles are not merged into the decisions' history; its own
    # proposal (its title, with the role it states) is the same person's, and shows as proposed.
    granted = [a for a in profile["awards"] if a["status"] == "granted"]
    assert len(granted) == 3 and not any(a["claimed"] for a in profile["awards"])
    assert [(a["year"], a["award"]) for a in profile["awards"] if a["status"] == "proposed"] == [
        (2023, "Chiến sĩ thi đua cấp tỉnh")]
    candidate = next(c for c in profile["candidates"])
    claimed = env.client.get(f"/api/recipients/{candidate['id']}").json()
    assert all(a["claimed"] for a in claimed["awards"])
    assert {a["year"] for a in claimed["awards"]} == {2020, 2021, 2022, 2023}
    assert {c["place"] for c in claimed["candidates"]} == {"xã Đồng Tâm", "xã Canh Nậu"}
    assert "thiếu thông tin" in claimed["candidates"][0]["reason"]


def test_delete_keeps_history_consistent(env):
    ids = store(env, *DECISIONS)
    assert env.client.delete(f"/api/documents/{ids[1]}").status_code == 200  # the 2022 decision
    assert [a["year"] for a in thanh(env, "xã Đồng Tâm")["awards"]] == [2023, 2021]
    assert [r["place"] for r in find(env, "nguyen van thanh")] == ["xã Đồng Tâm"]  # the namesake had only 2022
    with env.archive.session() as s:
        assert not s.scalars(select(m.RecipientAward).where(m.RecipientAward.document_id == ids[1])).all()
    for doc_id in (ids[0], ids[2]):
        env.archive.delete(doc_id)
    with env.archive.session() as s:
        assert s.scalars(select(m.Recipient)).all() == []


def test_replace_keeps_id_and_history(env):
    ids = store(env, *DECISIONS)
    text_version = COMPOSED / "qd_cstdcs_2022.txt"
    stored = env.archive.replace(ids[1], text_version.read_bytes(), text_version.name, extracted(str(text_version)))
    assert stored.document["id"] == ids[1] and stored.document["filename"] == "qd_cstdcs_2022.txt"
    entries = thanh(env, "xã Đồng Tâm")["awards"]
    assert [(a["year"], a["document_id"]) for a in entries] == [(2023, ids[2]), (2022, ids[1]), (2021, ids[0])]
    assert entries[1]["sources"][0]["filename"] == "qd_cstdcs_2022.txt"
    assert env.archive.replace(999_999, b"x", "x.txt", extracted(str(text_version))) is None


def test_failed_write_leaves_history_untouched(env, monkeypatch):
    ids = store(env, DECISIONS[0])
    from service.recipients import index

    def boom(*_a, **_k):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(index, "refresh", boom)
    with pytest.raises(RuntimeError):
        store(env, DECISIONS[1])
    with pytest.raises(RuntimeError):
        env.archive.delete(ids[0])
    monkeypatch.undo()
    assert env.archive.count() == 1
    assert [a["year"] for a in thanh(env, "xã Đồng Tâm")["awards"]] == [2021]


def test_index_rebuilt_on_open_when_outdated(env):
    from service.archive import Archive

    store(env, *DECISIONS)
    before = env.client.get("/api/recipients").json()["items"]
    with env.archive.Session.begin() as s:
        s.execute(update(m.ArchiveState).values(recipients_version=0))
        s.execute(m.RecipientAward.__table__.delete())
    reopened = Archive.open(env.settings.database_url, env.settings.storage_path)
    try:
        with reopened.session() as s:
            assert s.scalar(select(m.ArchiveState.recipients_version)) >= 1
            rows = s.execute(select(m.Recipient.name, m.Recipient.place, m.Recipient.award_count)).all()
    finally:
        reopened.close()
    assert sorted((r["name"], r["place"], r["award_count"]) for r in before) == sorted(tuple(r) for r in rows)


def test_profile_errors_in_vietnamese(env):
    resp = env.client.get("/api/recipients/123456")
    assert resp.status_code == 404 and "Không có" in resp.json()["detail"]
    assert env.client.get("/ho-so/123456").status_code == 404
    assert env.client.get("/api/recipients", params={"kind": "robot"}).status_code == 422
