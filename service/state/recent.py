"""The recommendations this process gave lately, kept in memory (bounded, oldest dropped first).

While Redis is unreachable, an outcome for one of them can still be checked against what was
recommended and recorded (service/state/durable_outcomes.py)."""

from __future__ import annotations

from collections import OrderedDict

__all__ = ["RecentRecommendations"]


class RecentRecommendations:
    """The last `size` answers (encoded) by (jurisdiction, recommendation id)."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    def put(self, jurisdiction: str, recommendation_id: str, body: bytes) -> None:
        self._items[(jurisdiction, recommendation_id)] = body
        if len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, jurisdiction: str, recommendation_id: str) -> bytes | None:
        return self._items.get((jurisdiction, recommendation_id))
