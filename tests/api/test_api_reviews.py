"""Review of findings over HTTP, on both databases: triage a finding, recheck, the verdict
is kept; filters by status; false positives exported; another tenant sees nothing."""

from __future__ import annotations

import httpx
from apihelp import SMALL, ClientFactory, assert_error, upload, wait_done


def _submitted(client: httpx.Client) -> tuple[str, list[dict]]:
    body = upload(client, SMALL[0]).json()
    return body["document"]["id"], body["report"]["findings"]


def _findings(client: httpx.Client, doc_id: str, **params: str) -> list[dict]:
    response = client.get(f"/v1/documents/{doc_id}/findings", params=params)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_triage_recheck_and_the_verdict_is_kept(client: httpx.Client) -> None:
    doc_id, findings = _submitted(client)
    assert all(f["id"] for f in findings) and len({f["id"] for f in findings}) == len(findings)
    listed = _findings(client, doc_id)
    assert [r["finding"]["id"] for r in listed] == [f["id"] for f in findings]
    assert {r["review"]["status"] for r in listed} == {"open"}
    first, second = findings[0]["id"], findings[1]["id"]
    response = client.patch(f"/v1/documents/{doc_id}/findings/{first}",
                            json={"status": "false_positive", "note": "  表格合并单元格读错  "})
    assert response.status_code == 200, response.text
    review = response.json()
    assert (review["status"], review["note"]) == ("false_positive", "表格合并单元格读错")
    assert review["reviewer"].startswith("hk_") and review["updated_at"]
    client.patch(f"/v1/documents/{doc_id}/findings/{second}", json={"status": "confirmed"})

    recheck = client.post(f"/v1/documents/{doc_id}/recheck", json={})
    assert recheck.status_code in (200, 201, 202), recheck.text
    assert wait_done(client, doc_id)["status"] == "done"
    kept = {r["finding"]["id"]: r["review"] for r in _findings(client, doc_id)}
    assert kept[first]["status"] == "false_positive" and kept[first]["note"] == "表格合并单元格读错"
    assert kept[second]["status"] == "confirmed"
    assert [r["finding"]["id"] for r in _findings(client, doc_id, status="false_positive")] == [first]
    opened = _findings(client, doc_id, status="open")
    assert len(opened) == len(findings) - 2 and first not in {r["finding"]["id"] for r in opened}

    exported = client.get("/v1/reviews", params={"status": "false_positive"}).json()["data"]
    assert [(e["document_id"], e["review"]["finding_id"]) for e in exported] == [(doc_id, first)]
    assert exported[0]["finding"]["id"] == first and exported[0]["finding"]["rule"] == findings[0]["rule"]
    assert exported[0]["sha256"] == client.get(f"/v1/documents/{doc_id}").json()["sha256"]

    # open without a note takes the verdict back
    client.patch(f"/v1/documents/{doc_id}/findings/{second}", json={"status": "open"})
    assert client.get("/v1/reviews", params={"status": "confirmed"}).json()["data"] == []


def test_unknown_findings_bad_statuses_and_other_tenants(client: httpx.Client,
                                                         make_client: ClientFactory) -> None:
    doc_id, findings = _submitted(client)
    assert_error(client.patch(f"/v1/documents/{doc_id}/findings/0123456789abcdef",
                              json={"status": "confirmed"}), 404, "API_FINDING_NOT_FOUND")
    bad = client.patch(f"/v1/documents/{doc_id}/findings/{findings[0]['id']}", json={"status": "maybe"})
    assert bad.status_code == 422
    other = make_client()
    assert_error(other.patch(f"/v1/documents/{doc_id}/findings/{findings[0]['id']}",
                             json={"status": "ignored"}), 404, "API_NOT_FOUND")
    assert_error(other.get(f"/v1/documents/{doc_id}/findings"), 404, "API_NOT_FOUND")
    client.patch(f"/v1/documents/{doc_id}/findings/{findings[0]['id']}", json={"status": "ignored"})
    assert other.get("/v1/reviews").json()["data"] == []
    assert len(client.get("/v1/reviews").json()["data"]) == 1


def test_deleting_a_document_deletes_its_reviews(client: httpx.Client) -> None:
    doc_id, findings = _submitted(client)
    client.patch(f"/v1/documents/{doc_id}/findings/{findings[0]['id']}", json={"status": "confirmed"})
    assert client.delete(f"/v1/documents/{doc_id}").status_code == 204
    assert client.get("/v1/reviews").json()["data"] == []
