"""Compile each distinct policy text once per process.

A starting process meets the same document several times: seeding reads each policy file (to learn
its jurisdiction and validate it), activation validates and compiles it, the cache loads the active
version from Redis, and the files are loaded again as the fallback for a Redis outage. Each compile
parses the YAML, validates it and builds the areas' grids (~15-20 ms of CPU per example policy), and
the six examples were compiled 20 times per start (~0.3 s of a restart, docs/performance.md). Here
the compiled form is kept by the text's digest and handed out again under the version asked for.

A compiled policy is immutable (frozen dataclasses, lookup tables nobody writes after compiling), so
two versions of the same text may share everything but the version string. Invalid texts are not
kept: they raise each time, with their errors.
"""

from __future__ import annotations

import copy
import hashlib
from collections import OrderedDict

from service.policy.compile import CompiledPolicy, load_policy

__all__ = ["compiled_policy"]

# Enough for every jurisdiction's active and previous version in a large deployment's process; a
# compiled policy holds its areas' geometries and grids, so the memo stays bounded.
_KEEP = 64
_memo: OrderedDict[bytes, CompiledPolicy] = OrderedDict()


def compiled_policy(text: bytes | str, version: str = "draft") -> CompiledPolicy:
    """load_policy(text, version), compiling a text already seen by this process only once."""
    raw = text.encode() if isinstance(text, str) else text
    digest = hashlib.sha256(raw).digest()
    policy = _memo.get(digest)
    if policy is None:
        policy = load_policy(raw, version)
        _memo[digest] = policy
        if len(_memo) > _KEEP:
            _memo.popitem(last=False)
    else:
        _memo.move_to_end(digest)
    if policy.version == version:
        return policy
    # The same compiled tables under another version string: a shallow copy, as `replace` would
    # rebuild every route (~2 ms per example policy) for nothing.
    named = copy.copy(policy)
    object.__setattr__(named, "version", version)  # frozen: set once here, before anyone sees it
    return named
