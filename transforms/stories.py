"""Story signatures: a body normalised for comparison, MinHash band keys to find candidates, the same-story test."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from transforms.records import StorySignature

SHINGLE_CHARS = 5  # a shingle is 5 consecutive characters of the normalised body
MIN_CHARS = 30  # a body shorter than this after normalisation (a caption, a one-liner) is a story of its own
NEAR_JACCARD = 0.5  # near-duplicate: Jaccard similarity of the two shingle sets at least this
EXCERPT_CONTAINMENT = 0.8  # excerpt (teaser): this share of the shorter body's shingles is in the longer one
NEAR_MIN_CHARS = 80  # a near match needs both bodies this long: short items are mostly their labels
EXCERPT_MIN_CHARS = 50  # an excerpt (the shorter body) is at least this long
MAX_DAYS_APART = 30  # near and excerpt matches need printings at most this far apart (exact ones do not)
LEAD_CHARS = 60  # the lead signature covers the first 60 normalised characters, where a teaser starts

# MinHash LSH banding (datasketch's MinHash values, bands stored in PostgreSQL so the index is incremental):
# body: 96 permutations in 32 bands of 3 rows, a pair at Jaccard 0.5 shares a band with p = 0.986;
# lead: 30 permutations in 10 bands of 3 rows, a pair of leads at Jaccard 0.7 shares a band with p = 0.985.
BODY_BANDS, BODY_ROWS = 32, 3
LEAD_BANDS, LEAD_ROWS = 10, 3
LEAD_BAND_OFFSET = 100  # lead band numbers start here, body bands at 0
_SEED = 13
# datasketch 2's default "affine32" scheme, computed here (importing datasketch loads scipy: ~1 s per
# process); stored band keys depend on it and on crc32 as the shingle hash. A test checks the values
# against datasketch's own MinHash.

_DROP = re.compile(r"[\W_]+")
_BAND_HASH = hashlib.blake2b(digest_size=8, person=b"newsetl-band")  # copied per band, never updated
_BMP = 0x10000
_NOT_ALONE = 0xFFFFFFFF  # in `_char_table`: the char's normal form depends on the text around it
# UTF-8 bytes after a shingle's first char: a BMP char has 3 at most
_MAX_BYTES_AFTER = (SHINGLE_CHARS - 1) * 3


@dataclass(frozen=True)
class StoryMatch:
    """Why two bodies are the same story: exact, near (Jaccard) or excerpt (containment of the shorter)."""

    kind: str  # exact | near | excerpt
    similarity: float  # 1.0 for exact; the Jaccard or containment that passed the threshold


def normalise(text: str) -> str:
    """Text for comparison: NFKC (full-width to half-width), lowercase, whitespace and punctuation dropped."""
    by_char = _normalise_by_char(text)
    if by_char is not None:
        return by_char
    # NFKC of a text is NFKC of the text with any char replaced by its compatibility decomposition (NFKD):
    # replacing the common ones first (，：（） full-width forms, U+3000) by one translate leaves a text NFKC's
    # quick check passes, where NFKC itself went char by char through its slow path
    return _DROP.sub("", unicodedata.normalize("NFKC", text.translate(_decompositions())).lower())


def _normalise_by_char(text: str) -> str | None:
    """`normalise` of a text whose every char normalises on its own, by one table look-up per char; else None."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not codes.size:
        return ""
    if codes.max() >= _BMP:
        return None
    mapped = _char_table()[codes]
    if (mapped == _NOT_ALONE).any():
        return None
    return mapped[mapped != 0].tobytes().decode("utf-32-le")


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """`normalise` of each BMP char alone, as a code point (0: dropped), where the text around it cannot change it.

    That holds for a char whose compatibility decomposition holds only starters that compose with nothing
    before them (so NFKC neither reorders nor composes across it) and that lowercases to at most one char
    other than a context-dependent final sigma; every other char is _NOT_ALONE.
    """
    seconds = _composition_seconds()
    table = np.full(_BMP, _NOT_ALONE, dtype="<u4")
    for cp in range(_BMP):
        char = chr(cp)
        decomposed = unicodedata.normalize("NFKD", char)
        if 0xD800 <= cp <= 0xDFFF or any(unicodedata.combining(c) or c in seconds for c in decomposed):
            continue
        nfkc = unicodedata.normalize("NFKC", char)
        out = _DROP.sub("", nfkc.lower())
        if len(out) <= 1 and "Σ" not in nfkc:
            table[cp] = ord(out) if out else 0
    return table


def _composition_seconds() -> frozenset[str]:
    """The BMP chars canonical composition joins to the char before them (Hangul medial vowels and finals too)."""
    seconds = {chr(cp) for cp in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    for cp in range(_BMP):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    return frozenset(seconds)


@lru_cache(maxsize=1)
def _decompositions() -> list[int | str]:
    """A translate table of the BMP: each char whose NFKC form is its compatibility decomposition maps to it.

    A list indexed by code point, every other char mapped to itself (chars past the BMP are left as they
    are): str.translate looks a list up without the KeyError a dict raises for every char it does not hold.
    """
    table: list[int | str] = list(range(0x10000))
    for cp in range(0x10000):
        decomposed = unicodedata.normalize("NFKD", chr(cp))
        if decomposed != chr(cp) and decomposed == unicodedata.normalize("NFKC", chr(cp)):
            table[cp] = decomposed
    return table


def shingles(norm: str) -> frozenset[str]:
    """The set of SHINGLE_CHARS-character substrings of a normalised text (the text itself when shorter)."""
    if len(norm) <= SHINGLE_CHARS:
        return frozenset([norm]) if norm else frozenset()
    return frozenset(norm[i : i + SHINGLE_CHARS] for i in range(len(norm) - SHINGLE_CHARS + 1))


@lru_cache(maxsize=2)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of num_perm permutations h -> a * h + b mod 2**32, drawn as datasketch's MinHash draws them."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)  # odd: a bijection
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _shingle_hashes(norm: str) -> np.ndarray:
    """crc32 of the UTF-8 bytes of every SHINGLE_CHARS-character substring of norm, in order (repeats kept)."""
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype="<u4").astype(np.int64)
    if len(norm) <= SHINGLE_CHARS or cps.max() >= _BMP:
        windows = [norm[i : i + SHINGLE_CHARS] for i in range(max(len(norm) - SHINGLE_CHARS, 0) + 1)]
        return np.array([zlib.crc32(w.encode("utf-8")) for w in windows if w], dtype=np.uint32)
    n_bytes, carried, zeros_crc = _crc_tables()
    ends = np.cumsum(n_bytes[cps])  # UTF-8 byte offset where each char ends
    n = len(norm) - SHINGLE_CHARS + 1
    shingle_ends = ends[SHINGLE_CHARS - 1 :]
    shingle_starts = np.concatenate(([0], ends[: n - 1]))
    hashes = zeros_crc[shingle_ends - shingle_starts]
    for j in range(SHINGLE_CHARS):  # the j-th char of every shingle, carried over the bytes after it
        hashes ^= carried.take((shingle_ends - ends[j : j + n]) * _BMP + cps[j : j + n])
    return hashes


@lru_cache(maxsize=1)
def _crc_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The parts crc32 of a BMP shingle is XORed from: per char its UTF-8 length and its carried registers.

    crc32 is affine over GF(2): crc32(m) = crc32(len(m) zero bytes) ^ R(m), where R(m) is the CRC register
    after m from 0, and R of a text is the XOR of each char's R carried through the bytes after it.
    carried[k * _BMP + cp] is R(UTF-8 of chr(cp)) carried through k zero bytes (one flat array: numpy's take
    on it is quicker than a 2-D index); zeros_crc[k] is crc32 of k zero bytes.
    """
    zeros_crc = np.array([zlib.crc32(bytes(k)) for k in range(4 * SHINGLE_CHARS + 1)], dtype=np.uint32)
    n_bytes = np.zeros(_BMP, dtype=np.int32)
    carried = np.zeros((_MAX_BYTES_AFTER + 1, _BMP), dtype=np.uint32)
    for cp in range(_BMP):
        if not 0xD800 <= cp <= 0xDFFF:  # surrogates have no UTF-8
            encoded = chr(cp).encode("utf-8")
            n_bytes[cp] = len(encoded)
            carried[0, cp] = zlib.crc32(encoded) ^ zeros_crc[len(encoded)]
    # the register after one more zero byte, by zlib's own table (crc32 takes and gives the register inverted)
    one_byte = np.array(
        [~zlib.crc32(b"\0", ~r & 0xFFFFFFFF) & 0xFFFFFFFF for r in range(256)], dtype=np.uint32
    )
    for k in range(1, _MAX_BYTES_AFTER + 1):
        carried[k] = one_byte[carried[k - 1] & 0xFF] ^ (carried[k - 1] >> np.uint32(8))
    return n_bytes, carried.ravel(), zeros_crc


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's pre-mix of each input hash in its affine32 scheme."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)  # uint32 arrays wrap: the product is mod 2**32, as the scheme wants
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _minhash(mixed: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash values of shingles given by their pre-mixed hashes (a repeat changes no minimum).

    The same values as datasketch's `MinHash.update_batch` with these permutations (a * h + b mod 2**32,
    the least per permutation), computed in one numpy product: building a MinHash per article cost more
    than the product itself. One row per permutation, so each minimum runs along contiguous memory."""
    a, b = _permutations(num_perm)
    permuted = np.multiply.outer(a, mixed)
    permuted += b[:, None]
    return permuted.min(axis=1)


def _band_keys(values: np.ndarray, bands: int, rows: int, offset: int) -> list[tuple[int, int]]:
    """(band number, signed 64-bit key) of each band of a MinHash signature."""
    data = values[: bands * rows].astype("<u8").tobytes()
    size = rows * 8
    digests = []
    for band in range(bands):
        band_hash = _BAND_HASH.copy()
        band_hash.update(data[band * size : (band + 1) * size])
        digests.append(band_hash.digest())
    keys = np.frombuffer(b"".join(digests), dtype="<i8").tolist()
    return list(zip(range(offset, offset + bands), keys, strict=True))


def signature(body: str) -> StorySignature:
    """The story signature of an article body."""
    norm = normalise(body)
    if len(norm) < MIN_CHARS:
        return StorySignature(body_hash=None, n_chars=len(norm), bands=())
    body_hash = hashlib.sha1(norm.encode("utf-8")).hexdigest()
    mixed = _fmix32(_shingle_hashes(norm))
    body_values = _minhash(mixed, BODY_BANDS * BODY_ROWS)
    # the lead's shingles are the body's first ones (norm holds MIN_CHARS > SHINGLE_CHARS chars or more)
    lead_values = _minhash(mixed[: min(len(norm), LEAD_CHARS) - SHINGLE_CHARS + 1], LEAD_BANDS * LEAD_ROWS)
    bands = _band_keys(body_values, BODY_BANDS, BODY_ROWS, 0)
    bands += _band_keys(lead_values, LEAD_BANDS, LEAD_ROWS, LEAD_BAND_OFFSET)
    return StorySignature(body_hash=body_hash, n_chars=len(norm), bands=tuple(bands))


def compare(a: str, b: str, days_apart: int | None = None) -> StoryMatch | None:
    """Whether two normalised bodies are the same story, and how; None when they are different stories.

    `days_apart` is the distance between the two page dates when both are known: a routine item printed
    again months later (the same meeting, the same attendance list) is a new story unless word for word.
    """
    if len(a) < MIN_CHARS or len(b) < MIN_CHARS:
        return None
    if a == b:
        return StoryMatch("exact", 1.0)
    shorter = min(len(a), len(b))
    if shorter < EXCERPT_MIN_CHARS or (days_apart is not None and abs(days_apart) > MAX_DAYS_APART):
        return None
    sa, sb = shingles(a), shingles(b)
    shared = len(sa & sb)
    jaccard = shared / len(sa | sb)
    if jaccard >= NEAR_JACCARD and shorter >= NEAR_MIN_CHARS:
        return StoryMatch("near", round(jaccard, 4))
    containment = shared / min(len(sa), len(sb))
    if containment >= EXCERPT_CONTAINMENT:
        return StoryMatch("excerpt", round(containment, 4))
    return None
