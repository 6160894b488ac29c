"""The screening disk cache (service/screening/cache.py) and what start-up takes from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.screening import cache, native
from service.screening import terms as st
from service.screening.index import LiteralIndex, fold, folded_keys
from service.screening.screen import _patterns, _plan


def test_derived_builds_once_per_key_and_reads_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPATCH_CACHE_DIR", str(tmp_path))
    built: list[str] = []

    def build(text: str) -> tuple[str, ...]:
        built.append(text)
        return (text, text.upper())

    assert cache.derived("t", ["a", b"source"], lambda: build("x")) == ("x", "X")
    assert cache.derived("t", ["a", b"source"], lambda: build("y")) == ("x", "X")  # from disk
    assert built == ["x"]
    # Another input or another source is another entry.
    assert cache.derived("t", ["b", b"source"], lambda: build("z")) == ("z", "Z")
    assert cache.derived("t", ["a", b"source 2"], lambda: build("w")) == ("w", "W")
    assert built == ["x", "z", "w"]
    # A damaged file only means building again.
    for path in tmp_path.glob("t-*.marshal"):
        path.write_bytes(b"\0garbage")
    assert cache.derived("t", ["a", b"source"], lambda: build("v")) == ("v", "V")


def test_the_cached_plan_holds_the_native_readers_trie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPATCH_CACHE_DIR", str(tmp_path))
    phrases = {flag: st.DEFAULT_PHRASES[flag][:40] for flag in st.DEFAULT_PHRASES}
    built = cache.load_plan(phrases, lambda: _plan(phrases), _patterns)
    read = cache.load_plan(phrases, lambda: pytest.fail("built twice"), _patterns)
    assert read == built
    literal, trie = built[2], built[3]
    assert trie == (native.trie(literal) if native.AVAILABLE else None)


def test_the_index_built_on_first_use_finds_what_the_eager_one_does() -> None:
    keys = folded_keys([("gun", 1), ("knife", 1), ("not breathing", 8), ("overdose", 8)])
    eager, lazy = LiteralIndex(keys), LiteralIndex(keys, eager=False)
    found = []
    for text in (" he has a gun and a knife", " pt not breathing after overdose", " nothing here"):
        found.append(lazy.starts(fold(text)))
        assert found[-1] == eager.starts(fold(text))
    assert found[0] and found[1] and not found[2]


def test_the_cache_keeps_a_bounded_number_of_files_per_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each vocabulary has its own file: a host redeployed many times must not fill its disk."""
    monkeypatch.setenv("DISPATCH_CACHE_DIR", str(tmp_path))
    other = cache.derived("t-other", ["kept"], lambda: ("other",))
    left = tmp_path / ".screening-killed-writer"
    left.write_bytes(b"half a file")
    os.utime(left, (1.0, 1.0))  # written long ago by a process that died before renaming it
    fresh = tmp_path / ".screening-writing-now"
    fresh.write_bytes(b"being written")
    for n in range(cache.KEEP + 5):
        cache.derived("t", [str(n)], lambda n=n: (n,))  # type: ignore[misc]
        for i, path in enumerate(sorted(tmp_path.glob("*.marshal"), key=lambda p: p.stat().st_mtime)):
            os.utime(path, (1_000_000 + i, 1_000_000 + i))  # distinct times, in the order written
    kept = [p for p in tmp_path.glob("t-*.marshal") if p.name.rsplit("-", 1)[0] == "t"]
    assert len(kept) == cache.KEEP
    # The newest entries are the ones kept: the last key reads back without building, the first is gone.
    assert cache.derived("t", [str(cache.KEEP + 4)], lambda: ("rebuilt",)) == (cache.KEEP + 4,)
    assert cache.derived("t", ["0"], lambda: ("rebuilt",)) == ("rebuilt",)
    # Another kind whose name starts the same ("t-other") is not pruned with "t".
    assert cache.derived("t-other", ["kept"], lambda: ("lost",)) == other
    # A killed writer's temporary file is deleted; one being written now is not.
    assert not left.exists()
    assert fresh.exists()
