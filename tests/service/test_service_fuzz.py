"""Property-based fuzzing of the API from its own OpenAPI schema (schemathesis + Hypothesis),
in-process over a real SQLite archive holding a few corpus reports.

Every generated request — valid by the schema or deliberately not (wrong types, odd
unicode, huge numbers, garbled multipart) — must get a non-5xx answer whose status,
content type, headers and body are the ones the schema documents. The pages, which are
not in the schema, get the same "never a 500" check from plain Hypothesis strategies.
Derandomized with a modest example count, so the run is the same every time and short."""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.service.conftest import make_settings, seed_files, upload_ok  # noqa: E402

# positive_data_acceptance is left out on purpose: a request the schema allows can still be
# refused for what it means (a corrupt file, an unknown audit rule), with a documented 4xx.
# negative_data_rejection too: multipart serialises any generated value as a file part.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 25}
FUZZ = settings(deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck), print_blob=True)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    from fastapi.testclient import TestClient

    from service.app import create_app

    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(make_settings(f"sqlite:///{folder / 'tdkt.db'}", folder))
    with TestClient(app) as client:
        files = [("files", (p.name, p.read_bytes())) for p in seed_files()[:3]]
        upload_ok(client, files)
        yield app, client


def _consistent(app) -> None:
    """Every stored original has its row and every row its original: nothing half-stored
    (once the jobs the fuzzed uploads made have settled)."""
    jobs = app.state.jobs
    deadline = time.monotonic() + 180
    while jobs.counts().get("queued") or jobs.counts().get("running"):
        assert time.monotonic() < deadline, jobs.counts()
        time.sleep(0.2)
    archive = app.state.archive
    on_disk = {p.name for p in Path(archive.storage).rglob("*") if p.is_file()}
    assert not any(n.startswith(".tmp-") for n in on_disk), on_disk
    assert on_disk == archive.known_hashes()


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_api_conforms_to_its_schema(fuzz_app, mode):
    app, _client = fuzz_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 10
    for op in operations:
        @given(case=op.as_strategy(generation_mode=mode))
        @settings(FUZZ, max_examples=EXAMPLES[mode])
        def run(case):
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # an operation with no parameters has no invalid request to make
            assert mode == GenerationMode.NEGATIVE, op.label
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{op.label}: {exc}")
        except BaseException as exc:  # schemathesis' FailureGroup
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            failures.append(f"{op.label}: {exc}")
    _consistent(app)
    assert not failures, "\n\n".join(failures)


# --- pages (not in the OpenAPI schema) ------------------------------------------------

_odd_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
_value = st.one_of(_odd_text, st.integers(-(10**30), 10**30).map(str), st.sampled_from(
    ["", "2023", "bao_cao_tong_ket", "\"", "*", "NEAR(", "đ", "\x00", "-1", "1e9", "Cờ thi đua"]))
_PAGE_PARAMS = {"/tra-cuu": ["q", "year", "doc_type", "award", "campaign", "trang"], "/tai-len/tien-do": ["ma"],
                "/phong-trao": ["q", "trang"], "/khen-thuong": ["q", "trang"], "/ca-nhan": ["q", "trang"]}


@st.composite
def _page_request(draw) -> str:
    path = draw(st.sampled_from(sorted(_PAGE_PARAMS) + ["/van-ban/{id}", "/van-ban/{id}/tai-ve.{fmt}"]))
    if "{id}" in path:
        path = path.replace("{id}", quote(draw(_value), safe=""))
        return path.replace("{fmt}", quote(draw(st.sampled_from(["json", "csv", "xlsx", "pdf", ""]) | _odd_text),
                                           safe=""))
    names = draw(st.lists(st.sampled_from(_PAGE_PARAMS[path]), unique=True, max_size=4))
    return path + "?" + "&".join(f"{n}={quote(draw(_value), safe='')}" for n in names)


@given(url=_page_request())
@settings(FUZZ, max_examples=120)
def test_pages_never_500(fuzz_app, url):
    _app, client = fuzz_app
    r = client.get(url)
    assert r.status_code < 500, (url, r.status_code, r.text[:300])
    if r.status_code >= 400:
        # a page's error is an HTML page in Vietnamese, not the API's JSON
        assert r.headers["content-type"].startswith("text/html"), (url, r.headers["content-type"])
        message = re.search(r'<p class="error-message">(.*?)</p>', r.text, re.S)
        assert message and not message.group(1).isascii(), (url, r.text[:300])
