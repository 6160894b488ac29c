"""API keys: one jurisdiction and a set of scopes per key; only a hash is ever stored.

A key looks like `da_<key id>_<secret>`. Redis holds sha256(key) -> principal. Each process
keeps the whole (small) key table in memory and reloads it when its epoch changes, so checking
a key costs no Redis round trip and keeps working while Redis is down; a revocation reaches
every process within one poll interval.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import TYPE_CHECKING, Literal

import msgspec

from service.state import keyspace

if TYPE_CHECKING:  # annotations only: the CLI reads SCOPES without loading redis
    from redis.asyncio import Redis

__all__ = [
    "SCOPES",
    "KeyRing",
    "Principal",
    "create_key",
    "hash_key",
    "list_keys",
    "revoke_key",
    "rotate_key",
]

Scope = Literal["cad:write", "units:write", "console:read", "console:write", "policy:admin"]
SCOPES: tuple[str, ...] = ("cad:write", "units:write", "console:read", "console:write", "policy:admin")


class Principal(msgspec.Struct, frozen=True):
    key_id: str
    jurisdiction: str
    scopes: frozenset[str]
    created_at: float = 0.0
    label: str = ""


_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Principal).decode


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def create_key(redis: Redis, jurisdiction: str, scopes: list[str], label: str = "") -> str:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ValueError(f"unknown or missing scopes {unknown}; choose from {', '.join(SCOPES)}")
    key_id = secrets.token_hex(4)
    key = f"da_{key_id}_{secrets.token_urlsafe(24)}"
    principal = Principal(key_id, jurisdiction, frozenset(scopes), time.time(), label)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(keyspace.KEYS_HASH, hash_key(key), _encode(principal))
        pipe.incr(keyspace.KEYS_EPOCH)
        await pipe.execute()
    return key


async def list_keys(redis: Redis) -> list[Principal]:
    raw = await redis.hgetall(keyspace.KEYS_HASH)
    return sorted((_decode(v) for v in raw.values()), key=lambda p: (p.jurisdiction, p.created_at))


async def revoke_key(redis: Redis, key_id: str) -> bool:
    for digest, value in (await redis.hgetall(keyspace.KEYS_HASH)).items():
        if _decode(value).key_id == key_id:
            async with redis.pipeline(transaction=True) as pipe:
                pipe.hdel(keyspace.KEYS_HASH, digest)
                pipe.incr(keyspace.KEYS_EPOCH)
                await pipe.execute()
            return True
    return False


async def rotate_key(redis: Redis, key_id: str) -> tuple[str, Principal] | None:
    """Replace a key by a new one with the same jurisdiction, scopes and label, atomically: the
    old key stops working when the new one starts (within one poll interval on every process).
    Returns the new key (shown once) and its principal, or None if there is no such key."""
    for digest, value in (await redis.hgetall(keyspace.KEYS_HASH)).items():
        old = _decode(value)
        if old.key_id != key_id:
            continue
        new_id = secrets.token_hex(4)
        key = f"da_{new_id}_{secrets.token_urlsafe(24)}"
        principal = Principal(new_id, old.jurisdiction, old.scopes, time.time(), old.label)
        async with redis.pipeline(transaction=True) as pipe:
            pipe.hdel(keyspace.KEYS_HASH, digest)
            pipe.hset(keyspace.KEYS_HASH, hash_key(key), _encode(principal))
            pipe.incr(keyspace.KEYS_EPOCH)
            await pipe.execute()
        return key, principal
    return None


class KeyRing:
    """The in-memory copy of the key table."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Principal] = {}
        self.epoch: bytes | None = None

    def load(self, table: dict[bytes, bytes], epoch: bytes | None) -> None:
        self._by_hash = {k.decode(): _decode(v) for k, v in table.items()}
        self.epoch = epoch

    async def refresh(self, redis: Redis) -> None:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.get(keyspace.KEYS_EPOCH)
            pipe.hgetall(keyspace.KEYS_HASH)
            epoch, table = await pipe.execute()
        if epoch is None and self.epoch is not None:
            # Every change (create, revoke, rotate) bumps the epoch, so it never goes away on its
            # own: a Redis that lost its data (restarted without persistence, an empty replica)
            # must not revoke every key and lock the CADs out. Keep the ring we have.
            return
        self.load(table, epoch)

    def authenticate(self, key: str) -> Principal | None:
        # Looking up sha256(key) rather than comparing secrets means the time taken tells an
        # attacker nothing about how close a guess was.
        return self._by_hash.get(hash_key(key))
