"""Translation models with random weights, in the real on-disk layouts, for tests and benchmarks.

No model can be downloaded where Potluck's tests run, so they build one: a SentencePiece
model trained on a few lines of each language, a Transformer of the requested size whose
weights are random numbers, saved with CTranslate2's spec API (the same files a converted
OPUS-MT or Argos model has), packed as an ``.argosmodel`` file or an OPUS-MT folder. It
loads, tokenises, translates and detokenises exactly as a trained model does; what it
writes is words of the target language in no sensible order.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sentencepiece
from ctranslate2.specs import transformer_spec

SAMPLE_LINES = {
    "en": [
        "Where is the best hotpot in Chengdu?",
        "This cafe is so cozy, I could stay all afternoon.",
        "Thanks for sharing, saving this for my trip!",
        "The light at sunset was beautiful.",
        "How long did it take to make?",
    ],
    "zh-Hans": [
        "成都最好吃的火锅在哪里？",
        "这家咖啡店太舒服了，可以坐一下午。",
        "谢谢分享，收藏了，旅行的时候用！",
        "日落的时候光线真美。",
        "做这个花了多长时间？",
    ],
    "fr": [
        "Où est le meilleur hotpot de Chengdu ?",
        "Ce café est tellement agréable.",
        "Merci du partage, je garde ça pour mon voyage !",
        "La lumière au coucher du soleil était magnifique.",
    ],
    "ja": ["成都で一番おいしい火鍋はどこですか？", "このカフェは居心地がいいです。", "シェアありがとう！"],
}


def train_tokenizer(lines: Sequence[str], *, vocab_size: int = 200) -> bytes:
    """A SentencePiece model (its bytes) trained on ``lines``."""
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines) * 4),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    return model.getvalue()


def _pieces(model: bytes) -> list[str]:
    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def save_model(
    output_dir: Path,
    *,
    source_vocabulary: list[str],
    target_vocabulary: list[str],
    layers: int = 2,
    heads: int = 4,
    width: int = 64,
    ffn: int = 128,
    seed: int = 7,
) -> None:
    """A Transformer with random weights, saved where CTranslate2 loads models from."""
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(num_layers=layers, num_heads=heads)
    vocabulary_sizes = {"encoder": len(source_vocabulary), "decoder": len(target_vocabulary)}

    def fill(owner: object, name: str, value: object) -> None:
        if value is None:  # a weight the model must have (optional ones are left out)
            path = name.split("/")
            setattr(owner, path[-1], _random_weight(path, vocabulary_sizes, width, ffn, rng))

    spec._visit(fill)
    spec.register_source_vocabulary(source_vocabulary)
    spec.register_target_vocabulary(target_vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(output_dir))


def _random_weight(
    path: list[str], vocabulary_sizes: dict[str, int], width: int, ffn: int, rng: np.random.Generator
) -> np.ndarray:
    leaf, parent = path[-1], path[-2]
    if leaf in ("gamma", "beta"):
        return (np.ones if leaf == "gamma" else np.zeros)(width, dtype=np.float32)
    if parent.startswith("embeddings") or parent == "projection":
        rows = vocabulary_sizes[path[0]]
        return rng.normal(0, 0.1, (rows, width)).astype(np.float32)
    block, linear = path[-3], parent
    rows = width
    if block == "self_attention" and linear == "linear_0":
        rows = 3 * width  # queries, keys and values in one matrix
    elif block == "attention" and linear == "linear_1":
        rows = 2 * width  # the encoder's keys and values
    elif block == "ffn":
        return rng.normal(0, 0.1, (ffn, width) if linear == "linear_0" else (width, ffn)).astype(np.float32)
    return rng.normal(0, 0.1, (rows, width)).astype(np.float32)


def build_opus_folder(folder: Path, source: str, target: str, **size: int) -> Path:
    """An OPUS-MT-style CTranslate2 folder (model.bin, source.spm, target.spm)."""
    folder.mkdir(parents=True, exist_ok=True)
    source_spm = train_tokenizer(SAMPLE_LINES[source])
    target_spm = train_tokenizer(SAMPLE_LINES[target])
    (folder / "source.spm").write_bytes(source_spm)
    (folder / "target.spm").write_bytes(target_spm)
    save_model(folder, source_vocabulary=_pieces(source_spm), target_vocabulary=_pieces(target_spm), **size)
    return folder


def build_argos_package(file: Path, source: str, target: str, **size: int) -> Path:
    """An ``.argosmodel`` file (a zip with metadata.json, model/ and sentencepiece.model)."""
    argos_codes = {"zh-Hans": "zh", "zh-Hant": "zt"}
    from_code, to_code = argos_codes.get(source, source), argos_codes.get(target, target)
    tokenizer = train_tokenizer(SAMPLE_LINES[source] + SAMPLE_LINES[target], vocab_size=300)
    vocabulary = _pieces(tokenizer)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / f"translate-{from_code}_{to_code}"
        (root / "model").mkdir(parents=True)
        save_model(root / "model", source_vocabulary=vocabulary, target_vocabulary=vocabulary, **size)
        (root / "sentencepiece.model").write_bytes(tokenizer)
        metadata = {
            "package_version": "1.0",
            "argos_version": "1.9.0",
            "from_code": from_code,
            "from_name": source,
            "to_code": to_code,
            "to_name": target,
            "type": "translate",
        }
        (root / "metadata.json").write_text(json.dumps(metadata))
        (root / "README.md").write_text("Random weights: for tests only.\n")
        file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(file, "w") as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(root.parent).as_posix())
    return file


def copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination)
