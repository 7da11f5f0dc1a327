"""Translation models installed on this server: CTranslate2 models in ``POTLUCK_TRANSLATION_MODELS_DIR``.

Two layouts are understood, each kept in a folder of its own with a ``potluck-package.json``
written at install time (what it translates, where its parts are):

* **Argos Translate packages** (``.argosmodel``: a zip holding ``metadata.json`` with
  ``from_code``/``to_code``, a CTranslate2 model in ``model/`` and ``sentencepiece.model``).
* **OPUS-MT models converted to CTranslate2** (a folder with ``model.bin``, ``source.spm``
  and ``target.spm``, as ``ct2-transformers-converter --copy_files source.spm target.spm``
  makes them); the pair comes from a folder name like ``opus-mt-en-zh`` or is given.

``potluck translation install FILE`` and ``potluck translation list`` use this module.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from potluck.translation.languages import normalise

MANIFEST = "potluck-package.json"
MAX_PACKAGE_BYTES = 4 * 1024**3  # unpacked; a real pair is 60-200 MB
_OPUS_NAME = re.compile(r"opus-mt-([a-zA-Z_]+)-([a-zA-Z_]+)$")
# Argos names Traditional Chinese "zt".
_ARGOS_CODES = {"zt": "zh-Hant", "zh": "zh-Hans"}


class PackageError(Exception):
    """A file that is not a translation model this server can use (the message says why)."""


@dataclass(frozen=True)
class ModelPackage:
    path: Path  # the package's folder
    kind: str  # "argos" | "opus-mt"
    source: str  # BCP-47, as Potluck names languages
    target: str
    name: str
    version: str
    model_dir: Path
    source_tokenizer: Path
    target_tokenizer: Path
    # Marian models put "</s>" after each sentence's pieces; some multilingual ones want a
    # target-language token first (">>cmn_Hans<<").
    end_token: str | None
    source_prefix: str | None


def _code(raw: str) -> str:
    code = _ARGOS_CODES.get(raw) or normalise(raw)
    if code is None:
        raise PackageError(f"unknown language code {raw!r}")
    return code


def installed(models_dir: Path) -> list[ModelPackage]:
    """Every package in ``models_dir`` (none if it does not exist), by pair."""
    if not models_dir.is_dir():
        return []
    found = [_read(folder) for folder in sorted(models_dir.iterdir()) if (folder / MANIFEST).is_file()]
    return sorted(found, key=lambda package: (package.source, package.target, package.name))


def _read(folder: Path) -> ModelPackage:
    data = json.loads((folder / MANIFEST).read_text())
    return ModelPackage(
        path=folder,
        kind=data["kind"],
        source=data["source"],
        target=data["target"],
        name=data["name"],
        version=data.get("version", ""),
        model_dir=folder / data["model"],
        source_tokenizer=folder / data["source_tokenizer"],
        target_tokenizer=folder / data["target_tokenizer"],
        end_token=data.get("end_token"),
        source_prefix=data.get("source_prefix"),
    )


def install(
    file: Path,
    models_dir: Path,
    *,
    source: str | None = None,
    target: str | None = None,
    source_prefix: str | None = None,
) -> ModelPackage:
    """Install an ``.argosmodel`` file or an OPUS-MT CTranslate2 folder; replaces an
    installed package of the same name. Raises :class:`PackageError`."""
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".installing-") as scratch:
        staging = Path(scratch) / "package"
        if file.is_dir():
            manifest = _opus_manifest(file, source=source, target=target, source_prefix=source_prefix)
            shutil.copytree(file, staging)
        elif zipfile.is_zipfile(file):
            manifest = _unpack_argos(file, staging)
        else:
            raise PackageError(f"{file} is neither an .argosmodel file nor a CTranslate2 model folder")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        package = _read(staging)
        _check_parts(package)
        final = models_dir / str(manifest["name"])
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    return _read(final)


def remove(models_dir: Path, name: str) -> bool:
    folder = models_dir / name
    if not (folder / MANIFEST).is_file():
        return False
    shutil.rmtree(folder)
    return True


def _check_parts(package: ModelPackage) -> None:
    for part in (package.model_dir / "model.bin", package.source_tokenizer, package.target_tokenizer):
        if not part.is_file():
            raise PackageError(f"the package has no {part.relative_to(package.path)}")


def _opus_manifest(
    folder: Path, *, source: str | None, target: str | None, source_prefix: str | None
) -> dict[str, object]:
    if not (folder / "model.bin").is_file():
        raise PackageError(f"{folder} has no model.bin: convert the model with ct2-transformers-converter")
    if match := _OPUS_NAME.search(folder.name):
        source, target = source or match.group(1), target or match.group(2)
    if not source or not target:
        raise PackageError("say which languages the model translates (--from and --to)")
    pair = (_code(source), _code(target))
    return {
        "kind": "opus-mt",
        "source": pair[0],
        "target": pair[1],
        "name": f"opus-mt-{pair[0]}-{pair[1]}",
        "version": "",
        "model": ".",
        "source_tokenizer": "source.spm",
        "target_tokenizer": "target.spm",
        "end_token": "</s>",
        "source_prefix": source_prefix,
    }


def _unpack_argos(file: Path, staging: Path) -> dict[str, object]:
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_PACKAGE_BYTES:
            raise PackageError("the package is larger than 4 GB unpacked")
        for member in members:
            parts = PurePosixPath(member.filename).parts
            if member.filename.startswith("/") or ".." in parts:
                raise PackageError(f"unsafe path in the package: {member.filename!r}")
        metadata_names = [m.filename for m in members if PurePosixPath(m.filename).name == "metadata.json"]
        if not metadata_names:
            raise PackageError("not an Argos Translate package: no metadata.json")
        root = PurePosixPath(min(metadata_names, key=len)).parent
        archive.extractall(staging.parent / "unpacked")
    shutil.move(str(staging.parent / "unpacked" / root), staging)
    try:
        metadata = json.loads((staging / "metadata.json").read_text())
        source, target = _code(str(metadata["from_code"])), _code(str(metadata["to_code"]))
    except (KeyError, ValueError) as error:
        raise PackageError(f"the package's metadata.json is not usable: {error}") from error
    tokenizer = "sentencepiece.model"
    return {
        "kind": "argos",
        "source": source,
        "target": target,
        "name": f"argos-{source}-{target}",
        "version": str(metadata.get("package_version", "")),
        "model": "model",
        "source_tokenizer": tokenizer,
        "target_tokenizer": tokenizer,
        "end_token": None,
        "source_prefix": None,
    }
