"""How many Redis replicas must hold a write before the service acknowledges it.

Redis replicates asynchronously: a master that dies right after answering a write can take it
with it, and the replica Sentinel promotes never saw it. For the writes the service acknowledges
(an outcome: a dispatcher's decision; a field record: what happened after it), the write is
followed on the same connection by
`WAIT <replicas> <timeout>`, which returns how many replicas have everything the connection wrote.
Fewer than needed and the write is treated as not stored: the caller spools it (fsync'ed locally,
service/durability/spool.py) before it answers, and the spool replays it later, again with WAIT.

Needed = every replica attached to the master (its ROLE, read by the app's health poll), and at
least `minimum` (DISPATCH_OUTCOME_MIN_REPLICAS): with minimum 1, a master that lost all its
replicas cannot acknowledge alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError

__all__ = ["NotReplicated", "ReplicaAck"]


class NotReplicated(RedisError):
    """Redis took the write but fewer replicas than needed confirmed it in time; `stored` is what
    was written (the caller spools it)."""

    def __init__(self, message: str, stored: Any = None) -> None:
        super().__init__(message)
        self.stored = stored


@dataclass(slots=True)
class ReplicaAck:
    minimum: int = 0
    timeout_ms: int = 500
    attached: int = 0  # replicas attached to the master, as its ROLE last said

    @property
    def needed(self) -> int:
        return max(self.minimum, self.attached)

    def observe_role(self, role: Any) -> None:
        """Update from a ROLE reply: ["master", offset, [[ip, port, offset], ...]]."""
        if role and role[0] in (b"master", "master"):
            self.attached = len(role[2])

    def check(self, acknowledged: Any, needed: int, stored: Any = None) -> None:
        if int(acknowledged) < needed:
            raise NotReplicated(f"{acknowledged} of {needed} replica(s) confirmed the write in "
                                f"{self.timeout_ms} ms", stored)
