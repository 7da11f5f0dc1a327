"""Upload memory (issue #4): how much a 200 MB video upload grows the server's memory.

Starts ``potluck serve`` (one process, embedded mode on SQLite, job runner off so only the
upload itself is measured), signs a user up, takes an API token, then streams a 200 MB
MP4 to ``POST /api/v1/media`` in 64 KiB chunks. It prints the server's resident memory
before, its peak during the upload (``VmHWM``, sampled from /proc) and the growth. Target:
less than 50 MB.

The video is an ``ftyp`` box followed by filler: the upload path only reads the first bytes
to decide the type, and processing (which would reject such a file) is not running::

    .venv/bin/python bench/upload_memory.py [--megabytes 200] [--json FILE|-]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from http_baseline import HOST, Server, potluck_env, running, serve_command
from signup_surge import post_json

TARGET_GROWTH_MB = 50.0
CHUNK = 64 * 1024


def rss_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def server_pid(server: Server) -> int:
    assert server.process is not None
    # `serve --workers 1` runs uvicorn in the same process.
    return server.process.pid


def upload(base_url: str, token: str, megabytes: int) -> tuple[int, bytes, float]:
    boundary = secrets.token_hex(12)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    ftyp = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
    filler = os.urandom(CHUNK)
    size = megabytes * 1024 * 1024
    total = len(head) + size + len(tail)
    connection = http.client.HTTPConnection(HOST, int(base_url.rsplit(":", 1)[1]), timeout=300)
    started = time.monotonic()
    connection.putrequest("POST", "/api/v1/media")
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(total))
    connection.endheaders()
    connection.send(head + ftyp)
    sent = len(ftyp)
    while sent < size:
        piece = filler[: min(CHUNK, size - sent)]
        connection.send(piece)
        sent += len(piece)
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--json", help="write results as JSON to FILE (- for stdout)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="upload-memory-") as tmp:
        var_dir = Path(tmp)
        env = potluck_env(var_dir, f"sqlite+aiosqlite:///{var_dir / 'potluck.db'}")
        env["POTLUCK_EMBEDDED_WORKER"] = "false"
        import subprocess  # noqa: PLC0415

        subprocess.run(
            [sys.executable, "-m", "potluck", "db", "upgrade"], env=env, check=True, capture_output=True
        )
        server = Server("potluck", serve_command(1), env, var_dir / "server.log")
        with running(server):
            password = f"bench-Pass-{secrets.token_hex(4)}"
            status, body = post_json(
                server.base_url + "/api/v1/auth/signup", {"username": "uploader", "password": password}
            )
            if status != 201:
                raise RuntimeError(f"sign-up: {status} {body[:200]!r}")
            status, body = post_json(
                server.base_url + "/api/v1/auth/tokens",
                {"name": "bench", "username": "uploader", "password": password},
            )
            if status != 201:
                raise RuntimeError(f"token: {status} {body[:200]!r}")
            token = json.loads(body)["token"]
            pid = server_pid(server)
            before = rss_kib(pid, "VmRSS")
            peak_before = rss_kib(pid, "VmHWM")
            samples: list[int] = []
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    samples.append(rss_kib(pid, "VmRSS"))
                    time.sleep(0.05)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            status, body, seconds = upload(server.base_url, token, args.megabytes)
            done.set()
            sampler.join()
            after = rss_kib(pid, "VmRSS")
            # VmHWM catches a peak between samples (if it rose above its earlier high).
            peak = max([*samples, after, rss_kib(pid, "VmHWM") if rss_kib(pid, "VmHWM") > peak_before else 0])
            if status != 201:
                raise RuntimeError(f"upload answered {status}: {body[:300]!r}\n{server.log_tail()}")
    growth_mb = (peak - before) / 1024
    results: dict[str, Any] = {
        "megabytes": args.megabytes,
        "seconds": round(seconds, 2),
        "rss_before_mb": round(before / 1024, 1),
        "rss_peak_mb": round(peak / 1024, 1),
        "rss_after_mb": round(after / 1024, 1),
        "peak_before_upload_mb": round(peak_before / 1024, 1),
        "growth_mb": round(growth_mb, 1),
    }
    print(f"uploaded {args.megabytes} MB video in {seconds:.1f}s ({args.megabytes / seconds:.0f} MB/s)")
    print(
        f"server RSS before {before / 1024:.1f} MB, peak during upload {peak / 1024:.1f} MB, "
        f"after {after / 1024:.1f} MB: growth {growth_mb:.1f} MB"
    )
    verdict = "PASS" if growth_mb < TARGET_GROWTH_MB else "MISS"
    print(f"{verdict}: target growth < {TARGET_GROWTH_MB:.0f} MB")
    if args.json:
        text = json.dumps(results, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
