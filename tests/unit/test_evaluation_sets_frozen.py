"""The real-text evaluation rounds stay as they were frozen and labelled: every file named in a
round's hash lists (test halves, both blind labellings, the adjudicated labels) still has the hash
committed for it. A held-out figure is only a result while its texts and labels are the ones that
were frozen before tuning; a stray edit (a redaction, a re-export, an editor's newline) would
silently change what docs/policy.md reports. Only hashes are read here, never a text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.support import ROOT

HASH_LISTS = sorted((ROOT / "data").glob("screening-eval*/*.sha256"))


def _entries(listing: Path) -> list[tuple[str, str]]:
    rows = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            rows.append((digest, name.lstrip("*")))
    return rows


def test_every_round_has_its_frozen_test_half_and_final_labels() -> None:
    rounds = {p.parent.name for p in HASH_LISTS}
    assert len(rounds) >= 7
    for name in rounds:
        listed = {file for p in HASH_LISTS if p.parent.name == name for _, file in _entries(p)}
        assert "test.jsonl" in listed, name
        labelled = (ROOT / "data" / name / "test.labels.jsonl").exists()
        # A round collected and frozen but not yet labelled (the next held-out set) has no labels to
        # hold; once its labels exist, the adjudicated final ones must be hashed with them.
        if labelled:
            assert "test.labels.final.jsonl" in listed, name


@pytest.mark.parametrize("listing", HASH_LISTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_frozen_files_match_their_committed_hashes(listing: Path) -> None:
    entries = _entries(listing)
    assert entries
    for digest, name in entries:
        data = (listing.parent / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{listing.parent.name}/{name} changed"
