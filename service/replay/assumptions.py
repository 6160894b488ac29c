"""What a replay assumes about the screening answers, which historical exports never hold.

Three assumptions, named in every report so a figure is never read without its premise:

- `blank`: nothing was asked and nothing is implied (the policy's implications switched off);
- `implied`: only what the call type (or determinant) implies under the policy's cited
  implications; the rest is not asked (the default: what the service would do live with a CAD
  that sends no answers);
- `no`: every required question answered "no" (an upper bound: a center whose call-takers ask
  every question and hear "no" every time).
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
import numpy as np

from service.domain.model import Answer
from service.policy.compile import CompiledPolicy, compile_policy
from service.replay.calls import CallTable
from service.replay.classify import Classification, classify

__all__ = [
    "ASSUMPTIONS",
    "Assumption",
    "describe",
    "diversion",
    "diversion_three_ways",
    "learned_for",
    "policy_for",
]

Assumption = Literal["blank", "implied", "no"]
ASSUMPTIONS: tuple[Assumption, ...] = ("blank", "implied", "no")
_TEXT = {
    "blank": "answers blank: nothing asked, no call-type or determinant implications",
    "implied": "answers implied by the call type / determinant under the policy's cited implications; "
    "everything else not asked",
    "no": "every required question assumed answered no (upper bound)",
}


def describe(assumption: Assumption) -> str:
    return _TEXT[assumption]


def policy_for(policy: CompiledPolicy, assumption: Assumption) -> CompiledPolicy:
    if assumption != "blank" or not policy.document.implications:
        return policy
    doc = msgspec.structs.replace(policy.document, implications=[])
    return compile_policy(doc, f"{policy.version}+no-implications")


def learned_for(policy: CompiledPolicy, assumption: Assumption) -> tuple[Answer, ...]:
    if assumption != "no":
        return ()
    return tuple(Answer(q, False, "caller", "assumed by the replay") for q in policy.questions.required)


def diversion(table: CallTable, result: Classification) -> dict[str, Any]:
    """Of the calls whose type lists a civilian-only response first (eligible), the share whose
    preferred response (units unlimited, hours and answers applied) is civilian-only."""
    policy = result.policy
    first_civilian = np.zeros(max(len(table.codes), 1), dtype=bool)
    for i, code in enumerate(table.codes):
        rule = policy.call_types.get(code.upper())
        order = rule[1] if rule else policy.default
        first_civilian[i] = policy.responses[order[0]].civilian
    eligible = first_civilian[table.code] if len(table) else np.zeros(0, dtype=bool)
    civilian = np.array([policy.responses[n].civilian for n in result.names], dtype=bool)[result.preferred]
    w = table.weights()
    count, diverted = int(w[eligible].sum()), int(w[eligible & civilian].sum())
    return {"eligible": count, "civilian": diverted, "share": round(diverted / count, 4) if count else 0.0}


def diversion_three_ways(table: CallTable, policy: CompiledPolicy, cache: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for assumption in ASSUMPTIONS:
        result = classify(
            table, policy_for(policy, assumption), cache=cache, learned=learned_for(policy, assumption)
        )
        out[assumption] = {**diversion(table, result), "assumption": describe(assumption)}
    return out
