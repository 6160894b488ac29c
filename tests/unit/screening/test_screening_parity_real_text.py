"""Both readers give identical findings on every text of the real-text evaluation rounds the
vocabulary was tuned on (rounds 1-3, dev and test halves): the native reader (service/screening/csrc/)
against the Python reader it is tested against. The rounds are named one by one: a held-out round is
never read here."""

from __future__ import annotations

import dataclasses
import json

import pytest

from service.screening.screen import DEFAULT_TERMS, screen_narrative
from tests.support import ROOT

ROUNDS = ("screening-eval", "screening-eval-2", "screening-eval-3")


def _texts(round_dir: str) -> list[str]:
    out = []
    for half in ("dev", "test"):
        path = ROOT / "data" / round_dir / f"{half}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [json.loads(line)["text"] for line in lines if line.strip()]
    return out


@pytest.mark.parametrize("round_dir", ROUNDS)
def test_native_and_python_readers_agree_on_real_text(round_dir: str) -> None:
    assert DEFAULT_TERMS.native is not None
    python = dataclasses.replace(DEFAULT_TERMS, native=None)
    texts = _texts(round_dir)
    assert len(texts) > 1000
    differ = [t[:80] for t in texts if screen_narrative(t) != screen_narrative(t, python)]
    assert not differ, differ[:5]
