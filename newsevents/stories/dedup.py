"""Near-duplicate articles: wire copies, updated versions and syndicated reprints.

Reads an :class:`~newsevents.stories.features.Article`'s ``text``; decides which earlier
article, if any, it is a copy of.

Each text becomes a set of word shingles and a MinHash signature (datasketch). Locality
sensitive hashing cuts the signature into bands; two texts that agree on a whole band
become candidates, and a candidate is a copy when the signatures' estimate of the
Jaccard similarity, or of how much of the shorter text the longer one contains, is high
enough. The bands are plain 64-bit keys so that the store can keep them in a table and
find candidates with a join: the index is persistent and grows with each ingest,
where datasketch's in-memory ``MinHashLSH`` would have to be rebuilt every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from .features import shingle_hashes

NUM_PERM = 128
# The band layout is chosen (by datasketch) for this Jaccard similarity: texts this alike
# become candidates with probability one half, copies (0.6 and above) almost surely.
CANDIDATE_JACCARD = 0.4
# A copy: most shingles shared (an edited lead or an added paragraph spoils a few)...
DUPLICATE_JACCARD = 0.6
# ...or the shorter text found almost whole inside the longer (a reprint cut short, an
# update that added paragraphs). Estimated from the signatures and the two sizes.
DUPLICATE_CONTAINMENT = 0.85
# Texts shorter than this many shingles share boilerplate more than wording; only an
# identical text marks them as copies.
MIN_SHINGLES = 20
_SEED = 1


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature (:data:`NUM_PERM` 32-bit values, as bytes), its
    number of shingles and a hash of its whole text."""

    signature: bytes
    shingles: int
    text_hash: str

    def values(self) -> np.ndarray:
        """The signature as an array of 32-bit values."""
        return np.frombuffer(self.signature, dtype=np.uint32)

    def keys(self) -> list[tuple[int, int]]:
        """``(band, key)`` pairs: one signed 64-bit key per band of the signature."""
        bands, rows = band_layout()
        width = rows * 4  # bytes per band
        keys = []
        for band in range(bands):
            chunk = self.signature[band * width:(band + 1) * width]
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            keys.append((band, int.from_bytes(digest, "little", signed=True)))
        return keys


@cache
def band_layout() -> tuple[int, int]:
    """``(bands, rows)``: datasketch's optimal layout for :data:`CANDIDATE_JACCARD`."""
    # datasketch is imported where it is used: it loads scipy (half a second), which the
    # readers of the store (``serve``, ``beat report``) never need.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


@cache
def _permutations() -> Any:
    """The MinHash permutations, drawn once (drawing them is most of a small text's cost)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED).permutations


def _same(value: int) -> int:
    return value


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of an article text."""
    from datasketch import MinHash

    hashes = shingle_hashes(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_same,
                      permutations=_permutations(), scheme="affine32")
    minhash.update_batch(hashes.tolist())
    normalised = " ".join(text.split()).lower()
    return Fingerprint(
        signature=np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes(),
        shingles=len(hashes),
        text_hash=hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).hexdigest(),
    )


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """The Jaccard similarity of two shingle sets, estimated from their signatures."""
    left, right = a.values(), b.values()
    return float(np.count_nonzero(left == right)) / len(left)


def containment(a: Fingerprint, b: Fingerprint, similarity: float | None = None) -> float:
    """How much of the smaller shingle set lies in the larger: |A ∩ B| / min(|A|, |B|).

    From J = |A ∩ B| / |A ∪ B| and |A ∪ B| = |A| + |B| - |A ∩ B| follows
    |A ∩ B| = J (|A| + |B|) / (1 + J).
    """
    j = jaccard(a, b) if similarity is None else similarity
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    return min(1.0, j * (a.shingles + b.shingles) / (1.0 + j) / smaller)


def is_copy(a: Fingerprint, b: Fingerprint) -> float | None:
    """The Jaccard estimate if one text is a copy of the other, else None."""
    if a.text_hash == b.text_hash:
        return 1.0
    if min(a.shingles, b.shingles) < MIN_SHINGLES:
        return None
    j = jaccard(a, b)
    if j >= DUPLICATE_JACCARD or containment(a, b, j) >= DUPLICATE_CONTAINMENT:
        return j
    return None


def best_original(fp: Fingerprint, candidates: Iterable[tuple[str, Fingerprint]]
                  ) -> str | None:
    """The id of the candidate ``fp`` is most like, among those it is a copy of."""
    best: tuple[float, str] | None = None
    for doc_id, other in candidates:
        score = is_copy(fp, other)
        if score is not None and (best is None or (score, doc_id) > best):
            best = (score, doc_id)
    return best[1] if best else None
