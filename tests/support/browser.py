"""Debian's Chromium driven by playwright (never a downloaded browser), for the console's browser
tests. Importing this fails, naming what is missing, instead of letting a browser test be skipped:
./scripts/test.sh installs chromium (scripts/system-deps.sh) and playwright (the test extra)."""

from __future__ import annotations

from pathlib import Path

from tools.console_screenshot import CHROMIUM, CHROMIUM_ARGS

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError as exc:  # pragma: no cover - depends on the machine
    raise RuntimeError("browser tests: playwright is not installed (./scripts/test.sh installs it)") from exc

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    raise RuntimeError(f"browser tests: no chromium at {CHROMIUM} (./scripts/test.sh installs it)")

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "Browser", "Page", "expect", "sync_playwright"]
