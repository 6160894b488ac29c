"""A disk cache of compiled screening vocabularies, so that a process starts in well under a second.

Building a vocabulary (service.screening.screen) expands ~750 phrases into tries and compiles ~650
regular expressions: about 1.5 s of pure Python on the reference machine, which made every start
and every CLI command slow. Two things are cached, in one file per vocabulary:

- the plan: the data the build derives from the phrases (per-start scanner patterns, the finder
  pattern, the folded literal keys and their trie for the native reader); strings, bytes, tuples
  and ints;
- the compiled form of each of its regular expressions, as the `re` module's compiler produces it
  (the opcode list and group tables handed to `_sre.compile`): parsing and compiling these
  patterns in Python is most of the cost; handing the cached code to `_sre` takes milliseconds.

The file's name is the hash of the vocabulary, of the sources that turn it into patterns and of
the Python version (the `re` opcodes change between versions), so a stale cache is never read; it
is written atomically, and any problem reading or writing it only means building as before. The
cache is built at install (`python -m service.screening.cache`, as the Dockerfile does) or by the
first process that needs it. `DISPATCH_CACHE_DIR` chooses where (default: ~/.cache/dispatch-assist).

Using `re`'s internal compiler is a measured choice (docs/performance.md): it is checked against a
normal `re.compile` of the same pattern when the code is recorded, and on any mismatch of the
internal API the cache turns itself off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "FORMAT", "KEEP", "STALE_TEMP_S", "Plan", "cache_dir", "compile_pattern", "derived", "load_plan",
    "preload", "vocabulary_key",
]

# (per start key: (flag order, terms pattern, kinds pattern or None), ...), finder pattern, literal keys,
# and the literal keys' trie for the native reader (service.screening.native.trie; None if not built)
Plan = tuple[
    dict[str, tuple[tuple[int, str, str | None], ...]], str, dict[str, int],
    tuple[bytes, bytes, bytes, bytes] | None,
]

try:  # CPython's pure-Python regex compiler; its shape is checked before use (see _record)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _INTERNALS = hasattr(_compiler, "_code") and hasattr(_parser, "parse")
except ImportError:  # pragma: no cover - another Python implementation
    _INTERNALS = False

_HERE = Path(__file__).resolve().parent
# The plan's layout: 2 since start keys may be longer than three characters (startkeys.SPLIT_AT). A
# change of layout bumps it, so that no process reads a file of another layout as its own.
FORMAT = 2
# Files kept per kind (screening plans, each derived table, each preloaded grammar): enough for the
# vocabularies one host runs side by side (the default, a jurisdiction's own, a test's), not a history.
KEEP = 16
# A temporary file older than this was left by a process killed mid-write: nobody will rename it.
STALE_TEMP_S = 3600.0
# The sources whose code decides what a vocabulary compiles to.
_SOURCES = ("terms.py", "screen.py", "startkeys.py", "index.py", "cache.py", "native.py")
# pattern -> (flags, code, groups, groupindex, indexgroup): what `_sre.compile` takes
_codes: dict[str, tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]] = {}


def cache_dir() -> Path:
    configured = os.environ.get("DISPATCH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dispatch-assist"


def vocabulary_key(phrases: Mapping[str, tuple[str, ...]]) -> str:
    digest = hashlib.sha256(sys.version.encode() + b"\0plan-format-%d" % FORMAT)
    for name in _SOURCES:
        digest.update((_HERE / name).read_bytes())
    for flag in sorted(phrases):
        digest.update(flag.encode() + b"\1" + "\0".join(phrases[flag]).encode() + b"\2")
    return digest.hexdigest()[:32]


def _record(pattern: str) -> re.Pattern[str]:
    """Compile as `re.compile` does, keeping the code for the cache."""
    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # int(): the compiler's opcodes are int subclasses that marshal cannot write
    entry = (
        int(parsed.state.flags),
        [int(c) for c in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled = _from_code(pattern, entry)
    _codes[pattern] = entry
    return compiled


def _from_code(pattern: str, entry: tuple[Any, ...]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)`, from cached code when a loaded cache has it."""
    entry = _codes.get(pattern)
    if entry is not None:
        try:
            return _from_code(pattern, entry)
        except (TypeError, ValueError, RuntimeError):
            _codes.pop(pattern, None)
    if not _INTERNALS:
        return re.compile(pattern)
    try:
        return _record(pattern)
    except Exception:  # an internal API changed: compile normally, cache nothing
        return re.compile(pattern)


def load_plan(
    phrases: Mapping[str, tuple[str, ...]], build: Callable[[], Plan], patterns: Callable[[Plan], list[str]]
) -> Plan:
    """The vocabulary's plan from the cache, or built (and its patterns' code cached)."""
    path = cache_dir() / f"screening-{vocabulary_key(phrases)}.marshal"
    try:
        plan, codes = marshal.loads(path.read_bytes())
        _codes.update(codes)
        return plan  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    plan = build()
    if _INTERNALS:
        wanted = patterns(plan)
        for pattern in wanted:
            if pattern not in _codes:
                compile_pattern(pattern)
        _store(path, (plan, {p: _codes[p] for p in wanted if p in _codes}))
    return plan


def derived(name: str, key: Sequence[str | bytes], build: Callable[[], Any]) -> Any:
    """`build()`, plain data (strings, tuples), from the cache file for `key` (everything that decides
    it: its inputs and the source of the code that computes it), or built now and written there."""
    digest = hashlib.sha256(sys.version.encode())
    for part in key:
        digest.update((part.encode() if isinstance(part, str) else part) + b"\0")
    path = cache_dir() / f"{name}-{digest.hexdigest()[:32]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, value)
    return value


def preload(name: str, patterns: list[str]) -> None:
    """Make `compile_pattern` fast for these patterns (a module's fixed grammar): their code from the
    cache file, or compiled now and written there."""
    if not _INTERNALS:
        return
    digest = hashlib.sha256(sys.version.encode() + name.encode() + "\0".join(patterns).encode())
    path = cache_dir() / f"{name}-{digest.hexdigest()[:32]}.marshal"
    try:
        _codes.update(marshal.loads(path.read_bytes()))
        return
    except (OSError, EOFError, ValueError, TypeError):
        pass
    for pattern in patterns:
        compile_pattern(pattern)
    _store(path, {p: _codes[p] for p in patterns if p in _codes})


def _store(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".screening-", delete=False) as tmp:
            tmp.write(marshal.dumps(value))
        os.replace(tmp.name, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp.name)
        # A read-only or full disk: the next start builds again; screening itself is unaffected.
        return
    _prune(path)


def _prune(written: Path) -> None:
    """Keep the KEEP most recently written files of the kind just written, delete the rest, and any
    temporary file a killed writer left behind.

    Every vocabulary and every change to the code that compiles it has its own file (a screening
    file is ~90 MB), so without this a host that is redeployed, or a developer's machine, grows the
    directory without bound: one engineering machine reached 1,326 files and 58 GB and filled its
    disk. Age is the time written, not read: marking a file on each read would make an overlay
    filesystem copy a container image's ~90 MB file up on every start. A file deleted while another
    process reads it is harmless (an open file stays readable; a process that misses it builds again).
    """
    kind = written.name.rsplit("-", 1)[0]
    entries = []
    for path in written.parent.glob(f"{kind}-*.marshal"):
        if path.name.rsplit("-", 1)[0] != kind:  # "grammar" is not "grammar-text"
            continue
        with contextlib.suppress(OSError):  # another process may have just deleted it
            entries.append((path.stat().st_mtime, path))
    entries.sort(reverse=True)
    for _, stale in entries[KEEP:]:
        if stale != written:
            with contextlib.suppress(OSError):
                stale.unlink()
    now = time.time()
    for temp in written.parent.glob(".screening-*"):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_TEMP_S:
                temp.unlink()


def main() -> int:
    """Build the cache for the default vocabulary (run at install)."""
    from service.screening.screen import default_terms  # noqa: PLC0415 - the build is the point

    default_terms()
    print(f"screening vocabulary cached in {cache_dir()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
