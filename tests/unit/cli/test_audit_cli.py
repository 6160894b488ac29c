"""`dispatch-assist audit export`'s reading of --since / --until."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.cli.audit import parse_since


def test_parse_since_forms() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    eleven = datetime(2026, 11, 24, 11, tzinfo=UTC)
    assert parse_since("2026-11-24T11:00:00Z", now) == int(eleven.timestamp() * 1000)
    assert parse_since("24h", now) == int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp() * 1000)
    assert parse_since("1764000000000", now) == 1764000000000
    assert parse_since("2026-11-01", now) == int(datetime(2026, 11, 1, tzinfo=UTC).timestamp() * 1000)
    with pytest.raises(ValueError):
        parse_since("yesterday-ish", now)
