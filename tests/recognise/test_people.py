"""People by ANNOTATION.md: exemplary individuals and named recipients with honorific,
role and place; signers (only as signers), authors, attending officials and names
inside campaign or place names are not people."""
from __future__ import annotations

import pytest

from extractor.model import Block, Document, Format
from extractor.pipeline import new_record
from extractor.records import Part, PartKind, Signer
from extractor.recognise.awards import find_awards
from extractor.recognise.names import split_descriptor
from extractor.recognise.people import find_people


@pytest.fixture(autouse=True, params=["off", "on"])
def models_setting(request, monkeypatch):
    # Both settings must satisfy the guideline cases; the model only replaces cue rules.
    monkeypatch.setenv("TDKT_MODELS", request.param)


def _run(text: str, signer: str | None = None, signature: tuple[int, int] | None = None, author=None):
    blocks, pos = [], 0
    for line in text.split("\n"):
        blocks.append(Block(start=pos, end=pos + len(line), paragraph=len(blocks)))
        pos += len(line) + 1
    doc = Document(source="t.txt", format=Format.txt, sha256="0", text=text, blocks=blocks)
    record = new_record(doc)
    if signer:
        record.metadata.signer = Signer(name=signer, title="Chủ tịch UBND xã")
    if signature:
        record.parts.append(Part(kind=PartKind.signature, start=signature[0], end=signature[1]))
    record.metadata.author = author
    record.awards = find_awards(doc, record)
    people = find_people(doc, record)
    for p in people:
        assert text[p.span.start:p.span.end] == p.span.text
    return [(p.name, p.honorific, p.role, p.place) for p in people]


def test_exemplary_person_with_place_apart_from_role():
    text = ("Điển hình tiên tiến tiêu biểu như: ông Vi Văn Cường, thôn Đồng Khoang, xã Cường Lợi "
            "đã hiến đất làm đường; bà Nguyễn Thị Hà, Bí thư chi bộ, Trưởng thôn Bình Giang, xã Lâm Ca.")
    assert _run(text) == [
        ("Vi Văn Cường", "ông", None, "thôn Đồng Khoang"),
        ("Nguyễn Thị Hà", "bà", "Bí thư chi bộ, Trưởng thôn Bình Giang", "xã Lâm Ca"),
    ]


def test_named_award_recipients_are_people():
    text = ("8 cá nhân được nhận bằng khen của Chủ tịch UBND tỉnh gồm: Thầy Nguyễn Văn Đóa (giáo viên "
            "Trường THPT Chuyên), Chu Thị Mai (giáo viên Trường THCS thị trấn Vôi, Lạng Giang).")
    assert _run(text) == [
        ("Nguyễn Văn Đóa", None, "giáo viên", "Trường THPT Chuyên"),
        ("Chu Thị Mai", None, "giáo viên", "Trường THCS thị trấn Vôi"),
    ]


def test_signer_elsewhere_in_the_document_is_excluded_only_as_signer():
    body = ("Gương người tốt, việc tốt tiêu biểu: bà Mai Thị Chiên, Chủ tịch Hội Phụ nữ xã, "
            "đã vận động 20 hộ hiến đất.\n")
    sign = "CHỦ TỊCH UBND XÃ\nMai Thị Chiên"
    text = body + sign
    found = _run(text, signer="Mai Thị Chiên", signature=(len(body), len(text)))
    assert [p[0] for p in found] == ["Mai Thị Chiên"]
    assert found[0][2] == "Chủ tịch Hội Phụ nữ xã"
    # The signature alone never makes a people entry.
    assert _run(sign, signer="Mai Thị Chiên", signature=(0, len(sign))) == []


def test_attending_and_speaking_officials_are_not_people():
    text = ("Tham dự Hội nghị có đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh; "
            "ông Lê Hồng Sơn, Phó Chánh Văn phòng.\n"
            "Phát biểu tại hội nghị, đồng chí Trần Văn Nam đánh giá cao các điển hình tiên tiến.")
    assert _run(text) == []


def test_names_inside_campaign_and_place_names_and_authors_are_not_people():
    text = ("Đẩy mạnh phong trào “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” tiêu biểu "
            "tại Trường THCS Trần Hưng Đạo và đường Nguyễn Văn Cừ.\nTác giả: Nguyễn Hồng Quân")
    assert _run(text, author="Nguyễn Hồng Quân") == []


@pytest.mark.parametrize("desc,expected", [
    ("giáo viên Trường THCS Trần Hưng Đạo, Lục Ngạn", ("giáo viên", "Trường THCS Trần Hưng Đạo")),
    ("Bí thư chi bộ, Hiệu trưởng Trường THCS Thân Nhân Trung (Việt Yên)",
     ("Bí thư chi bộ, Hiệu trưởng", "Trường THCS Thân Nhân Trung")),
    ("nhân dân thôn Đồng Khoang, xã Cường Lợi", (None, "thôn Đồng Khoang")),
])
def test_descriptor_split(desc, expected):
    assert split_descriptor(desc) == expected
