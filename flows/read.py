"""Finding page files in a source folder and reading them: hashing, decoding, sidecar metadata."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

# Encodings a Chinese page may come in besides UTF-8/UTF-16; the GB family decodes as GB18030, its superset.
GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz", "cp936"}
CJK_ENCODINGS = GB_FAMILY | {"big5", "big5hkscs", "cp950"}
MIN_TEXT_RATIO = 0.9  # share of characters that must be printable or whitespace (any Unicode space)


@dataclass(frozen=True)
class SourceFile:
    """A page file found in a source folder."""

    source_dir: str  # absolute path of the source folder
    path: str  # relative to source_dir, with forward slashes
    sha256: str
    size_bytes: int
    mtime_ns: int | None = None  # modification time when discovered; with the size, a cheap "unchanged"

    @property
    def abs_path(self) -> Path:
        """Where the file is on disk."""
        return Path(self.source_dir) / self.path


@dataclass(frozen=True)
class DecodedFile:
    """A page file's text, the encoding it was in, and the page date from its sidecar if any."""

    file: SourceFile
    text: str
    encoding: str
    sidecar_date: dt.date | None


class ReadError(ValueError):
    """A page file that cannot be read as text; the message says why and what to do."""


def _is_inside(path: Path, root: Path) -> bool:
    """True when `path` resolves to a location inside `root`."""
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


RACY_NS = 2_000_000_000  # a file modified less than this before discovery is hashed again next time
Stat = tuple[int, int, str]  # (size_bytes, mtime_ns, sha256) of a file as last recorded


def _page_entries(root: Path) -> list[tuple[tuple[str, ...], os.stat_result]]:
    """(relative path parts, stat) of every regular `*.txt` file under `root`; hidden entries and links out skipped."""
    found: list[tuple[tuple[str, ...], os.stat_result]] = []
    todo: list[tuple[str, ...]] = [()]
    while todo:
        parts = todo.pop()
        with os.scandir(root.joinpath(*parts)) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = (*parts, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    todo.append(rel)
                    continue
                if not entry.name.lower().endswith(".txt"):
                    continue
                if entry.is_symlink() and not _is_inside(Path(entry.path), root):
                    continue
                if entry.is_file():  # follows an inside link to its target
                    found.append((rel, entry.stat()))
    found.sort(key=lambda item: item[0])
    return found


def discover(source: Path, known: dict[str, Stat] | None = None) -> list[SourceFile]:
    """Every regular `*.txt` file inside `source` (recursively, hidden entries skipped), hashed, by path.

    A file whose size and mtime_ns equal its entry in `known` (relative path -> recorded stat) keeps the
    recorded sha256 without being read, as make and rsync judge a file unchanged."""
    root = source.resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"source folder {source} does not exist or is not a folder")
    known = known or {}
    settled = time.time_ns() - RACY_NS
    found: list[SourceFile] = []
    for parts, st in _page_entries(root):
        rel = "/".join(parts)
        seen = known.get(rel)
        if seen is not None and seen[0] == st.st_size and seen[1] == st.st_mtime_ns:
            sha256, size = seen[2], st.st_size
        else:
            data = (root / rel).read_bytes()
            sha256, size = hashlib.sha256(data).hexdigest(), len(data)
        # a file modified just now may change again within the clock's tick: its stat proves nothing yet
        mtime_ns = st.st_mtime_ns if st.st_mtime_ns < settled else None
        found.append(SourceFile(str(root), rel, sha256, size, mtime_ns))
    return found


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a page's bytes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK, Big5) to text and encoding name."""
    if not data:
        raise ReadError("the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    best = charset_normalizer.from_bytes(data).best()
    detected = best.encoding.lower().replace("-", "").replace("_", "") if best else None
    names = {e.replace("-", "").replace("_", ""): e for e in CJK_ENCODINGS}
    if detected not in names:
        raise ReadError(
            f"not UTF-8, UTF-16 or GB18030 (first bad UTF-8 byte at {first_bad}"
            + (f", looks like {best.encoding}" if best else "")
            + ")"
        )
    encoding = "gb18030" if names[detected] in GB_FAMILY else names[detected]
    return _strict(data, encoding), encoding


def _strict(data: bytes, encoding: str) -> str:
    """Decode strictly, turning a decoding failure into a ReadError."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(f"not valid {encoding} (bad byte at {err.start})") from err


def check_text(text: str) -> None:
    """Raise ReadError when decoded text is blank or not text at all (binary data, no letters)."""
    if not text.strip():
        raise ReadError("the file holds only whitespace")
    # any Unicode whitespace is text: e-paper pages indent with U+3000 and space with U+00A0,
    # which str.isprintable() calls unprintable
    if "".join(text.split()).isprintable():  # the usual page, checked in C: every char printable or space
        printable = len(text)
    else:
        printable = sum(1 for ch in text if ch.isprintable() or ch.isspace())
    if "\x00" in text or printable / len(text) < MIN_TEXT_RATIO:
        raise ReadError("the file holds binary data, not text")
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        raise ReadError("the file holds no text (no letters or Chinese characters)")


def read_sidecar_date(path: Path) -> dt.date | None:
    """The page date from `<file>.meta.json` (key `date` or `page_date`, ISO format), if the sidecar exists."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.is_file():
        sidecar = path.with_suffix(".meta.json")
        if not sidecar.is_file():
            return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        value = meta.get("page_date") or meta.get("date")
        return dt.date.fromisoformat(value) if value else None
    except (ValueError, AttributeError, TypeError) as err:
        raise ReadError(f"sidecar {sidecar.name} is not JSON with an ISO `date`: {err}") from err


def read_file(file: SourceFile) -> DecodedFile:
    """Read, decode and check one page file; raise ReadError with the reason when it cannot be used."""
    try:
        data = file.abs_path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot be read: {err.strerror or err}") from err
    if hashlib.sha256(data).hexdigest() != file.sha256:
        raise ReadError("the file changed while the run was reading it; the next run picks it up")
    text, encoding = decode_page(data)
    return DecodedFile(file=file, text=text, encoding=encoding, sidecar_date=read_sidecar_date(file.abs_path))


def decode_page(data: bytes) -> tuple[str, str]:
    """A page file's bytes as checked text without a BOM, and the encoding; ReadError when not usable."""
    text, encoding = decode_bytes(data)
    text = text.lstrip("\ufeff")
    check_text(text)
    return text, encoding
