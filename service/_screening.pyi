# Types of the native screening reader (service/_screening.c).
SEARCH: int
MATCH: int
FULLMATCH: int

class Regex:
    def __init__(self, pattern: str, mode: int = ...) -> None: ...
    def group_number(self, name: str) -> int: ...
    def end(self, text: str, pos: int = ...) -> int | None: ...

class Reader:
    def __init__(
        self,
        trie: tuple[bytes, ...],
        starts: dict[str, tuple[tuple[int, Regex, Regex | None, int], ...]],
        grammar: tuple[Regex, ...],
        groups: tuple[int, ...],
        cue_heads: frozenset[str],
        scan_heads: frozenset[str],
        punct: str,
        tail_first: str,
        place_first: str,
    ) -> None: ...
    def screen(self, low: str) -> list[tuple[int, int, int, int, bool, bool]] | None: ...
