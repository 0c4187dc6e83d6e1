"""Near-duplicate and syndicated copies: MinHash LSH over word shingles proposes, containment of
the shorter text verified exactly decides.

Articles are added in publication order, so a group's canonical article is its earliest one
(or the first stored when dates are missing or equal).
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DuplicateParams:
    """A copy shares at least ``containment`` of the shorter text's word ``shingle``-grams with
    the longer one: most of it, verified exactly on the shingle sets, whatever the MinHash
    estimate said (an estimate near 0.5 on short texts is mostly noise and shared boilerplate).
    LSH only proposes candidates: ``lsh_threshold`` is low enough to propose a short copy inside a
    text three times its length (resemblance ≈ 0.2; at 0.3 three hand-checked copies of the
    Giveme5W1H set were never proposed). Stores bucketed at another threshold find the copies of
    their older articles again after ``stories build --rebuild``. Texts with fewer than ``min_shingles``
    (briefs, captions, a wire footer) are too generic to call copies."""

    shingle: int = 5
    num_perm: int = 128
    lsh_threshold: float = 0.2
    containment: float = 0.8
    min_shingles: int = 50


def shingles(text: str, size: int) -> set[int]:
    """Hashes of the word ``size``-grams of ``text`` (lower-cased, punctuation ignored)."""
    words = [w.lower() for w in _WORD.findall(text)]
    grams = (" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1)))
    # 64-bit stable hashes: Python's hash() is salted per process, which would break determinism.
    return {struct.unpack("<Q", hashlib.blake2b(g.encode(), digest_size=8).digest())[0] for g in grams}


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH bands and rows datasketch picks for a threshold: it integrates for them (about
    0.3 s), which every build paid twice; they depend only on the two parameters."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class DuplicateIndex:
    """Groups of copies, built one article at a time."""

    def __init__(self, params: DuplicateParams | None = None) -> None:
        self.params = params or DuplicateParams()
        self.lsh = MinHashLSH(threshold=self.params.lsh_threshold, num_perm=self.params.num_perm,
                              params=_bands(self.params.lsh_threshold, self.params.num_perm))
        self.sets: dict[str, set[int]] = {}
        self.canonical: dict[str, str] = {}
        self.similarity: dict[str, float] = {}
        self.buckets: dict[str, list[tuple[int, int]]] = {}  # doc id -> its LSH (band, bucket) pairs

    def _minhash(self, hashes: set[int]) -> MinHash:
        m = MinHash(num_perm=self.params.num_perm, seed=1, hashfunc=int)
        # The shingles are hashed already: datasketch takes them as they are, cut to the 32 bits
        # its permutations expect.
        m.update_batch([h & 0xFFFFFFFF for h in hashes])
        return m

    def add(self, doc_id: str, text: str, canonical: str | None = None) -> str:
        """Index ``doc_id`` and return its canonical article id (itself when it copies nothing).

        ``canonical`` replays a stored decision instead of deciding again.
        """
        if doc_id in self.canonical:
            return self.canonical[doc_id]
        hashes = shingles(text, self.params.shingle)
        if len(hashes) < self.params.min_shingles:
            self.canonical[doc_id] = canonical or doc_id
            return self.canonical[doc_id]
        m = self._minhash(hashes)
        self.buckets[doc_id] = self.band_buckets(m)
        if canonical is None:
            canonical, best = doc_id, 0.0
            for other in sorted(self.lsh.query(m)):
                sim = self._verify(hashes, self.sets[other])
                if sim > best:
                    canonical, best = self.canonical[other], sim
            if canonical != doc_id:
                self.similarity[doc_id] = round(best, 4)
        self.canonical[doc_id] = canonical
        self.sets[doc_id] = hashes
        self.lsh.insert(doc_id, m)
        return canonical

    def band_buckets(self, m: MinHash) -> list[tuple[int, int]]:
        """The signature cut into the LSH index's bands, each hashed to a signed 64-bit bucket: what
        the store keeps so that a later build finds candidate copies through an index."""
        rows = self.lsh.r
        out = []
        for band in range(self.lsh.b):
            chunk = m.hashvalues[band * rows:(band + 1) * rows].astype("<u8").tobytes()
            out.append((band, struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0]))
        return out

    def buckets_of(self, text: str) -> list[tuple[int, int]]:
        """The (band, bucket) pairs of ``text`` (none for a text too short to call a copy)."""
        hashes = shingles(text, self.params.shingle)
        return self.band_buckets(self._minhash(hashes)) if len(hashes) >= self.params.min_shingles else []

    def _verify(self, a: set[int], b: set[int]) -> float:
        """The share of the shorter text found in the longer when it makes a copy, else 0."""
        contained = len(a & b) / min(len(a), len(b))
        return contained if contained >= self.params.containment else 0.0

    def groups(self) -> dict[str, list[str]]:
        """Canonical id -> its copies (only groups with at least one copy)."""
        out: dict[str, list[str]] = {}
        for doc_id, canonical in self.canonical.items():
            if doc_id != canonical:
                out.setdefault(canonical, []).append(doc_id)
        return out
