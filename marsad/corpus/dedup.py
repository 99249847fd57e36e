"""Near-duplicates: wire copies and republished articles.

MinHash (datasketch) over word 4-shingles of the normalised text, LSH banding to find candidates, then an exact check
on the shingle sets of each candidate pair: Jaccard >= JACCARD, or containment >= CONTAINMENT (a shortened copy: one
paragraph dropped, a dateline or byline changed). Pairs are joined into groups; each group's canonical document is
the earliest published, then the longest. Never all-pairs: only LSH buckets are compared.
"""
from __future__ import annotations

import struct
import zlib

from datasketch import MinHash, MinHashLSH

from marsad.corpus.features import day, words
from marsad.corpus.unionfind import UnionFind
from marsad.model import AnalysedDocument

SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.4   # candidate generation; the exact check below decides
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 25     # shorter texts are only duplicates by Jaccard


def _hash(b: bytes) -> int:
    return zlib.crc32(b) & 0xFFFFFFFF


def shingles(text: str) -> set[bytes]:
    w = words(text)
    if len(w) < SHINGLE:
        return {" ".join(w).encode()} if w else set()
    return {" ".join(w[i:i + SHINGLE]).encode() for i in range(len(w) - SHINGLE + 1)}


def signature(sh: set[bytes]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, hashfunc=_hash)
    if sh:
        m.update_batch(list(sh))
    return m


def is_duplicate(a: set[bytes], b: set[bytes]) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= JACCARD:
        return True
    small = min(len(a), len(b))
    return small >= MIN_SHINGLES and inter / small >= CONTAINMENT


def canonical_key(ad: AnalysedDocument):
    """Sort key: the canonical copy of a group is the earliest published (undated last), then the longest."""
    d = ad.document
    return (day(d.published) or 10**9, -len(d.text), d.id)


def groups_to_map(groups: list[list[AnalysedDocument]]) -> dict[str, str]:
    out = {}
    for g in groups:
        g = sorted(g, key=canonical_key)
        for ad in g[1:]:
            out[ad.document.id] = g[0].document.id
    return out


def near_duplicates(ads: list[AnalysedDocument]) -> dict[str, str]:
    """{duplicate doc id: canonical doc id} for every document that copies another (canonical ones are not keys)."""
    if len(ads) < 2:
        return {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sh: dict[str, set[bytes]] = {}
    by_id = {a.document.id: a for a in ads}
    copies = UnionFind(by_id)
    for a in ads:
        did = a.document.id
        s = shingles(a.document.text)
        if not s:
            continue
        sh[did] = s
        m = signature(s)
        for other in lsh.query(m):
            if copies.find(other) != copies.find(did) and is_duplicate(s, sh[other]):
                copies.join(did, other)
        lsh.insert(did, m)
    return groups_to_map([[by_id[d] for d in g] for g in copies.groups() if len(g) > 1])


def band_keys(m: MinHash, bands: int = 16) -> list[str]:
    """LSH band keys of a signature (for the stored incremental index): `bands` bands of NUM_PERM/bands rows."""
    r = NUM_PERM // bands
    hv = m.hashvalues
    return [f"{b}:{zlib.crc32(struct.pack(f'<{r}Q', *map(int, hv[b * r:(b + 1) * r]))):08x}" for b in range(bands)]
