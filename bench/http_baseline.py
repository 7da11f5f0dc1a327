"""HTTP baseline (issue #2): what Potluck's framework layers cost against bare Starlette.

For each database backend (SQLite, PostgreSQL) and server process count (1, 2) it starts
``potluck serve`` and a bare Starlette app (``bench/bare_app.py``) doing the same single
indexed query, loads both with wrk at 50 concurrent connections, and prints requests/s,
p50 and p99 latency of ``GET /healthz`` and ``GET /api/v1/users/demo`` and the ratio
Potluck/bare. The target is a ratio of at least 0.60 everywhere.

Needs ``wrk`` on PATH (``apt-get install -y wrk``) and, for the PostgreSQL runs, a local
PostgreSQL accepting ``postgres`` without a password; a throwaway database is created and
dropped. Run it with the project's interpreter::

    .venv/bin/python bench/http_baseline.py [--duration 10] [--backends sqlite,postgres]
                                            [--workers 1,2] [--redis/--no-redis]

Everything targets 127.0.0.1. Servers run in their own process groups and are killed in
``finally`` blocks, so an interrupted run leaves nothing behind.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
BIN_DIR = Path(sys.executable).parent
HOST = "127.0.0.1"
CONNECTIONS = 50
WRK_THREADS = 2
TARGET_RATIO = 0.60
TARGET_APPS = frozenset({"potluck", "potluck+redis"})
STARTUP_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0
DEMO_USERNAME = "demo"
# potluck.db.engine.create_engine gives PostgreSQL pool_size=10, max_overflow=10: under 50
# connections of load each server process holds up to 20, and 10 when idle again.
PG_CONNECTIONS_PER_PROCESS = 20
PG_CONNECTION_SLACK = 10
DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"

# Every app the table can show. "potluck+redis" only on PostgreSQL with Redis answering;
# "potluck-no-mw" and "starlette+orm" only with --breakdown. The target applies to the
# first two: the others exist to say where the difference to "bare" goes.
APPS = ("potluck", "potluck+redis", "potluck-no-mw", "starlette+orm", "bare")

ENDPOINTS: dict[str, str] = {
    "healthz": "/healthz",
    "users/{username}": f"/api/v1/users/{DEMO_USERNAME}",
}


# --- results --------------------------------------------------------------------------


@dataclass
class Measurement:
    endpoint: str
    backend: str
    workers: int
    app: str  # one of APPS
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    background_cores: float  # CPU busy outside this benchmark just before the row (0..nproc)
    rounds: int = 1


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    raw: str = field(repr=False, default="")


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise ValueError(f"unparsable wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Requests/s, percentiles and error counts from ``wrk --latency`` output."""
    percentiles: dict[str, float] = {}
    for match in re.finditer(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE):
        percentiles[match.group(1)] = _duration_ms(match.group(2))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if rps is None or total is None or not {"50", "90", "99"} <= percentiles.keys():
        raise ValueError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if errors is not None:
        socket_errors = sum(int(value) for value in errors.groups())
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=percentiles["50"],
        p90_ms=percentiles["90"],
        p99_ms=percentiles["99"],
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors,
        raw=output,
    )


def run_wrk(url: str, seconds: float) -> WrkResult:
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse_wrk(completed.stdout)


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


def background_cores(seconds: float = 1.0) -> float:
    """CPU cores kept busy by everything else while our servers sit idle.

    The machine is shared (other people's test runs); a row measured next to a busy
    neighbour is slower for reasons that are not ours, and this says when that happened.
    """
    if not Path("/proc/stat").exists():
        return float("nan")
    busy_before, total_before = _cpu_jiffies()
    time.sleep(seconds)
    busy_after, total_after = _cpu_jiffies()
    if total_after == total_before:
        return 0.0
    return (busy_after - busy_before) / (total_after - total_before) * (os.cpu_count() or 1)


# --- servers --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    assert url.startswith(f"http://{HOST}:")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


class Server:
    """One server (possibly several uvicorn processes) in its own process group."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.command = command
        self.env = env
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        command = [part.replace("{port}", str(self.port)) for part in self.command]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at startup; see {self.log_path}:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if http_get(f"{self.base_url}/healthz", timeout=1.0)[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer /healthz within {STARTUP_TIMEOUT_SECONDS:.0f}s")

    def stop(self) -> None:
        process = self.process
        if process is None:
            return
        self.process = None
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
        # The uvicorn supervisor may be gone while a worker lingers: sweep the whole group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT_SECONDS)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@contextlib.contextmanager
def running(*servers: Server) -> Iterator[None]:
    try:
        for server in servers:
            server.start()
        yield
    finally:
        for server in servers:
            server.stop()


# --- databases ------------------------------------------------------------------------


@dataclass
class Backend:
    name: str  # "sqlite" or "postgres"
    url: str  # as POTLUCK_DATABASE_URL takes it


def potluck_env(var_dir: Path, database_url: str, redis_url: str | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("POTLUCK_", "PROMETHEUS_"))}
    env.update(
        POTLUCK_DATABASE_URL=database_url,
        POTLUCK_VAR_DIR=str(var_dir),
        POTLUCK_LOG_LEVEL="WARNING",
        # A fixed key so several processes never race to generate one.
        POTLUCK_SECRET_KEY=secrets.token_hex(32),
    )
    if redis_url:
        env["POTLUCK_REDIS_URL"] = redis_url
    return env


def prepare_database(var_dir: Path, database_url: str) -> None:
    env = potluck_env(var_dir, database_url)
    potluck = str(BIN_DIR / "potluck")
    for command in ([potluck, "db", "upgrade"], [potluck, "demo"]):
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)


async def _pg_admin(admin_url: str, statement: str) -> Any:
    import asyncpg  # noqa: PLC0415 - only the PostgreSQL runs need it

    connection = await asyncpg.connect(admin_url)
    try:
        if statement.lstrip().upper().startswith("SELECT"):
            return await connection.fetchval(statement)
        return await connection.execute(statement)
    finally:
        await connection.close()


def postgres_connection_budget(admin_url: str) -> int:
    """Connections our servers may open: max_connections less those already in use (other
    people's test databases too), less the superuser reserve and some slack."""
    free = asyncio.run(
        _pg_admin(
            admin_url,
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)",
        )
    )
    return int(free) - PG_CONNECTION_SLACK


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A throwaway database, dropped afterwards; yields its URL."""
    name = f"potluck_bench_{secrets.token_hex(4)}"
    asyncio.run(_pg_admin(admin_url, f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_pg_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def redis_answers(url: str) -> bool:
    match = re.fullmatch(r"redis://([^:/]+):(\d+)(/\d+)?", url)
    if match is None:
        return False
    try:
        with socket.create_connection((match.group(1), int(match.group(2))), timeout=1.0) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# --- the run --------------------------------------------------------------------------


def serve_command(workers: int) -> list[str]:
    """``potluck serve`` on HOST; ``{port}`` is filled in when the server starts."""
    return [str(BIN_DIR / "potluck"), "serve", "--host", HOST, "--port", "{port}", "--workers", str(workers)]


def potluck_server(var_dir: Path, database_url: str, redis_url: str | None, workers: int) -> Server:
    label = "potluck+redis" if redis_url else "potluck"
    # Its own var dir: `serve --workers N` wipes and recreates var_dir/prometheus.
    own_dir = var_dir / f"{label}-{workers}"
    own_dir.mkdir(exist_ok=True)
    command = serve_command(workers)
    return Server(label, command, potluck_env(own_dir, database_url, redis_url), own_dir / "server.log")


def factory_server(name: str, factory: str, env: dict[str, str], workers: int, log_path: Path) -> Server:
    """A ``bench/bare_app.py`` factory under uvicorn, with the options ``potluck serve`` uses."""
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        f"bare_app:{factory}",
        "--factory",
        "--app-dir",
        str(BENCH_DIR),
        "--host",
        HOST,
        "--port",
        "{port}",
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    return Server(name, command, env, log_path)


def bare_server(var_dir: Path, database_url: str, workers: int, name: str = "bare") -> Server:
    env = potluck_env(var_dir, database_url)
    env["BENCH_DATABASE_URL"] = database_url
    factory = {"bare": "create_app", "starlette+orm": "create_orm_app"}[name]
    return factory_server(name, factory, env, workers, var_dir / f"{name}-{workers}.log")


def potluck_without_middleware_server(var_dir: Path, database_url: str, workers: int) -> Server:
    own_dir = var_dir / f"potluck-no-mw-{workers}"
    own_dir.mkdir(exist_ok=True)
    env = potluck_env(own_dir, database_url)
    return factory_server(
        "potluck-no-mw", "create_potluck_without_middleware", env, workers, own_dir / "server.log"
    )


def check_same_body(servers: list[Server]) -> None:
    """Both apps must send the same JSON, or the comparison means nothing."""
    bodies = {}
    for server in servers:
        status, body = http_get(server.base_url + ENDPOINTS["users/{username}"])
        if status != 200:
            raise RuntimeError(f"{server.name}: GET users/{DEMO_USERNAME} answered {status}: {body[:200]!r}")
        bodies[server.name] = json.loads(body)
    first, *rest = bodies.values()
    for other in rest:
        if other != first:
            raise RuntimeError(f"the apps disagree on the user body: {bodies}")


def measure(
    server: Server, endpoint: str, *, backend: str, workers: int, duration: float, warmup: float
) -> Measurement:
    app = server.name
    url = server.base_url + ENDPOINTS[endpoint]
    if warmup > 0:
        run_wrk(url, warmup)
    background = background_cores()
    result = run_wrk(url, duration)
    measurement = Measurement(
        endpoint=endpoint,
        backend=backend,
        workers=workers,
        app=app,
        requests_per_second=result.requests_per_second,
        p50_ms=result.p50_ms,
        p90_ms=result.p90_ms,
        p99_ms=result.p99_ms,
        requests=result.requests,
        non_2xx=result.non_2xx,
        socket_errors=result.socket_errors,
        background_cores=background,
    )
    print(
        f"  {backend:8} w={workers} {app:14} {endpoint:17} {result.requests_per_second:9.0f} req/s"
        f"  p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms"
        f"  non-2xx {result.non_2xx}  sock-err {result.socket_errors}  bg {background:.2f} cores",
        flush=True,
    )
    if result.non_2xx or result.socket_errors:
        print(f"    {app} answered with errors; the end of its log:\n{server.log_tail(15)}", flush=True)
    return measurement


def run_pair(
    backend: Backend,
    workers: int,
    var_dir: Path,
    args: argparse.Namespace,
    redis_url: str | None,
    connection_budget: int | None,
) -> list[Measurement]:
    """The apps of one configuration up side by side (an idle server costs next to nothing)
    and measured alternately, so drift in the machine's load hits them alike.

    On PostgreSQL every process keeps a pool, so when all of them together could exceed
    the server's connection limit they run in groups, each with its own bare reference.
    """
    bare = bare_server(var_dir, backend.url, workers)
    others = [potluck_server(var_dir, backend.url, None, workers)]
    if redis_url:
        others.append(potluck_server(var_dir, backend.url, redis_url, workers))
    if args.breakdown:
        others.append(potluck_without_middleware_server(var_dir, backend.url, workers))
        others.append(bare_server(var_dir, backend.url, workers, "starlette+orm"))
    groups = [others]
    if connection_budget is not None:
        fitting = max(1, connection_budget // (PG_CONNECTIONS_PER_PROCESS * workers) - 1)
        groups = [others[start : start + fitting] for start in range(0, len(others), fitting)]
        if len(groups) > 1:
            print(
                f"  PostgreSQL has room for {connection_budget} more connections: "
                f"{len(groups)} groups of servers, each measured next to bare",
                flush=True,
            )
    results: list[Measurement] = []
    for group in groups:
        servers = [*group, bare]
        with running(*servers):
            check_same_body(servers)
            for round_index in range(args.rounds):
                for endpoint in ENDPOINTS:
                    order = servers if round_index % 2 == 0 else list(reversed(servers))
                    results.extend(
                        measure(
                            server,
                            endpoint,
                            backend=backend.name,
                            workers=workers,
                            duration=args.duration,
                            warmup=args.warmup,
                        )
                        for server in order
                    )
    return results


def combine_rounds(measurements: list[Measurement]) -> list[Measurement]:
    """One row per configuration: the median over rounds, error counts summed."""
    groups: dict[tuple[str, str, int, str], list[Measurement]] = {}
    for item in measurements:
        groups.setdefault((item.endpoint, item.backend, item.workers, item.app), []).append(item)
    combined = []
    for items in groups.values():
        first = items[0]
        combined.append(
            Measurement(
                endpoint=first.endpoint,
                backend=first.backend,
                workers=first.workers,
                app=first.app,
                requests_per_second=statistics.median(i.requests_per_second for i in items),
                p50_ms=statistics.median(i.p50_ms for i in items),
                p90_ms=statistics.median(i.p90_ms for i in items),
                p99_ms=statistics.median(i.p99_ms for i in items),
                requests=sum(i.requests for i in items),
                non_2xx=sum(i.non_2xx for i in items),
                socket_errors=sum(i.socket_errors for i in items),
                background_cores=max(i.background_cores for i in items),
                rounds=len(items),
            )
        )
    return combined


def table(results: list[Measurement]) -> tuple[str, bool]:
    """A Markdown table, one row per configuration, with the ratio to bare; and whether
    every Potluck row meets the target with no errors anywhere."""
    bare = {(r.endpoint, r.backend, r.workers): r for r in results if r.app == "bare"}
    header = "| endpoint | database | procs | app | req/s | p50 ms | p99 ms | non-2xx | sock err | bg cores"
    lines = [
        header + " | vs bare |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    met = True
    app_order = {name: index for index, name in enumerate(APPS)}
    for r in sorted(
        results,
        key=lambda r: (list(ENDPOINTS).index(r.endpoint), r.backend != "sqlite", r.workers, app_order[r.app]),
    ):
        reference = bare.get((r.endpoint, r.backend, r.workers))
        ratio = ""
        reference_ok = reference is not None and not (reference.non_2xx or reference.socket_errors)
        if r.app != "bare" and reference is not None and reference_ok and reference.requests_per_second > 0:
            value = r.requests_per_second / reference.requests_per_second
            missed = r.app in TARGET_APPS and value < TARGET_RATIO
            ratio = f"**{value:.2f}**" if missed else f"{value:.2f}"
            met = met and not missed
        if r.non_2xx or r.socket_errors:
            met = False
        lines.append(
            f"| {r.endpoint} | {r.backend} | {r.workers} | {r.app} | {r.requests_per_second:,.0f} "
            f"| {r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.non_2xx} | {r.socket_errors} "
            f"| {r.background_cores:.2f} | {ratio} |"
        )
    return "\n".join(lines), met


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of measured load per row")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before each row")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite,postgres")
    parser.add_argument("--workers", default="1,2", help="comma-separated server process counts")
    parser.add_argument("--rounds", type=int, default=1, help="repeat each row, report the median")
    parser.add_argument(
        "--redis",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure Potluck in distributed mode (PostgreSQL + Redis) when Redis answers",
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also measure Potluck without its middleware and bare Starlette doing Potluck's ORM "
        "path, to split the difference to bare into middleware, FastAPI and ORM",
    )
    parser.add_argument(
        "--pg-admin-url", default=DEFAULT_PG_ADMIN_URL, help="where to create and drop the throwaway database"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    args.workers = [int(count) for count in args.workers.split(",") if count.strip()]
    unknown = set(args.backends) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    if not args.workers or min(args.workers) < 1 or args.rounds < 1 or args.duration < 1:
        parser.error("--workers, --rounds and --duration must be positive")
    for url in (args.redis_url, args.pg_admin_url):
        if "127.0.0.1" not in url and "localhost" not in url:
            parser.error(f"only local targets are allowed: {url}")
    return args


def describe_machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0] if Path("/proc/meminfo").exists() else ""
    mem_kib = int(re.sub(r"\D", "", meminfo) or 0)
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    wrk_version = wrk.stdout.split("\n")[0]
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": wrk_version.strip(),
    }


def describe_code() -> str:
    """The code measured: the commit, the tree of src/ (which only changes when the app
    does) and a digest of uncommitted changes under src/, if any. A busy working tree can
    change under a long run; main() compares this before and after."""
    root = BENCH_DIR.parent

    def git(*arguments: str) -> str:
        try:
            completed = subprocess.run(
                ["git", *arguments], cwd=root, capture_output=True, text=True, check=False, timeout=30
            )
        except OSError:
            return ""
        return completed.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    tree = git("rev-parse", "--short", "HEAD:src") or "unknown"
    description = f"{commit}, src tree {tree}"
    diff = git("diff", "HEAD", "--", "src")
    if diff:
        digest = hashlib.sha256(diff.encode()).hexdigest()[:10]
        changed = len(git("diff", "HEAD", "--name-only", "--", "src").splitlines())
        description += f" + uncommitted changes to {changed} files (diff sha256 {digest})"
    return description


def _same_code(before: str, after: str) -> bool:
    # A commit that only touches bench/ or docs/ changes the commit, not what was measured.
    return before.split(", ", 1)[-1] == after.split(", ", 1)[-1]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    machine = describe_machine()
    code = describe_code()
    print(f"machine: {machine}")
    print(f"code: {code}")
    print(
        f"load: {CONNECTIONS} connections, wrk -t{WRK_THREADS}, {args.duration:.0f}s measured after "
        f"{args.warmup:.0f}s warm-up, {args.rounds} round(s); wrk shares the server's CPUs",
        flush=True,
    )
    results: list[Measurement] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="potluck-bench-") as tmp:
        for backend_name in args.backends:
            var_dir = Path(tmp) / backend_name
            var_dir.mkdir()
            with contextlib.ExitStack() as stack:
                if backend_name == "sqlite":
                    backend = Backend("sqlite", f"sqlite:///{var_dir / 'bench.db'}")
                else:
                    backend = Backend("postgres", stack.enter_context(postgres_database(args.pg_admin_url)))
                prepare_database(var_dir, backend.url)
                redis_url = None
                if backend_name == "postgres" and args.redis:
                    if redis_answers(args.redis_url):
                        redis_url = args.redis_url
                    else:
                        print(f"Redis does not answer at {args.redis_url}: no distributed-mode rows")
                budget = postgres_connection_budget(args.pg_admin_url) if backend_name == "postgres" else None
                for workers in args.workers:
                    results.extend(run_pair(backend, workers, var_dir, args, redis_url, budget))
    results = combine_rounds(results)
    rendered, met = table(results)
    print()
    print(rendered)
    print()
    verdict = "met" if met else "NOT met"
    print(f"target (Potluck >= {TARGET_RATIO:.0%} of bare req/s, no errors): {verdict}")
    print(f"total time: {time.monotonic() - started:.0f}s")
    code_after = describe_code()
    if not _same_code(code, code_after):
        print(f"WARNING: the code changed during the run (now {code_after}); the rows mix two versions")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine,
                    "code": code,
                    "code_after": code_after,
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "results": [asdict(r) for r in results],
                    "target_met": met,
                },
                indent=2,
            )
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
