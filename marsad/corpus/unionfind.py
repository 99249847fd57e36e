"""Groups joined pair by pair (union-find, path halving): near-duplicates join the copies of one text
(`dedup.near_duplicates`); any corpus stage that links items two at a time and wants the linked groups can use it."""
from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Each item starts alone; `join(a, b)` puts a's group into b's; `find` names an item's group by one member."""

    def __init__(self, items: Iterable[Hashable]):
        self._up = {i: i for i in items}

    def find(self, item: Hashable) -> Hashable:
        up = self._up
        while up[item] != item:
            up[item] = up[up[item]]   # path halving: the next look-up is shorter
            item = up[item]
        return item

    def join(self, a: Hashable, b: Hashable) -> None:
        self._up[self.find(a)] = self.find(b)

    def groups(self) -> list[list]:
        """The groups, each in the order its items were given; groups in the order of their first item."""
        out: dict = {}
        for i in self._up:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())
