"""/v1/documents over HTTP: inline and background checks, idempotency, recheck, delete, list."""

from __future__ import annotations

import hashlib
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from apihelp import LARGE, SEEDS, SMALL, ClientFactory, assert_error, upload, wait_done

from models import Report
from service.testing import LiveServer


def test_submit_small_file_is_checked_inline(client: httpx.Client) -> None:
    response = upload(client, SMALL[0])
    assert response.status_code == 201, response.text
    body = response.json()
    doc, report = body["document"], Report.model_validate(body["report"])
    assert response.headers["location"] == f"/v1/documents/{doc['id']}"
    assert doc["status"] == "done" and doc["job"]["status"] == "done"
    assert doc["name"] == SMALL[0].name and doc["size"] == SMALL[0].stat().st_size
    assert report.findings, "the seeds have known inconsistencies"
    assert doc["findings"]["error"] == sum(f.severity == "error" for f in report.findings)
    assert doc["year"] == report.document.meta.fiscal_year and doc["unit"] == report.document.meta.unit_name
    # the stored report is the same one, and so is the metadata
    assert client.get(f"/v1/documents/{doc['id']}/report").json() == body["report"]
    assert client.get(f"/v1/documents/{doc['id']}").json()["findings"] == doc["findings"]
    page = client.get(f"/v1/documents/{doc['id']}/report.html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<mark" in page.text and SMALL[0].name in page.text


def test_large_file_answers_202_and_the_worker_checks_it(client: httpx.Client) -> None:
    response = upload(client, LARGE[0])
    assert response.status_code == 202, response.text
    doc = response.json()["document"]
    assert response.json()["report"] is None and doc["status"] in ("queued", "running")
    assert doc["job"]["status"] in ("queued", "running")
    assert_error(client.get(f"/v1/documents/{doc['id']}/report"), 409, "API_NOT_READY")
    done = wait_done(client, doc["id"])
    assert done["status"] == "done", done
    assert done["job"]["status"] == "done" and done["job"]["attempts"] == 1
    report = Report.model_validate(client.get(f"/v1/documents/{doc['id']}/report").json())
    assert len(report.findings) == sum(done["findings"].values())


def test_json_text_submission(client: httpx.Client) -> None:
    text = SMALL[-1].read_text("utf-8")
    response = client.post("/v1/documents", json={"text": text, "name": "报告.txt"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["document"]["name"] == "报告.txt" and body["report"]["findings"]
    assert body["document"]["sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_same_bytes_same_tenant_is_idempotent(client: httpx.Client, make_client: ClientFactory) -> None:
    first = upload(client, SMALL[0]).json()["document"]
    again = upload(client, SMALL[0])
    assert again.status_code == 200
    assert again.json()["document"]["id"] == first["id"]
    assert again.json()["report"]["findings"]
    assert client.get("/v1/documents").json()["count"] == 1
    # another tenant submitting the same bytes gets a document of its own
    other = upload(make_client(), SMALL[0])
    assert other.status_code == 201 and other.json()["document"]["id"] != first["id"]


def test_resubmission_with_other_rules_conflicts(client: httpx.Client) -> None:
    upload(client, SMALL[0])
    assert_error(upload(client, SMALL[0], rules="sum.table: {enabled: false}"), 409, "API_PROFILE_CONFLICT")


def test_rules_profile_yaml_and_mapping(client: httpx.Client) -> None:
    full = upload(client, SMALL[0]).json()
    rules_seen = {f["rule"] for f in full["report"]["findings"]}
    rule = sorted(rules_seen)[0]
    profile = {rule: {"enabled": False}}
    data = SMALL[0].read_text("utf-8")
    by_json = client.post("/v1/documents", json={"text": data + "\n", "rules": profile}).json()
    assert rule not in {f["rule"] for f in by_json["report"]["findings"]}
    by_yaml = client.post("/v1/check", files={"file": ("a.txt", data.encode())},
                          data={"rules": f"{rule}:\n  enabled: false\n"}).json()
    assert rule not in {f["rule"] for f in by_yaml["findings"]}


def test_recheck_inline_and_in_background(client: httpx.Client) -> None:
    small = upload(client, SMALL[0]).json()["document"]
    response = client.post(f"/v1/documents/{small['id']}/recheck")
    assert response.status_code == 200, response.text
    assert response.json()["document"]["id"] == small["id"]
    assert response.json()["report"]["findings"]
    rule = response.json()["report"]["findings"][0]["rule"]
    fewer = client.post(f"/v1/documents/{small['id']}/recheck", json={"rules": {rule: {"enabled": False}}})
    assert fewer.status_code == 200
    assert rule not in {f["rule"] for f in fewer.json()["report"]["findings"]}
    large = upload(client, LARGE[0]).json()["document"]
    wait_done(client, large["id"])
    response = client.post(f"/v1/documents/{large['id']}/recheck")
    assert response.status_code == 202
    assert_error(client.post(f"/v1/documents/{large['id']}/recheck"), 409, "API_BUSY")
    done = wait_done(client, large["id"])
    assert done["status"] == "done" and done["job"]["id"] == response.json()["document"]["job"]["id"]


def test_delete_removes_document_report_and_bytes(client: httpx.Client, server: LiveServer) -> None:
    doc = client.post("/v1/documents", json={"text": SMALL[0].read_text("utf-8") + "删除"}).json()["document"]
    blob = server.app.state.service.blobs.path(doc["sha256"])
    assert blob.exists()
    assert client.delete(f"/v1/documents/{doc['id']}").status_code == 204
    assert not blob.exists()
    assert_error(client.get(f"/v1/documents/{doc['id']}"), 404, "API_NOT_FOUND")
    assert_error(client.get(f"/v1/documents/{doc['id']}/report"), 404)
    assert_error(client.delete(f"/v1/documents/{doc['id']}"), 404)


def test_delete_keeps_bytes_another_tenant_still_uses(make_client: ClientFactory, server: LiveServer) -> None:
    a, b = make_client(), make_client()
    text = SMALL[0].read_text("utf-8") + "共享"
    doc_a = a.post("/v1/documents", json={"text": text}).json()["document"]
    b.post("/v1/documents", json={"text": text})
    assert a.delete(f"/v1/documents/{doc_a['id']}").status_code == 204
    assert server.app.state.service.blobs.path(doc_a["sha256"]).exists()


def test_list_filters_and_pages(client: httpx.Client) -> None:
    ids = [upload(client, path).json()["document"]["id"] for path in SEEDS]
    for doc_id in ids:
        wait_done(client, doc_id)
    client.post("/v1/documents", json={"text": "没有任何数字的说明。", "name": "plain.txt"})
    everything = client.get("/v1/documents").json()
    assert everything["count"] == len(SEEDS) + 1
    years = {d["year"] for d in everything["data"] if d["year"]}
    year = sorted(years)[0]
    by_year = client.get("/v1/documents", params={"year": year}).json()
    assert by_year["count"] == sum(d["year"] == year for d in everything["data"]) > 0
    with_errors = client.get("/v1/documents", params={"severity": "error"}).json()
    assert with_errors["count"] == sum(d["findings"]["error"] > 0 for d in everything["data"])
    assert "plain.txt" not in {d["name"] for d in with_errors["data"]}
    assert client.get("/v1/documents", params={"status": "done"}).json()["count"] == len(SEEDS) + 1
    assert client.get("/v1/documents", params={"status": "queued"}).json() == {"data": [], "count": 0}
    pages = [client.get("/v1/documents", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4)]
    assert [len(p["data"]) for p in pages] == [2, 2, 1]
    assert all(p["count"] == len(SEEDS) + 1 for p in pages)
    paged_ids = [d["id"] for p in pages for d in p["data"]]
    assert paged_ids == [d["id"] for d in everything["data"]]  # newest first, no overlap


def test_stateless_check_stores_nothing(client: httpx.Client) -> None:
    response = client.post("/v1/check", files={"file": (SMALL[0].name, SMALL[0].read_bytes(), "text/plain")})
    assert response.status_code == 200, response.text
    report = Report.model_validate(response.json())
    assert report.findings and report.document.name == SMALL[0].name
    as_json = client.post("/v1/check", json={"text": SMALL[0].read_text("utf-8")})
    assert len(as_json.json()["findings"]) == len(report.findings)
    assert client.get("/v1/documents").json()["count"] == 0


def test_report_json_round_trips_through_the_model(client: httpx.Client) -> None:
    body = upload(client, SMALL[0]).json()["report"]
    assert json.loads(Report.model_validate(body).model_dump_json()) == body


def test_concurrent_identical_submissions_make_one_document(client: httpx.Client) -> None:
    text = SMALL[0].read_text("utf-8") + f"\n{uuid.uuid4()}\n"
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: client.post("/v1/documents", json={"text": text}), range(6)))
    assert {a.status_code for a in answers} <= {200, 201}, [a.text[:200] for a in answers]
    assert sum(a.status_code == 201 for a in answers) == 1
    assert len({a.json()["document"]["id"] for a in answers}) == 1
    assert client.get("/v1/documents").json()["count"] == 1
