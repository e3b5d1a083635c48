"""The legal taxonomy of titles and forms (resources/award_taxonomy.yaml): who may receive
each award, its level, who confers it, under which law, with its citation. Loaded once and
checked against the award lexicon (every entry names a canonical award of awards.yaml or a
taxonomy-only one); an error names the file and the key."""
from __future__ import annotations

from enum import Enum
from functools import lru_cache

from pydantic import BaseModel, ValidationError

from extractor.resources import ResourceError, load_yaml

_RESOURCE = "award_taxonomy.yaml"


class Level(str, Enum):
    co_so = "co_so"
    bo_tinh = "bo_tinh"
    nha_nuoc = "nha_nuoc"


class TaxonomyEntry(BaseModel):
    name: str
    group: str
    recipients: list[str]
    level: Level
    conferred_by: list[str]
    short_forms: list[str] = []
    laws: list[int]
    citation: str
    graded: bool = False
    uncertain: bool = False  # law.md marks it [?]: never the ground of a verdict


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, TaxonomyEntry]:
    data = load_yaml(_RESOURCE)
    titles = data.get("titles") if isinstance(data, dict) else None
    if not isinstance(titles, dict):
        raise ResourceError(f"{_RESOURCE}: key 'titles' must map award names to their facts")
    out: dict[str, TaxonomyEntry] = {}
    for name, facts in titles.items():
        try:
            out[name] = TaxonomyEntry(name=name, **facts)
        except (TypeError, ValidationError) as exc:
            raise ResourceError(f"{_RESOURCE}: titles.{name}: {exc}") from exc
        bad = [r for r in out[name].recipients if r not in ("ca_nhan", "tap_the", "ho_gia_dinh", "dia_phuong")]
        if bad:
            raise ResourceError(f"{_RESOURCE}: titles.{name}.recipients: unknown {bad}")
    return out


def entry(award: str, authority: str | None = None) -> TaxonomyEntry | None:
    """The taxonomy entry for an award as the recogniser names it; a `Bằng khen` or `Cờ thi
    đua` conferred by the Prime Minister or the Government is the State-level one."""
    tax = taxonomy()
    auth = (authority or "").casefold()
    if award == "Bằng khen" and "thủ tướng" in auth:
        return tax.get("Bằng khen của Thủ tướng Chính phủ")
    if award == "Cờ thi đua" and ("chính phủ" in auth and "thủ tướng" not in auth):
        return tax.get("Cờ thi đua của Chính phủ")
    return tax.get(award)


def short_forms() -> dict[str, str]:
    """Short form as written (`BKTTg`, `CSTĐCS`) → taxonomy name."""
    return {s: name for name, e in taxonomy().items() for s in e.short_forms}
