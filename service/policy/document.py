"""A policy document from text: strict YAML/JSON parsing, then validation against the schema.

Every error found is reported, each with the path of the offending field (a policy analyst fixes a
file in one pass). Compiling the checked document into lookup tables is service/policy/compile.py's.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from service.domain.validation import field_path, split_message
from service.policy.checks import PolicyError
from service.policy.schema import CallTypeSpec, DisqualifierSpec, PolicyDocument, ResponseSpec

__all__ = ["PolicyInvalid", "parse_document", "validate_document"]


class PolicyInvalid(Exception):
    def __init__(self, errors: list[PolicyError]) -> None:
        super().__init__(f"{len(errors)} policy error(s)")
        self.errors = errors


# libyaml's parser when present: the pure-Python one takes ~40 ms per example policy.
_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeBase):  # type: ignore[misc]
    """Safe YAML that refuses a key given twice: otherwise the last one silently wins."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def parse_document(raw: bytes | str) -> Any:
    """YAML or JSON text to plain data; JSON is valid YAML, so one parser serves both."""
    try:
        return yaml.load(raw, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "document"
        raise PolicyInvalid(
            [PolicyError(where, f"not valid YAML/JSON: {getattr(exc, 'problem', exc)}")]
        ) from exc


def _convert(value: Any, kind: type[Any], path: str, errors: list[PolicyError]) -> Any:
    try:
        return msgspec.convert(value, kind, strict=True)
    except msgspec.ValidationError as exc:
        sub, message = split_message(str(exc))
        where = f"{path}.{sub}" if path and sub and not sub.startswith("[") else f"{path}{sub}"
        errors.append(PolicyError(field_path(where, message), message))
        return None


def validate_document(data: Any) -> tuple[PolicyDocument | None, list[PolicyError]]:
    """Check each section on its own, so one bad entry does not hide the errors after it."""
    errors: list[PolicyError] = []
    if not isinstance(data, dict):
        return None, [PolicyError("", "a policy is a mapping with jurisdiction, responses, call_types ...")]
    for section in ("call_types", "local_codes", "zones"):
        entries = data.get(section)
        if isinstance(entries, dict):
            # YAML reads an unquoted CAD code like 5150 as a number; codes are text.
            data[section] = {
                str(k): (str(v) if section == "local_codes" and isinstance(v, int) else v)
                for k, v in entries.items()
            }
    sections: dict[str, type[Any]] = {
        "responses": ResponseSpec,
        "call_types": CallTypeSpec,
        "disqualifiers": DisqualifierSpec,
    }
    for section, kind in sections.items():
        entries = data.get(section)
        if isinstance(entries, dict):
            for key, value in entries.items():
                _convert(value, kind, f"{section}.{key}", errors)
    # The top level on its own (sections emptied) so its errors show beside the sections' errors.
    top = {key: ({} if key in sections and isinstance(value, dict) else value) for key, value in data.items()}
    _convert(top, PolicyDocument, "", errors)
    if errors:
        return None, errors
    doc = _convert(data, PolicyDocument, "", errors)
    return doc, errors
