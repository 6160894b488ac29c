"""What the service decided and what dispatchers did with it: recommendations, screening triggers,
outcomes, conflicts, refused unit reports.

Counted on the hot path through cached label children (a dict lookup and an inc). Label values are
bounded: jurisdictions and responses come from the validated policies, screening kinds from a fixed
set; no incident, unit, recommendation or key id is ever a label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prometheus_client import Counter

from api.metrics.registry import REGISTRY

if TYPE_CHECKING:
    from service.domain.model import Recommendation

__all__ = [
    "CALL_CONFLICTS",
    "OUTCOMES",
    "OUTCOME_NAMES",
    "RECOMMENDATIONS",
    "SCREENING_KINDS",
    "UNIT_REPORTS_REFUSED",
    "record_outcome",
    "record_recommendation",
]

CALL_CONFLICTS = Counter("dispatch_call_conflicts", "Retries of an (incident_id, seq) with different facts "
                         "(refused with 409: send seq+1)", ["jurisdiction"], registry=REGISTRY)
UNIT_REPORTS_REFUSED = Counter("dispatch_unit_reports_refused",
                               "Unit reports not applied because reported_at is too far in the future",
                               ["jurisdiction"], registry=REGISTRY)
RECOMMENDATIONS = Counter("dispatch_recommendations", "Recommendations given",
                          ["jurisdiction", "response", "category", "fallback", "degraded"], registry=REGISTRY)
SCREENING = Counter("dispatch_screening_triggers",
                    "Screening flags raised on calls, by kind and by where they came from "
                    "(the call-taker's answers, the narrative, the call type or determinant, the dispatcher)",
                    ["jurisdiction", "kind", "source"], registry=REGISTRY)
OUTCOMES = Counter("dispatch_outcomes", "What dispatchers did with recommendations",
                   ["jurisdiction", "response", "outcome"], registry=REGISTRY)
OUTCOME_NAMES = ("accepted", "overridden")
# Where a raised flag came from (Answer.source) -> the metric's bounded "source" label.
_SCREEN_SOURCES = {"caller": "answer", "narrative": "narrative", "call_type": "call_type",
                   "determinant": "determinant", "dispatcher": "dispatcher"}
# Every screening flag the decision can raise (service/domain/decision.py, service/policy/schema.py).
SCREENING_KINDS = frozenset({"weapon", "violence", "injury", "medical", "suicidal", "suicidal_means",
                             "intoxication", "crime_in_progress"})

_recs: dict[tuple[str, str, str, bool, bool], Any] = {}
_screens: dict[tuple[str, str, str], Any] = {}


def record_recommendation(jurisdiction: str, rec: Recommendation) -> None:
    """Count one recommendation and each screening flag it raised (kind, and answer vs narrative)."""
    key = (jurisdiction, rec.response, rec.category.value, rec.fallback, rec.degraded)
    child = _recs.get(key)
    if child is None:
        child = _recs[key] = RECOMMENDATIONS.labels(jurisdiction, rec.response, rec.category.value,
                                                    "true" if rec.fallback else "false",
                                                    "true" if rec.degraded else "false")
    child.inc()
    if not rec.flags:
        return
    # The flags travel as data: each raised flag is a "yes" answer with its source (no reason code
    # is parsed here). The caller's own answer keeps the label "answer", as before.
    for answer in rec.answers:
        if not answer.value:
            continue
        skey = (jurisdiction, answer.question, answer.source)
        schild = _screens.get(skey)
        if schild is None:
            schild = _screens[skey] = SCREENING.labels(
                jurisdiction, answer.question if answer.question in SCREENING_KINDS else "other",
                _SCREEN_SOURCES.get(answer.source, "other"))
        schild.inc()


def record_outcome(jurisdiction: str, response: str, outcome: str) -> None:
    """What the dispatcher did with a recommendation: `accepted` or `overridden` (else counted as `other`)."""
    OUTCOMES.labels(jurisdiction, response, outcome if outcome in OUTCOME_NAMES else "other").inc()
