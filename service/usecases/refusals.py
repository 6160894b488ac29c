"""Why a use case refuses a request: each carries the HTTP-neutral facts a problem document needs
(the web layer turns them into RFC 9457 answers, api/problems.py)."""

from __future__ import annotations

__all__ = ["AnswerConflict", "FactsChanged", "NoActivePolicy", "Refused", "UnknownIncident"]


class Refused(Exception):
    status = 400
    title = "Refused"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NoActivePolicy(Refused):
    status = 409
    title = "No active policy"

    def __init__(self, jurisdiction: str) -> None:
        super().__init__(f"jurisdiction {jurisdiction!r} has no active policy; activate one")


class FactsChanged(Refused):
    """The same (incident_id, seq) came back with different facts: old advice must not answer it."""

    status = 409
    title = "Facts changed"

    def __init__(self, incident_id: str, seq: int) -> None:
        super().__init__(
            f"incident {incident_id} seq {seq} was already answered for different facts; "
            f"send the changed event as seq {seq + 1}"
        )


class UnknownIncident(Refused):
    status = 404
    title = "Unknown incident"

    def __init__(self, incident_id: str) -> None:
        super().__init__(f"no call event is kept for incident {incident_id} (never sent, or expired)")


class AnswerConflict(Refused):
    """A "no" over a recorded "yes" without an explicit correction."""

    status = 409
    title = "Answer conflicts with a recorded yes"
