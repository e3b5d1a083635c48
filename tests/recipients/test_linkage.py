"""Record linkage of recipients: the forms the issue names are one recipient, namesakes in
another commune or unit are not, and what tdkt cannot be sure of is a candidate. The names,
positions and issuers are those of the composed dossier (corpora/composed/dossier.yaml)."""
from __future__ import annotations

import pytest

from service.recipients import names
from service.recipients.linkage import Decision, Known, Mention, compare, resolve

YEN_THE = "Ủy ban nhân dân huyện Yên Thế"  # the issuer of the three decisions


def known(mention: Mention, rid: int = 1) -> Known:
    return Known(rid, mention.kind, mention.key, mention.accented, mention.unit, mention.places)


@pytest.mark.parametrize("a,b", [
    ("UBND xã Định Liên", "Ủy ban nhân dân xã Định Liên"),
    ("UBND xã Định Liên", "uy ban nhan dan xa dinh lien"),
    ("Trường THCS Nguyễn Du", "Trường Trung học cơ sở Nguyễn Du"),
    ("Ông Nguyễn Văn Thành", "Nguyễn Văn Thành"),
    ("Đ/c Nguyễn Văn Thành", "NGUYỄN VĂN THÀNH"),
    ("Hòa", "Hoà"),
])
def test_written_differently_same_key(a, b):
    assert names.key(a) == names.key(b)


def test_places_by_level():
    assert names.places("Chủ tịch UBND xã Đồng Tâm, huyện Yên Thế") == {3: "xa dong tam", 2: "huyen yen the"}
    assert names.places("ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ") == {2: "huyen yen the"}
    assert names.places("Hiệu trưởng Trường Tiểu học Bố Hạ") == {}
    assert names.place_label("Trưởng Công an xã Canh Nậu đã được") == "xã Canh Nậu"


def test_same_person_three_decisions_match():
    first = Mention("Ông Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    again = Mention("Nguyễn Văn Thành", role="Chủ tịch Ủy ban nhân dân xã Đồng Tâm", area=YEN_THE)
    assert compare(again, known(first)).decision == Decision.match


def test_accent_free_form_matches():
    first = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    plain = Mention("Nguyen Van Thanh", role="Chu tich UBND xa Dong Tam")
    assert compare(plain, known(first)).decision == Decision.match


def test_namesake_in_another_commune_stays_apart():
    dong_tam = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    canh_nau = Mention("Nguyễn Văn Thành", role="Trưởng Công an xã Canh Nậu", area=YEN_THE)
    assert compare(canh_nau, known(dong_tam)).decision is None
    assert resolve(canh_nau, [known(dong_tam)]).match is None
    assert resolve(canh_nau, [known(dong_tam)]).candidates == []


def test_different_names_with_marks_stay_apart():
    thanh = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    thanh_no_grave = Mention("Nguyễn Văn Thanh", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    # Folded they are one key (blocked together), with their marks they are two names: never merged.
    assert thanh.key == thanh_no_grave.key
    assert compare(thanh_no_grave, known(thanh)).decision != Decision.match


def test_short_form_in_same_unit_matches():
    full = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    short = Mention("ông Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    assert compare(short, known(full)).decision == Decision.match
    elsewhere = Mention("ông Thành", role="Trưởng Công an xã Canh Nậu", area=YEN_THE)
    assert compare(elsewhere, known(full)).decision is None


def test_name_without_unit_is_only_a_candidate():
    full = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    bare = Mention("Nguyễn Văn Thành")  # a báo cáo thành tích's past-titles row, no position
    found = compare(bare, known(full))
    assert found.decision == Decision.candidate and "thiếu thông tin" in found.reason


def test_ocr_slip_in_same_unit_is_a_candidate():
    full = Mention("Lê Minh Đức", role="Công chức Văn phòng - Thống kê xã Tam Tiến", area=YEN_THE)
    slip = Mention("Lê Mính Đức", role="Công chức Văn phòng - Thống kê xã Tam Tiến", area=YEN_THE)
    assert compare(slip, known(full)).decision == Decision.candidate


def test_same_name_same_commune_other_position_is_a_candidate():
    chair = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    secretary = Mention("Nguyễn Văn Thành", role="Bí thư Đảng ủy xã Đồng Tâm", area=YEN_THE)
    assert compare(secretary, known(chair)).decision == Decision.candidate


def test_collectives_abbreviated_and_by_district():
    a = Mention("UBND xã Đồng Tâm", kind="tap_the", area=YEN_THE)
    b = Mention("Ủy ban nhân dân xã Đồng Tâm", kind="tap_the", area=YEN_THE)
    other_district = Mention("Ủy ban nhân dân xã Đồng Tâm", kind="tap_the", area="Ủy ban nhân dân huyện Lạng Giang")
    no_area = Mention("Ủy ban nhân dân xã Đồng Tâm", kind="tap_the")
    assert compare(b, known(a)).decision == Decision.match
    assert compare(other_district, known(a)).decision is None
    assert compare(no_area, known(a)).decision == Decision.candidate
    assert compare(b, known(Mention("Nguyễn Văn Thành", area=YEN_THE))).decision is None  # a person is no unit


def test_two_full_matches_keep_the_best_and_list_the_other():
    m = Mention("Nguyễn Văn Thành", role="Chủ tịch UBND xã Đồng Tâm", area=YEN_THE)
    found = resolve(m, [known(m, 1), known(m, 2)])
    assert found.match in (1, 2) and [c[0] for c in found.candidates] == [3 - found.match]
