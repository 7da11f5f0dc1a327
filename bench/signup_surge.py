"""Sign-up surge (issue #3): sign-ups/s under load, and what it does to profile reads.

On PostgreSQL + Redis (distributed mode, shared rate limits) with ``potluck serve
--workers 2``, two wrk processes run side by side for the same time:

- 50 connections each ``POST /api/v1/auth/signup`` a new, unique user (argon2id hashing
  is the expensive part), never sending a cookie back;
- 20 connections ``GET /api/v1/users/{username}`` over 200 users created beforehand.

It prints sustained sign-ups/s (2xx sign-ups / measured seconds), the p50/p99 of the
profile reads, the same reads' p50/p99 with no sign-up load (a baseline phase first), the
argon2 parameters in use and a PASS/MISS line against the target: at least 20 sign-ups/s
while the profile reads keep p99 under 50 ms.

Needs ``wrk`` on PATH (``apt-get install -y wrk``), a local PostgreSQL accepting
``postgres`` without a password (a throwaway database is created and dropped) and Redis at
127.0.0.1:6379 (database 14 by default, flushed before and after). Run it with the
project's interpreter::

    .venv/bin/python bench/signup_surge.py [--duration 20] [--baseline-duration 10]
                                           [--json FILE|-] [--server-log FILE]

The sign-up and log-in rate limits are raised to 1000000/minute for the run (every
sign-up comes from 127.0.0.1). Everything targets 127.0.0.1; the server runs in its own
process group, killed in a ``finally`` block. Reuses the plumbing of ``http_baseline.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from http_baseline import (
    BENCH_DIR,
    BIN_DIR,
    DEFAULT_PG_ADMIN_URL,
    HOST,
    PG_CONNECTIONS_PER_PROCESS,
    Server,
    _pg_admin,
    _same_code,
    background_cores,
    describe_code,
    describe_machine,
    parse_wrk,
    postgres_connection_budget,
    postgres_database,
    potluck_env,
    redis_answers,
    serve_command,
)

WORKERS = 2
SIGNUP_CONNECTIONS = 50
READ_CONNECTIONS = 20
WRK_THREADS = 1  # one thread per wrk is plenty at these rates; the cores go to the system under test
PROFILE_USERS = 200
TARGET_SIGNUPS_PER_SECOND = 20.0
TARGET_READ_P99_MS = 50.0
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
# High enough that no request of the run is refused; the bench measures hashing, not limits.
UNLIMITED = "1000000/minute"
SIGNUP_PATH = "/api/v1/auth/signup"
PROFILE_PATH = "/api/v1/users/"
# A sign-up waits behind up to 49 others for an argon2 thread: seconds, not milliseconds.
SIGNUP_TIMEOUT_SECONDS = 60
STARTUP_SETTLE_SECONDS = 3.0

# --- wrk scripts ----------------------------------------------------------------------

# Prepended to both scripts: per-thread status counts, summed and printed by done() as
# "STATUS <code> <count>" lines (wrk alone only says "Non-2xx or 3xx responses").
_LUA_STATUS_COUNTS = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %d %d\\n", status, count))
  end
end
"""

# Every request a user name never used before: a per-run prefix, the thread, a counter.
# wrk keeps no cookies, so the session cookie a sign-up sets is never sent back.
_LUA_SIGNUP = """
local prefix = "{prefix}"
local password = "{password}"
local headers = {{["Content-Type"] = "application/json", ["Accept"] = "application/json"}}

function init(args)
  statuses = {{}}
  counter = 0
end

function request()
  counter = counter + 1
  local name = string.format("%s%d_%d", prefix, thread_number, counter)
  local body = string.format('{{"username":"%s","password":"%s%d"}}', name, password, counter)
  return wrk.format("POST", "{path}", headers, body)
end
"""

# Cycles over the pre-created users; each thread starts at a different place.
_LUA_READER = """
local names = {{{names}}}

function init(args)
  statuses = {{}}
  index = (thread_number * 37) % #names
end

function request()
  index = index % #names + 1
  return wrk.format("GET", "{path}" .. names[index])
end
"""


def signup_script(directory: Path) -> Path:
    """A fresh script with its own user-name prefix, so no two wrk runs collide."""
    path = directory / f"signup-{secrets.token_hex(4)}.lua"
    path.write_text(
        _LUA_STATUS_COUNTS
        + _LUA_SIGNUP.format(
            prefix=f"s{secrets.token_hex(3)}_",
            password=f"surge-Pass-{secrets.token_hex(4)}-",
            path=SIGNUP_PATH,
        )
    )
    return path


def reader_script(directory: Path, usernames: list[str]) -> Path:
    path = directory / "reader.lua"
    names = ", ".join(f'"{name}"' for name in usernames)
    path.write_text(_LUA_STATUS_COUNTS + _LUA_READER.format(names=names, path=PROFILE_PATH))
    return path


# --- results --------------------------------------------------------------------------


@dataclass
class Load:
    """One wrk run: what http_baseline.parse_wrk reads plus status counts and duration."""

    connections: int
    seconds: float  # as wrk measured it
    requests: int
    requests_per_second: float
    successes: int  # 2xx responses
    p50_ms: float
    p90_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    statuses: dict[str, int]
    raw: str = field(repr=False, default="")


_UNITS_S = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_load(output: str, connections: int) -> Load:
    result = parse_wrk(output)
    elapsed = re.search(r"^\s+\d+ requests in ([\d.]+)(us|ms|s|m|h)", output, re.MULTILINE)
    if elapsed is None:
        raise ValueError(f"unexpected wrk output:\n{output}")
    statuses = {
        m.group(1): int(m.group(2)) for m in re.finditer(r"^STATUS (\d+) (\d+)$", output, re.MULTILINE)
    }
    return Load(
        connections=connections,
        seconds=float(elapsed.group(1)) * _UNITS_S[elapsed.group(2)],
        requests=result.requests,
        requests_per_second=result.requests_per_second,
        successes=sum(count for status, count in statuses.items() if status.startswith("2")),
        p50_ms=result.p50_ms,
        p90_ms=result.p90_ms,
        p99_ms=result.p99_ms,
        # wrk counts only status >= 400 here; any 1xx/3xx would show in statuses.
        non_2xx=sum(count for status, count in statuses.items() if not status.startswith("2")),
        socket_errors=result.socket_errors,
        statuses=statuses,
        raw=output,
    )


def wrk_command(url: str, script: Path, connections: int, seconds: float, timeout: int) -> list[str]:
    return [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        f"{timeout}s",
        "-s",
        str(script),
        url,
    ]


def run_wrk(url: str, script: Path, connections: int, seconds: float, timeout: int = 10) -> Load:
    command = wrk_command(url, script, connections, seconds, timeout)
    completed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 120)
    return parse_load(completed.stdout, connections)


def run_surge(
    base_url: str, scripts: Path, readers: Path, seconds: float, sample: Callable[[], dict[str, int]]
) -> tuple[Load, Load, list[dict[str, int]]]:
    """Both wrk processes at once, for the same time; returns (sign-ups, reads, samples),
    ``sample()`` being called about once a second while they run."""
    signup = wrk_command(
        base_url + SIGNUP_PATH, signup_script(scripts), SIGNUP_CONNECTIONS, seconds, SIGNUP_TIMEOUT_SECONDS
    )
    reads = wrk_command(base_url + PROFILE_PATH, readers, READ_CONNECTIONS, seconds, 10)
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in (signup, reads)
    ]
    samples = []
    try:
        end = time.monotonic() + seconds - 1.0
        time.sleep(1.0)
        while time.monotonic() < end and all(process.poll() is None for process in processes):
            samples.append(sample())
            time.sleep(1.0)
        outputs = [
            process.communicate(timeout=seconds + SIGNUP_TIMEOUT_SECONDS + 120) for process in processes
        ]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        if process.returncode != 0:
            raise RuntimeError(f"wrk failed ({process.returncode}): {stderr}\n{stdout}")
    signups = parse_load(outputs[0][0], SIGNUP_CONNECTIONS)
    return signups, parse_load(outputs[1][0], READ_CONNECTIONS), samples


# --- HTTP, Redis, PostgreSQL helpers --------------------------------------------------


def post_json(url: str, payload: dict[str, Any], timeout: float = 30.0) -> tuple[int, bytes]:
    """One cookie-less JSON POST (urllib keeps no cookies)."""
    assert url.startswith(f"http://{HOST}:")
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


def get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    assert url.startswith(f"http://{HOST}:")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


def create_profile_users(base_url: str, count: int) -> tuple[list[str], float]:
    """``count`` users through the sign-up API, 8 at a time; their names and the seconds taken."""
    token = secrets.token_hex(3)
    names = [f"r{token}_{index:03d}" for index in range(count)]
    password = f"surge-Pass-{secrets.token_hex(4)}"

    def sign_up(name: str) -> None:
        status, body = post_json(base_url + SIGNUP_PATH, {"username": name, "password": password})
        if status != 201:
            raise RuntimeError(f"sign-up of {name} answered {status}: {body[:300]!r}")

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(sign_up, names))
    return names, time.monotonic() - started


def redis_flush(url: str) -> None:
    match = re.fullmatch(r"redis://([^:/]+):(\d+)/(\d+)", url)
    if match is None:
        raise ValueError(f"need redis://host:port/db, got {url}")
    with socket.create_connection((match.group(1), int(match.group(2))), timeout=5.0) as sock:
        sock.sendall(f"SELECT {match.group(3)}\r\nFLUSHDB\r\n".encode())
        reply = b""
        while reply.count(b"\r\n") < 2:
            chunk = sock.recv(64)
            if not chunk:
                break
            reply += chunk
    if reply != b"+OK\r\n+OK\r\n":
        raise RuntimeError(f"could not flush {url}: {reply!r}")


def pg_value(database_url: str, statement: str) -> Any:
    return asyncio.run(_pg_admin(database_url, statement))


def connection_states(admin_url: str, database: str) -> dict[str, int]:
    """The server's PostgreSQL connections by state ("idle in transaction": a request holds
    a pooled connection while it waits for something else, such as a hashing thread)."""
    statement = (
        "SELECT coalesce(json_object_agg(state, n), '{}')::text FROM (SELECT coalesce(state, '?') AS state,"
        f" count(*) AS n FROM pg_stat_activity WHERE datname = '{database}' GROUP BY 1) AS states"
    )
    return {str(state): int(count) for state, count in json.loads(pg_value(admin_url, statement)).items()}


def summarise_states(samples: list[dict[str, int]]) -> dict[str, dict[str, float]]:
    """Per state: the mean and the largest count over the samples."""
    states = sorted({state for sample in samples for state in sample})
    return {
        state: {
            "mean": round(sum(sample.get(state, 0) for sample in samples) / len(samples), 1),
            "max": max(sample.get(state, 0) for sample in samples),
        }
        for state in states
    }


def argon2_parameters(database_url: str, niceness: int | None) -> dict[str, Any]:
    """What the server hashed with (from a stored hash) and what the module configures."""
    stored = pg_value(database_url, "SELECT password_hash FROM user_account ORDER BY id DESC LIMIT 1")
    result: dict[str, Any] = {
        "stored_hash_prefix": None,
        "hasher": None,
        "pool_threads_per_process": None,
        "pool_thread_niceness": None,
    }
    match = re.match(r"(\$argon2\w+\$v=\d+\$m=\d+,t=\d+,p=\d+)\$", str(stored or ""))
    if match:
        result["stored_hash_prefix"] = match.group(1)
    try:
        from potluck.accounts import passwords  # noqa: PLC0415 - the app's own settings

        hasher = getattr(passwords, "hasher", None) or passwords._hasher
        result["hasher"] = {
            "type": str(hasher.type.name).lower(),
            "time_cost": hasher.time_cost,
            "memory_cost_kib": hasher.memory_cost,
            "parallelism": hasher.parallelism,
            "hash_len": hasher.hash_len,
            "salt_len": hasher.salt_len,
        }
        pool = getattr(passwords, "_pool", None)
        result["pool_threads_per_process"] = getattr(pool, "_max_workers", None)
        result["pool_thread_niceness"] = niceness if niceness is not None else passwords.DEFAULT_NICENESS
    except (ImportError, AttributeError):
        source = (BENCH_DIR.parent / "src/potluck/accounts/passwords.py").read_text()
        result["hasher"] = re.findall(r"PasswordHasher\([^)]*\)", source)
    return result


def summarise_log(path: Path) -> dict[str, Any]:
    """Warnings and errors the server logged: a count per distinct message."""
    counts: Counter[str] = Counter()
    tracebacks = 0
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return {"lines": 0, "problems": {}, "tracebacks": 0}
    for line in lines:
        if line.startswith("Traceback"):
            tracebacks += 1
        try:
            event = json.loads(line)
        except ValueError:
            if re.search(r"\b(ERROR|WARNING|CRITICAL|Exception)\b", line):
                counts[line[:160]] += 1
            continue
        if isinstance(event, dict) and str(event.get("level", "")).lower() in {
            "warning",
            "error",
            "critical",
        }:
            counts[f"{event.get('level')}: {str(event.get('event', ''))[:140]}"] += 1
    return {"lines": len(lines), "problems": dict(counts.most_common(10)), "tracebacks": tracebacks}


# --- the run --------------------------------------------------------------------------


def surge_server(
    var_dir: Path, database_url: str, redis_url: str, log_path: Path, *, hash_niceness: int | None
) -> Server:
    env = potluck_env(var_dir, database_url, redis_url)
    env.update(
        POTLUCK_RATE_LIMIT_SIGNUP=UNLIMITED,
        POTLUCK_RATE_LIMIT_LOGIN=UNLIMITED,
        POTLUCK_RATE_LIMIT_LOGIN_ACCOUNT=UNLIMITED,
    )
    if hash_niceness is not None:
        env["POTLUCK_PASSWORD_HASH_NICENESS"] = str(hash_niceness)
    command = serve_command(WORKERS)
    return Server("potluck+redis", command, env, log_path)


def loadavg() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def print_load(label: str, load: Load) -> None:
    print(
        f"  {label:22} {load.requests_per_second:8.1f} req/s  2xx {load.successes:6d}/{load.requests:<6d}"
        f"  p50 {load.p50_ms:8.2f} ms  p99 {load.p99_ms:8.2f} ms  non-2xx {load.non_2xx}"
        f"  sock-err {load.socket_errors}  statuses {load.statuses}",
        flush=True,
    )


def measure(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    var_dir = tmp / "var"
    var_dir.mkdir()
    scripts = tmp / "lua"
    scripts.mkdir()
    log_path = args.server_log or tmp / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text("")
    result: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(postgres_database(args.pg_admin_url))
        env = potluck_env(var_dir, database_url)
        subprocess.run(
            [str(BIN_DIR / "potluck"), "db", "upgrade"], env=env, check=True, capture_output=True, timeout=300
        )
        budget = postgres_connection_budget(args.pg_admin_url)
        if budget < PG_CONNECTIONS_PER_PROCESS * WORKERS:
            print(f"WARNING: PostgreSQL has room for only {budget} more connections; the pools may starve")
        redis_flush(args.redis_url)
        stack.callback(redis_flush, args.redis_url)
        server = surge_server(
            var_dir, database_url, args.redis_url, log_path, hash_niceness=args.hash_niceness
        )
        stack.callback(server.stop)
        server.start()
        time.sleep(STARTUP_SETTLE_SECONDS)  # /healthz answered from one process; let the other come up
        if "Traceback" in log_path.read_text(errors="replace"):
            raise RuntimeError(f"the server logged a traceback while starting:\n{server.log_tail(20)}")
        base = server.base_url

        status, body = post_json(
            base + SIGNUP_PATH,
            {"username": f"probe_{secrets.token_hex(3)}", "password": f"surge-Pass-{secrets.token_hex(4)}"},
        )
        if status != 201:
            raise RuntimeError(f"POST {SIGNUP_PATH} answered {status}: {body[:300]!r}\n{server.log_tail(15)}")
        names, seconds = create_profile_users(base, PROFILE_USERS)
        print(f"created {len(names)} profile users in {seconds:.1f}s (8 at a time)", flush=True)
        status, body = get(base + PROFILE_PATH + names[0])
        if status != 200:
            raise RuntimeError(f"GET {PROFILE_PATH}{names[0]} answered {status}: {body[:300]!r}")
        readers = reader_script(scripts, names)

        if args.warmup > 0:
            run_wrk(base + PROFILE_PATH, readers, READ_CONNECTIONS, args.warmup)
        result["load_before"] = loadavg()
        result["bg_cores_before_baseline"] = round(background_cores(), 2)
        if args.baseline_duration > 0:
            baseline = run_wrk(base + PROFILE_PATH, readers, READ_CONNECTIONS, args.baseline_duration)
            print_load("reads alone", baseline)
            result["baseline_reads"] = baseline

        result["bg_cores_before_surge"] = round(background_cores(), 2)
        users_before = int(pg_value(database_url, "SELECT count(*) FROM user_account"))
        database = database_url.rsplit("/", 1)[1]
        signups, reads, samples = run_surge(
            base, scripts, readers, args.duration, lambda: connection_states(args.pg_admin_url, database)
        )
        result["pg_connections_during_surge"] = summarise_states(samples) if samples else {}
        time.sleep(1.0)  # let sign-ups in flight when wrk stopped land before counting
        users_after = int(pg_value(database_url, "SELECT count(*) FROM user_account"))
        result["load_after"] = loadavg()
        print_load("sign-ups (surge)", signups)
        print_load("reads (during surge)", reads)
        result["signups"] = signups
        result["reads"] = reads
        result["users_created_during_surge"] = users_after - users_before
        result["argon2"] = argon2_parameters(database_url, args.hash_niceness)
        server.stop()
    result["server_log"] = summarise_log(log_path)
    result["server_log_path"] = str(log_path) if args.server_log else None
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--duration", type=float, default=20.0, help="seconds of the surge (both loads at once)"
    )
    parser.add_argument(
        "--baseline-duration",
        type=float,
        default=10.0,
        help="seconds of reads alone before the surge (0: skip)",
    )
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="unmeasured seconds of reads before the baseline"
    )
    parser.add_argument(
        "--redis-url", default=DEFAULT_REDIS_URL, help="a Redis database of its own: it is flushed"
    )
    parser.add_argument(
        "--pg-admin-url", default=DEFAULT_PG_ADMIN_URL, help="where to create and drop the throwaway database"
    )
    parser.add_argument(
        "--server-log", type=Path, help="keep the server's output here (default: a temp file)"
    )
    parser.add_argument(
        "--hash-niceness",
        type=int,
        help="POTLUCK_PASSWORD_HASH_NICENESS for the server (default: the setting's default)",
    )
    parser.add_argument("--json", help="also write the results as JSON to this file ('-': standard output)")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.baseline_duration < 0 or args.warmup < 0:
        parser.error("--duration must be at least 1, --baseline-duration and --warmup not negative")
    for url in (args.redis_url, args.pg_admin_url):
        if "127.0.0.1" not in url and "localhost" not in url:
            parser.error(f"only local targets are allowed: {url}")
    if not re.fullmatch(r"redis://[^:/]+:\d+/\d+", args.redis_url):
        parser.error("--redis-url must name a database: redis://127.0.0.1:6379/14")
    return args


def verdict(result: dict[str, Any]) -> tuple[bool, list[str]]:
    signups: Load = result["signups"]
    reads: Load = result["reads"]
    per_second = signups.successes / signups.seconds
    misses = []
    if per_second < TARGET_SIGNUPS_PER_SECOND:
        misses.append(f"sign-ups {per_second:.1f}/s < {TARGET_SIGNUPS_PER_SECOND:.0f}/s")
    if reads.p99_ms >= TARGET_READ_P99_MS:
        misses.append(f"read p99 {reads.p99_ms:.1f} ms >= {TARGET_READ_P99_MS:.0f} ms")
    errors = signups.non_2xx + signups.socket_errors + reads.non_2xx + reads.socket_errors
    if errors:
        misses.append(f"{errors} non-2xx responses or socket errors")
    return not misses, misses


def report(result: dict[str, Any]) -> list[str]:
    signups: Load = result["signups"]
    reads: Load = result["reads"]
    baseline: Load | None = result.get("baseline_reads")
    argon2 = result["argon2"]
    log = result["server_log"]
    per_second = signups.successes / signups.seconds
    lines = [
        (
            f"CPUs: {os.cpu_count()}; load average before {result['load_before']},"
            f" after {result['load_after']}; background CPU just before the baseline"
            f" {result['bg_cores_before_baseline']} cores,"
            f" before the surge {result['bg_cores_before_surge']} cores"
        ),
        (
            f"argon2: stored hashes {argon2['stored_hash_prefix']}; hasher {argon2['hasher']};"
            f" {argon2['pool_threads_per_process']} hashing threads per server process"
            f" (nice {argon2['pool_thread_niceness']})"
        ),
        (
            f"sign-ups: {per_second:.1f}/s sustained ({signups.successes} x 2xx in {signups.seconds:.1f}s;"
            f" {result['users_created_during_surge']} new users in the database);"
            f" latency p50 {signups.p50_ms:.0f} ms, p99 {signups.p99_ms:.0f} ms;"
            f" non-2xx {signups.non_2xx}, socket errors {signups.socket_errors}"
        ),
        (
            f"profile reads during the surge: p50 {reads.p50_ms:.2f} ms, p99 {reads.p99_ms:.2f} ms,"
            f" {reads.requests_per_second:.0f} req/s; non-2xx {reads.non_2xx},"
            f" socket errors {reads.socket_errors}"
        ),
    ]
    if result["pg_connections_during_surge"]:
        states = ", ".join(
            f"{state} {values['mean']:g} (max {values['max']:g})"
            for state, values in result["pg_connections_during_surge"].items()
        )
        lines.append(f"PostgreSQL connections of the server during the surge, mean per second: {states}")
    if baseline is not None:
        lines.append(
            f"profile reads alone:            p50 {baseline.p50_ms:.2f} ms, p99 {baseline.p99_ms:.2f} ms,"
            f" {baseline.requests_per_second:.0f} req/s; non-2xx {baseline.non_2xx}"
        )
    lines.append(
        f"server log: {log['lines']} lines, {log['tracebacks']} tracebacks;"
        f" warnings and errors: {log['problems'] or 'none'}"
    )
    if result["server_log_path"]:
        lines.append(f"  kept at {result['server_log_path']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    if not redis_answers(args.redis_url):
        print(f"Redis does not answer at {args.redis_url}", file=sys.stderr)
        return 2
    machine = describe_machine()
    code = describe_code()
    print(f"machine: {machine}")
    print(f"code: {code}")
    print(
        f"load: PostgreSQL + Redis, potluck serve --workers {WORKERS}; {SIGNUP_CONNECTIONS} connections"
        f" signing up and {READ_CONNECTIONS} reading profiles for {args.duration:.0f}s"
        f" (wrk -t{WRK_THREADS} each); reads alone for {args.baseline_duration:.0f}s first;"
        " wrk shares the server's CPUs",
        flush=True,
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="potluck-surge-") as tmp:
        result = measure(args, Path(tmp))
    code_after = describe_code()
    met, misses = verdict(result)
    print()
    print("\n".join(report(result)))
    target = (
        f"target (>= {TARGET_SIGNUPS_PER_SECOND:.0f} sign-ups/s, profile read p99"
        f" < {TARGET_READ_P99_MS:.0f} ms, no errors)"
    )
    print(f"{'PASS' if met else 'MISS'}: {target}" + ("" if met else f": {'; '.join(misses)}"))
    print(f"total time: {time.monotonic() - started:.0f}s")
    if not _same_code(code, code_after):
        print(f"WARNING: the code changed during the run (now {code_after}); the server ran either version")

    signups: Load = result["signups"]
    reads: Load = result["reads"]
    if args.json:
        document = {
            "machine": machine,
            "code": code,
            "code_after": code_after,
            "args": {key: str(value) for key, value in vars(args).items()},
            "signups_per_second": round(signups.successes / signups.seconds, 2),
            "read_p50_ms": reads.p50_ms,
            "read_p99_ms": reads.p99_ms,
            "target_met": met,
            "misses": misses,
            **{key: asdict(value) if isinstance(value, Load) else value for key, value in result.items()},
        }
        for key in ("signups", "reads", "baseline_reads"):
            if key in document:
                document[key].pop("raw", None)
        text = json.dumps(document, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
