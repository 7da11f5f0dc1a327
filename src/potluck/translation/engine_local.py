"""Translation on this server: CTranslate2 models (Argos Translate or OPUS-MT, :mod:`.packages`).

A text is cut into its lines and each line into sentences (pysbd), each sentence is
tokenised with the model's SentencePiece model, the sentences of a batch are translated
together on the CPU (int8) and put back together line by line. Each model is loaded once
per process, on first use, and kept. A pair without a model of its own goes through
English (zh -> en -> fr); Traditional Chinese is converted to and from Simplified with
OpenCC when the models know only Simplified.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import opencc
import pysbd
import sentencepiece

from potluck.translation.engine import EngineError
from potluck.translation.languages import TO_TRADITIONAL, base
from potluck.translation.packages import ModelPackage, installed

if TYPE_CHECKING:
    import ctranslate2

PIVOT = "en"
MAX_PIECES = 200  # per segment: a "sentence" without punctuation is cut into pieces this long
BEAM_SIZE = 2
MAX_BATCH = 32
_UNSPACED = {"zh", "ja", "th", "lo", "km", "my"}  # sentences follow each other with no space
_PYSBD = {"am", "ar", "bg", "da", "de", "el", "en", "es", "fa", "fr", "hi", "hy", "it", "ja", "kk",
          "mr", "my", "nl", "pl", "ru", "sk", "ur", "zh"}  # fmt: skip


@dataclass(frozen=True)
class Convert:
    """A step that changes only the Chinese script (OpenCC's ``t2s``, or ``s2twp`` for
    Traditional readers)."""

    config: str


Step = ModelPackage | Convert


def plan(packages: Sequence[ModelPackage], source: str, target: str) -> list[Step] | None:
    """The steps from ``source`` to ``target`` with these models, or None if there are none."""
    pairs = {(p.source, p.target): p for p in packages}
    before: list[Step] = []
    after: list[Step] = []
    if source == "zh-Hant" and not any(s == source for s, _ in pairs):
        before, source = [Convert("t2s")], "zh-Hans"
    if target == "zh-Hant" and not any(t == target for _, t in pairs):
        after, target = [Convert(TO_TRADITIONAL)], "zh-Hans"
    if source == target:
        return [*before, *after] or None
    if (source, target) in pairs:
        middle: list[Step] = [pairs[source, target]]
    elif (source, PIVOT) in pairs and (PIVOT, target) in pairs:
        middle = [pairs[source, PIVOT], pairs[PIVOT, target]]
    else:
        return None
    return [*before, *middle, *after]


class LocalEngine:
    name = "local"

    def __init__(self, models_dir: Path, *, threads: int = 0) -> None:
        self.models_dir = models_dir
        self.threads = threads
        self._packages: list[ModelPackage] | None = None
        # One translation at a time per process: the model already uses every thread given.
        self._busy = asyncio.Semaphore(1)

    @property
    def packages(self) -> list[ModelPackage]:
        if self._packages is None:
            self._packages = installed(self.models_dir)
        return self._packages

    def available(self) -> bool:
        return bool(self.packages)

    @property
    def label(self) -> str:
        """What readers are told: the kind of models installed."""
        kinds = {package.kind for package in self.packages}
        return " / ".join(
            name for kind, name in (("argos", "Argos Translate"), ("opus-mt", "OPUS-MT")) if kind in kinds
        )

    async def supports(self, source: str, target: str) -> bool:
        return plan(self.packages, source, target) is not None

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        steps = plan(self.packages, source, target)
        if steps is None:
            raise EngineError(f"no model translates {source} to {target}")
        async with self._busy:
            try:
                return await asyncio.to_thread(self._run, steps, list(texts))
            except (RuntimeError, ValueError, OSError) as error:  # a broken or missing model file
                raise EngineError(f"the local model failed: {error}") from error

    def _run(self, steps: list[Step], texts: list[str]) -> list[str]:
        for step in steps:
            if isinstance(step, Convert):
                converter = _converter(step.config)
                texts = [converter.convert(text) for text in texts]
            else:
                texts = translate_with(step, texts, threads=self.threads)
        return texts

    async def close(self) -> None:
        return None


def translate_with(package: ModelPackage, texts: list[str], *, threads: int = 0) -> list[str]:
    """Translate ``texts`` with one model, keeping their lines (blocking: call in a thread)."""
    source_sp = _tokenizer(package.source_tokenizer)
    target_sp = _tokenizer(package.target_tokenizer)
    # Every segment of every line of every text, and where each goes back.
    segments: list[list[str]] = []
    layout: list[list[list[int]]] = []  # text -> line -> indexes into segments
    for text in texts:
        lines = []
        for line in text.split("\n"):
            indexes = []
            for sentence in split_sentences(line, base(package.source)):
                for chunk in _chunks(source_sp.encode(sentence, out_type=str)):
                    indexes.append(len(segments))
                    tokens = ([package.source_prefix] if package.source_prefix else []) + chunk
                    segments.append([*tokens, package.end_token] if package.end_token else tokens)
            lines.append(indexes)
        layout.append(lines)
    outputs: list[str] = []
    if segments:
        results = _translator(package.model_dir, threads).translate_batch(
            segments,
            beam_size=BEAM_SIZE,
            max_batch_size=MAX_BATCH,
            max_decoding_length=min(3 * max(len(s) for s in segments) + 10, 512),
        )
        for result in results:
            pieces = [p for p in result.hypotheses[0] if p not in ("</s>", "<pad>", "<unk>")]
            outputs.append(target_sp.decode(pieces).strip())
    joiner = "" if base(package.target) in _UNSPACED else " "
    return ["\n".join(joiner.join(outputs[i] for i in line) for line in lines) for lines in layout]


def split_sentences(line: str, language: str) -> list[str]:
    """A line's sentences (pysbd; its English rules for languages it does not know)."""
    if not line.strip():
        return []
    return [
        s.strip() for s in _segmenter(language if language in _PYSBD else "en").segment(line) if s.strip()
    ]


def _chunks(pieces: list[str]) -> list[list[str]]:
    return [pieces[i : i + MAX_PIECES] for i in range(0, len(pieces), MAX_PIECES)] or [[]]


_LOCK = threading.Lock()


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _tokenizer(path: Path) -> sentencepiece.SentencePieceProcessor:
    with _LOCK:
        return _tokenizer_cached(path)


@functools.cache
def _tokenizer_cached(path: Path) -> sentencepiece.SentencePieceProcessor:
    return sentencepiece.SentencePieceProcessor(model_file=str(path))


def _translator(model_dir: Path, threads: int) -> ctranslate2.Translator:
    with _LOCK:  # two jobs asking at once still load the model once
        return _translator_cached(model_dir, threads)


@functools.cache
def _translator_cached(model_dir: Path, threads: int) -> ctranslate2.Translator:
    import ctranslate2  # noqa: PLC0415 - a large library: loaded with the first model

    return ctranslate2.Translator(
        str(model_dir), device="cpu", compute_type="int8", inter_threads=1, intra_threads=threads
    )


def loaded_models() -> int:
    """How many models this process holds (for tests: one load per process)."""
    return _translator_cached.cache_info().currsize


def forget_models() -> None:
    """Let go of every loaded model and tokenizer (after packages were removed)."""
    with _LOCK:
        _translator_cached.cache_clear()
        _tokenizer_cached.cache_clear()
