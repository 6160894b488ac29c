"""Policies in Redis: versioned, activated atomically, and mirrored in every process's memory.

Activation writes the new version, points `active` at it, bumps a global epoch and publishes a
message. Processes reload on the message and also poll the epoch, because Pub/Sub drops
messages while a subscriber is disconnected.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import msgspec
from redis.asyncio import Redis

from service.policy.compile import CompiledPolicy, PolicyError, PolicyInvalid
from service.policy.memo import compiled_policy
from service.state import keyspace

__all__ = ["PolicyCache", "PolicyChange", "activate", "active_document", "history", "seed_from_dir"]


class PolicyChange(msgspec.Struct, frozen=True):
    jurisdiction: str
    version: int
    policy_version: str
    activated_at: float
    sha256: str
    actor: str


_change = msgspec.json.Encoder().encode
_decode_change = msgspec.json.Decoder(PolicyChange).decode


async def activate(
    redis: Redis, raw: bytes | str, actor: str = "cli", jurisdiction: str | None = None
) -> CompiledPolicy:
    """Validate, store as a new version and make it active. Raises PolicyInvalid and stores nothing."""
    text = raw.encode() if isinstance(raw, str) else raw
    compiled = compiled_policy(text)
    j = compiled.jurisdiction
    if jurisdiction is not None and j != jurisdiction:
        raise PolicyInvalid(
            [PolicyError("jurisdiction", f"this key manages {jurisdiction!r}; the document names {j!r}")]
        )
    number = int(await redis.incr(f"{keyspace.policy_active(j)}:seq"))
    version = f"{j}@{number}"
    change = PolicyChange(j, number, version, time.time(), hashlib.sha256(text).hexdigest(), actor)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(keyspace.policy_version(j, number), text)
        pipe.set(keyspace.policy_active(j), number)
        pipe.lpush(keyspace.policy_history(j), _change(change))
        pipe.sadd(keyspace.JURISDICTIONS, j)
        pipe.incr(keyspace.POLICY_EPOCH)
        pipe.xadd(keyspace.audit(j), {"kind": "policy", "data": _change(change)})
        pipe.publish(keyspace.POLICY_CHANNEL, j)
        await pipe.execute()
    return compiled_policy(text, version)


async def history(redis: Redis, jurisdiction: str, limit: int = 100) -> list[PolicyChange]:
    raw = await redis.lrange(keyspace.policy_history(jurisdiction), 0, limit - 1)
    return [_decode_change(item) for item in raw]


async def active_document(redis: Redis, jurisdiction: str) -> tuple[int, bytes] | None:
    number = await redis.get(keyspace.policy_active(jurisdiction))
    if number is None:
        return None
    text = await redis.get(keyspace.policy_version(jurisdiction, int(number)))
    if text is None:
        return None
    return int(number), text if isinstance(text, bytes) else text.encode()


async def seed_from_dir(redis: Redis, directory: str | Path) -> list[str]:
    """Activate each policy file whose jurisdiction has none in Redis yet; returns those seeded."""
    seeded = []
    for path in sorted(Path(directory).glob("*.y*ml")):
        text = path.read_bytes()
        j = compiled_policy(text).jurisdiction
        # SET NX makes exactly one of several starting replicas do the seeding.
        if await redis.set(f"{keyspace.policy_active(j)}:seeded", 1, nx=True) and not await redis.exists(
            keyspace.policy_active(j)
        ):
            await activate(redis, text, actor=f"seed:{path.name}")
            seeded.append(j)
    return seeded


class PolicyCache:
    """The compiled policy of every jurisdiction, read by request handlers with no I/O."""

    def __init__(self) -> None:
        self.policies: dict[str, CompiledPolicy] = {}
        self.epoch: bytes | None = None
        self.failures = 0

    def get(self, jurisdiction: str) -> CompiledPolicy | None:
        return self.policies.get(jurisdiction)

    async def refresh(self, redis: Redis, epoch: bytes | None = None) -> bool:
        """Reload the jurisdictions whose active version changed; True if anything was reloaded."""
        if epoch is not None and epoch == self.epoch:
            return False
        jurisdictions = sorted(keyspace.text(m) for m in await redis.smembers(keyspace.JURISDICTIONS))
        changed = False
        for j in jurisdictions:
            found = await active_document(redis, j)
            if found is None:
                continue
            number, text = found
            version = f"{j}@{number}"
            current = self.policies.get(j)
            if current is not None and current.version == version:
                continue
            try:
                self.policies[j] = compiled_policy(text, version)
                changed = True
            except PolicyInvalid:
                # Stored policies were validated on the way in; if one still fails (a newer
                # service reading an older format), keep serving the previous one.
                self.failures += 1
        self.epoch = epoch
        return changed
