"""The services' reports, as metrics: the `Observer` the composition root wires into the use cases
and the answers' write-behind (service/bootstrap.py)."""

from __future__ import annotations

from api.metrics.decisions import CALL_CONFLICTS, record_recommendation
from api.metrics.roundtrips import CALL_READ, CALL_WRITE
from api.program_metrics import observe_recommendation as observe_program
from service.domain.model import CallEvent, Recommendation
from service.policy.compile import CompiledPolicy

__all__ = ["MetricsObserver"]


class MetricsObserver:
    """Implements service.bootstrap.Observer with this process's Prometheus series."""

    def read(self, seconds: float) -> None:
        CALL_READ.observe(seconds)

    def read_failed(self, exc: BaseException) -> None:
        CALL_READ.error(exc)

    def recommended(self, jurisdiction: str, policy: CompiledPolicy, call: CallEvent,
                    rec: Recommendation) -> None:
        record_recommendation(jurisdiction, rec)
        observe_program(jurisdiction, policy, rec, call.received_at)  # the program's figures (GPL)

    def conflict(self, jurisdiction: str) -> None:
        CALL_CONFLICTS.labels(jurisdiction).inc()

    def answered(self, jurisdiction: str, rec: Recommendation) -> None:
        record_recommendation(jurisdiction, rec)

    def answers_stored(self, seconds: float) -> None:
        CALL_WRITE.observe(seconds)  # one observation per batch: the round trip's latency

    def answers_failed(self, exc: BaseException) -> None:
        CALL_WRITE.error(exc)
