# Types of the native screening reader (service/screening/csrc/*.c).
from collections.abc import Callable

from service.screening.screen import Finding

SEARCH: int
MATCH: int
FULLMATCH: int

def lower(text: str) -> str | None: ...

class Regex:
    def __init__(self, pattern: str, mode: int = ...) -> None: ...
    def group_number(self, name: str) -> int: ...
    def end(self, text: str, pos: int = ...) -> int | None: ...

class Reader:
    def __init__(
        self,
        fold: bytes,
        terms: tuple[bytes, bytes, bytes, bytes],
        scan: tuple[bytes, bytes, bytes, bytes],
        starts: dict[str, tuple[tuple[int, Regex, Regex | None, int], ...]],
        grammar: tuple[Regex, ...],
        groups: tuple[int, ...],
        cue_heads: frozenset[str],
        punct: str,
        tail_first: str,
        place_first: str,
        reach: tuple[int, int, int],
        finding: Callable[..., object],
        flags: tuple[str, ...],
        orders: tuple[int, int, int],
    ) -> None: ...
    def screen(self, low: str) -> list[tuple[int, int, int, int, bool, bool]] | None: ...
    def findings(self, text: str) -> tuple[Finding, ...] | None: ...
