"""Translation (issue #7): a kept translation served under load, and how fast the local
engine translates on this machine.

1. ``GET /api/v1/notes/{id}/translation?target=en`` for notes whose translation is kept
   (the demo's human ones are served the same way): PostgreSQL + Redis, ``potluck serve
   --workers 2``, 50 concurrent connections with h2load (closed loop, HTTP/1.1; see
   bench/note_read.py for why h2load). Two scenarios: ``hot`` (3 notes everyone opens) and
   ``wide`` (1,000 different notes), logged out, and ``token`` (the 1,000 with an API
   token). Target: p99 at most 10 ms at 50 connections (``hot`` and ``wide``).
2. CTranslate2 on 2 cores, int8: output tokens per second of a model of OPUS-MT's size
   (6 + 6 layers, width 512, 8 heads, feed-forward 2048, 32,000-word vocabularies) with
   **random weights** (no trained model can be downloaded here; a trained model of the
   same shape does the same arithmetic per token, but stops when its sentence is done,
   where random weights run to the length limit, so the figure is per token, not per
   sentence), batches of 1 and 32 sentences, beam 2 (what the local engine uses); then
   the local engine end to end (sentence splitting, SentencePiece, CTranslate2, joining)
   on a 12-sentence note.

The notes are seeded with bench/note_read.py's COPY fixture (10,000 notes), marked Chinese
and given kept translations. Needs h2load (Debian nghttp2-client), a local PostgreSQL
accepting ``postgres`` without a password and Redis at 127.0.0.1:6379::

    .venv/bin/python bench/translation_speed.py [--duration 20] [--skip-serve] [--skip-model] [--json FILE|-]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from http_baseline import (
    BIN_DIR,
    DEFAULT_PG_ADMIN_URL,
    Server,
    background_cores,
    postgres_database,
    potluck_env,
    redis_answers,
    running,
    serve_command,
)
from note_read import run_load, seed

CONNECTIONS = 50
TARGET_P99_MS = 10.0
NOTES = 10_000


async def keep_translations(database_url: str, note_ids: list[int]) -> None:
    """Mark the notes Chinese and keep an English translation of their words (as the
    demo's are kept), in one transaction."""
    import asyncpg  # noqa: PLC0415

    from potluck.kit.ids import new_id  # noqa: PLC0415
    from potluck.kit.language import text_digest  # noqa: PLC0415

    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(
            "UPDATE note SET language = 'zh-Hans' WHERE id = ANY($1::bigint[])", note_ids
        )
        rows = await connection.fetch("SELECT title, body FROM note WHERE id = ANY($1::bigint[])", note_ids)
        texts = {text for row in rows for text in (row["title"], row["body"]) if text}
        await connection.copy_records_to_table(
            "translation",
            columns=["id", "content_hash", "source", "target", "engine", "text", "created_at"],
            records=[
                (new_id(), text_digest(text), "zh-Hans", "en", "human", f"(English) {text}", time_now())
                for text in texts
            ],
        )
    finally:
        await connection.close()


def time_now() -> Any:
    from datetime import UTC, datetime  # noqa: PLC0415

    return datetime.now(UTC)


def uri_file(path: Path, base_url: str, note_ids: list[int]) -> Path:
    path.write_text("".join(f"{base_url}/api/v1/notes/{i}/translation?target=en\n" for i in note_ids))
    return path


def serve_benchmark(args: argparse.Namespace, results: dict[str, Any]) -> bool:
    redis_url = args.redis_url if redis_answers(args.redis_url) else None
    results["serve"] = {"mode": "postgresql+redis" if redis_url else "postgresql", "workers": args.workers}
    passed = True
    with (
        tempfile.TemporaryDirectory(prefix="translation-") as tmp,
        postgres_database(args.pg_admin_url) as url,
    ):
        var_dir = Path(tmp)
        database_url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
        env = potluck_env(var_dir, database_url, redis_url)
        subprocess.run([str(BIN_DIR / "potluck"), "db", "upgrade"], env=env, check=True, capture_output=True)
        seeded = asyncio.run(seed(database_url, NOTES))
        everything = [*seeded.targets.values(), *seeded.others][:1000]
        asyncio.run(keep_translations(database_url, everything))
        print(f"seeded {NOTES:,} notes, {len(everything):,} with a kept translation")
        (var_dir / "serve").mkdir()
        server = Server(
            "potluck",
            serve_command(args.workers),
            potluck_env(var_dir / "serve", database_url, redis_url),
            var_dir / "server.log",
        )
        scenarios = [
            ("hot", "logged out, 3 notes in turn", everything[:3], None),
            ("wide", f"logged out, {len(everything):,} notes in turn", everything, None),
            ("token", f"API token, {len(everything):,} notes in turn", everything, seeded.token),
        ]
        with running(server):
            for name, what, note_ids, token in scenarios:
                uris = uri_file(var_dir / f"{name}.txt", server.base_url, note_ids)
                log = var_dir / f"{name}.log"
                run_load(uris, 3, token=token, log=log)  # warm up
                single = run_load(uris, min(args.duration, 10), connections=1, token=token, log=log)
                cores = background_cores()
                load = run_load(uris, args.duration, token=token, log=log)
                results["serve"][name] = {
                    "what": what,
                    "single": asdict(single),
                    "load": asdict(load),
                    "in_flight": load.in_flight,
                    "background_cores": cores,
                }
                print(f"\n{name}: {what}")
                print(
                    f"  1 connection:   {single.requests_per_second:,.0f} req/s   "
                    f"p50 {single.p50_ms:.1f} ms   p99 {single.p99_ms:.1f} ms"
                )
                print(
                    f"  {CONNECTIONS} connections: {load.requests_per_second:,.0f} req/s   "
                    f"p50 {load.p50_ms:.1f} ms   p90 {load.p90_ms:.1f} ms   p99 {load.p99_ms:.1f} ms   "
                    f"max {load.max_ms:.0f} ms   "
                    f"non-2xx {load.non_2xx}   errors {load.errors}"
                )
                print(f"  check: {load.in_flight:.1f} in flight (Little's law)   bg cores {cores:.2f}")
                if name in ("hot", "wide"):
                    ok = load.p99_ms <= TARGET_P99_MS and load.non_2xx == 0
                    passed = passed and ok
    print(
        f"\n{'PASS' if passed else 'MISS'}: kept translation p99 <= {TARGET_P99_MS:.0f} ms at "
        f"{CONNECTIONS} connections (hot and wide)"
    )
    return passed


def model_benchmark(args: argparse.Namespace, results: dict[str, Any]) -> None:
    import ctranslate2  # noqa: PLC0415
    import sentencepiece  # noqa: PLC0415

    from potluck.demo.content.translated_zh import EN  # noqa: PLC0415
    from potluck.translation import engine_local, packages, random_model  # noqa: PLC0415

    sentences = [text for text in EN.values() if 20 <= len(text) <= 160][:256]
    with tempfile.TemporaryDirectory(prefix="ct2-") as tmp:
        folder = Path(tmp) / "opus-mt-en-zh"
        folder.mkdir()
        spm = random_model.train_tokenizer(sentences, vocab_size=2000)
        (folder / "source.spm").write_bytes(spm)
        (folder / "target.spm").write_bytes(
            random_model.train_tokenizer(random_model.SAMPLE_LINES["zh-Hans"] * 20)
        )
        processor = sentencepiece.SentencePieceProcessor(model_proto=spm)
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        target_processor = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        target_pieces = [target_processor.id_to_piece(i) for i in range(target_processor.get_piece_size())]
        filler = [f"▁x{i}" for i in range(32_000)]
        started = time.perf_counter()
        random_model.save_model(
            folder,
            source_vocabulary=(pieces + filler)[:32_000],
            target_vocabulary=(target_pieces + filler)[:32_000],
            layers=6,
            heads=8,
            width=512,
            ffn=2048,
        )
        build = time.perf_counter() - started
        size = (folder / "model.bin").stat().st_size
        print(
            f"\nrandom-weight model of OPUS-MT's shape: {size / 2**20:.0f} MiB int8, built in {build:.1f} s"
        )
        translator = ctranslate2.Translator(
            str(folder), device="cpu", compute_type="int8", inter_threads=1, intra_threads=args.threads
        )
        batches = [
            [[*processor.encode(s, out_type=str), "</s>"] for s in sentences[i : i + 32]]
            for i in range(0, 128, 32)
        ]
        translator.translate_batch(batches[0][:2], beam_size=2, max_decoding_length=32)  # warm up
        results["model"] = {"size_mib": size / 2**20, "threads": args.threads, "runs": {}}
        for label, batch_size in (("batch of 1", 1), ("batch of 32", 32)):
            produced = read = 0
            seconds = 0.0
            for batch in batches:
                for start in range(0, len(batch), batch_size):
                    part = batch[start : start + batch_size]
                    began = time.perf_counter()
                    out = translator.translate_batch(
                        part,
                        beam_size=2,
                        max_batch_size=32,
                        max_decoding_length=min(3 * max(map(len, part)) + 10, 512),
                    )
                    seconds += time.perf_counter() - began
                    produced += sum(len(r.hypotheses[0]) for r in out)
                    read += sum(map(len, part))
                if batch_size == 1 and seconds > 20:
                    break
            rate = produced / seconds
            results["model"]["runs"][label] = {
                "output_tokens": produced,
                "input_tokens": read,
                "seconds": seconds,
                "output_tokens_per_second": rate,
            }
            print(
                f"  {label:<12} {rate:>8,.0f} output tokens/s ({produced:,} tokens in {seconds:.1f} s, "
                f"beam 2, int8, {args.threads} threads)"
            )
        # The local engine end to end on a note of 12 sentences (package installed as an operator would).
        models = Path(tmp) / "models"
        packages.install(folder, models)
        engine = engine_local.LocalEngine(models, threads=args.threads)
        note = " ".join(sentences[:12])
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            asyncio.run(engine.translate([note], source="en", target="zh-Hans"))
            timings.append(time.perf_counter() - began)
        results["model"]["note_seconds"] = statistics.median(timings)
        print(
            f"  a 12-sentence note ({len(note)} characters) end to end: {statistics.median(timings):.2f} s "
            "(median of 3; random weights run every sentence to its length limit)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 intra-op threads")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-model", action="store_true")
    parser.add_argument("--json", help="write results as JSON to FILE (- for stdout)")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    passed = True
    if not args.skip_serve:
        passed = serve_benchmark(args, results)
    if not args.skip_model:
        model_benchmark(args, results)
    if args.json:
        text = json.dumps(results, indent=2, default=str)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
