"""`make run`: the API end to end on the sample reports, in one command.

Starts `hecha serve` on SQLite (under HECHA_DATA_DIR, default ./data) on a free loopback
port, creates a key for the tenant "demo" and prints it, submits every file given through
the API (multipart, as any client would), waits for the ones checked in the background,
prints a summary of the findings per document and stops the server. With --url and --key
it talks to a server already running instead. Standard library only (urllib).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen


def call(url: str, key: str, method: str = "GET", body: bytes | None = None,
         content_type: str | None = None) -> tuple[int, Any]:
    """One request; returns (status, JSON body)."""
    headers = {"Authorization": f"Bearer {key}"}
    if content_type:
        headers["Content-Type"] = content_type
    request = Request(url, data=body, method=method, headers=headers)
    try:
        with urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: text/plain\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), \
        f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"demo: the server exited ({server.returncode}); see its log above")
        try:
            with urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("demo: the server did not become ready in time")


def summarize(url: str, key: str, paths: Sequence[Path]) -> int:
    """Submit `paths`, wait for them, print a line per document; returns the exit status."""
    submitted = []
    for path in paths:
        body, content_type = multipart(path)
        status, answer = call(f"{url}/v1/documents", key, "POST", body, content_type)
        if status not in (200, 201, 202):
            error = answer["error"]
            print(f"{path.name}: {status} {error['code']} {error['message_zh']} / {error['message_en']}")
            continue
        doc = answer["document"]
        how = {200: "already submitted", 201: "checked inline", 202: "queued"}[status]
        print(f"POST {path.name} -> {status} ({how}) document {doc['id']}")
        submitted.append(doc["id"])
    print()
    print(f"{'document':<32} {'status':<7} {'year':<5} {'errors':>6} {'warnings':>8}  most frequent rules")
    totals: Counter[str] = Counter()
    for doc_id in submitted:
        deadline = time.monotonic() + 120
        while True:
            _, doc = call(f"{url}/v1/documents/{doc_id}", key)
            if doc["status"] in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        rules: Counter[str] = Counter()
        if doc["status"] == "done":
            _, report = call(f"{url}/v1/documents/{doc_id}/report", key)
            rules.update(f["rule"] for f in report["findings"])
        counts = doc["findings"]
        totals.update(counts)
        top = ", ".join(f"{rule} ×{n}" for rule, n in rules.most_common(3))
        print(f"{doc['name'][:32]:<32} {doc['status']:<7} {doc['year'] or '-'!s:<5} "
              f"{counts['error']:>6} {counts['warning']:>8}  {top}")
    print(f"\n{len(submitted)} document(s): {totals['error']} error(s), {totals['warning']} warning(s), "
          f"{totals['info']} note(s). Each report: GET /v1/documents/<id>/report (or report.html).")
    return 0 if len(submitted) == len(paths) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--url", help="use this running server instead of starting one")
    parser.add_argument("--key", help="API key for --url")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # in step with the server's log
    if args.url:
        if not args.key:
            parser.error("--url needs --key")
        return summarize(args.url.rstrip("/"), args.key, args.files)

    hecha = [sys.executable, "-m", "service.cli"]
    env = dict(os.environ)
    env.setdefault("HECHA_DATA_DIR", "data")
    key = subprocess.run([*hecha, "keys", "create", "--tenant", "demo"], env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    print(f"demo API key (tenant demo): {key}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*hecha, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--log-level", "warning"], env=env)
    try:
        wait_ready(url, server)
        print(f"server: {url} (docs: {url}/docs), data under {env['HECHA_DATA_DIR']}/\n")
        status = summarize(url, key, args.files)
        print("stopping the server; `hecha serve` serves the same data with the key above")
        return status
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
