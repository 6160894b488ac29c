"""compiled_policy: a text compiled once per process, handed out under each version asked for."""

from __future__ import annotations

import pytest

from service.policy import memo
from service.policy.compile import PolicyInvalid, load_policy
from tests.support import ROOT

DENVER = (ROOT / "deploy" / "policies" / "denver.yaml").read_bytes()


def test_the_same_text_is_compiled_once_and_named_by_each_version(monkeypatch: pytest.MonkeyPatch) -> None:
    compiles: list[str] = []

    def counting(raw: bytes, version: str = "draft") -> object:
        compiles.append(version)
        return load_policy(raw, version)

    monkeypatch.setattr(memo, "_memo", type(memo._memo)())
    monkeypatch.setattr(memo, "load_policy", counting)
    first = memo.compiled_policy(DENVER, "denver@1")
    again = memo.compiled_policy(DENVER.decode(), "denver@2")  # text or bytes: the same document
    draft = memo.compiled_policy(DENVER)
    assert compiles == ["denver@1"]
    assert (first.version, again.version, draft.version) == ("denver@1", "denver@2", "draft")
    assert again.routes is first.routes and again.jurisdiction == first.jurisdiction == "denver"
    # Each keeps its own version: handing out another did not rename the first.
    assert memo.compiled_policy(DENVER, "denver@1").version == "denver@1"
    assert compiles == ["denver@1"]
    # Another text is another policy.
    changed = memo.compiled_policy(DENVER.replace(b"units_stale_after_s:", b"units_stale_after_s: 301 #", 1))
    assert compiles == ["denver@1", "draft"] and changed.units_stale_after_s == 301


def test_an_invalid_text_raises_every_time_and_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_memo", type(memo._memo)())
    bad = DENVER.replace(b"jurisdiction:", b"jurisdiction: [", 1)
    for _ in range(2):
        with pytest.raises(PolicyInvalid):
            memo.compiled_policy(bad)
    assert not memo._memo


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_memo", type(memo._memo)())
    monkeypatch.setattr(memo, "_KEEP", 2)
    texts = [DENVER + f"\n# copy {i}\n".encode() for i in range(3)]
    for text in texts:
        memo.compiled_policy(text)
    assert len(memo._memo) == 2
