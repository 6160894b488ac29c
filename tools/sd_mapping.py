"""How much of San Diego PD's real call volume does the example policy's `local_codes` map?

Reads the San Diego example policy (deploy/policies/san-diego.yaml) with the service's own loader,
so a code counts as mapped exactly when the service would resolve it (a `local_codes` entry, or a
code spelled like one of the policy's APCO call types, case-insensitive). Then counts the real
SDPD calls for service (City of San Diego open data, 2023-01-01..20, 26,595 calls) by call type.

    python tools/sd_mapping.py                  # report
    python tools/sd_mapping.py --check          # exit 1 if a code >= 0.2 % of calls is neither
                                                # mapped nor listed in ADMIN_CODES below
    python tools/sd_mapping.py --json           # the same figures as JSON

The data directory defaults to data/san_diego_pd_cfs of this repository (override with --data or the
SD_CFS_DIR environment variable).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `service` importable
    sys.path.insert(0, str(ROOT))

from service.policy.compile import CompiledPolicy, load_policy  # noqa: E402

DEFAULT_POLICY = ROOT / "deploy" / "policies" / "san-diego.yaml"
DEFAULT_DATA = Path(os.environ.get("SD_CFS_DIR", str(ROOT / "data" / "san_diego_pd_cfs")))
CALLS_FILE = "pd_calls_for_service_2023_datasd.csv"
TYPES_FILE = "pd_cfs_calltypes_datasd.csv"
GAP_THRESHOLD = 0.002  # every code at or above 0.2 % of calls must be mapped or listed below

# SDPD codes deliberately left unmapped: they are not incidents a responder is chosen for (unit
# status, radio and desk traffic, officer self-assignments, broadcasts of unknown nature), or they
# are ambiguous. They fall to the policy's default (police), which is what SDPD does with them.
ADMIN_CODES: dict[str, str] = {
    "SELENF": "officer self-assigned enforcement detail",
    "MTG": "unit status: in a meeting / out of service",
    "1186": "special detail assignment",
    "FU": "follow-up by a field unit (investigative task)",
    "FD": "flag down / field initiated: the nature is recorded later, unknown at creation",
    "INFO": "information for dispatchers",
    "AU1": "all-units broadcast, priority 1, nature not coded",
    "AU2": "all-units broadcast, priority 2, nature not coded",
    "BOL": "all-units information used by desk or radio",
    "AMBER": "AMBER alert information",
    "AUHATE": "all-units hate-incident information",
    "1016": "unit status: prisoner in custody",
    "1016P": "prisoner-related unit status (in the calls, not in the code table)",
    "1016PT": "prisoner transport",
    "1021": "radio message: phone your station",
    "1021H": "radio message: phone your home",
    "COURT": "officer at court",
    "1153": "security check (requested extra patrol)",
    "CCCC": "dispatcher control of a chronic caller (nature varies)",
    "FOOT": "foot patrol",
    "SCHOOL": "school detail",
    "POP": "problem-oriented policing project",
    "PAPER": "officer finishing paperwork",
    "NONU": "officer's request for non-urgent cover",
    "NONU-CR": "officer's request for non-urgent cover (cost recovery)",
    "DC": "desk call",
    "DC-S": "desk call (school)",
    "C5": "stakeout",
    "C6": "stay out of area / no radio traffic",
    "C10": "SWAT staging",
    "C11": "SWAT staging",
    "C11-CR": "SWAT staging (cost recovery)",
    "C12": "SWAT emergency response",
    "SHOPS": "information for shops",
    "INFOCHP": "information for CHP",
    "INFOT": "traffic information, advised event",
    "INFOX": "extra-patrol information for the field sergeant",
    "STREET": "street information",
    "503CAR": "stolen-vehicle log entry",
    "EVID": "evidence pickup",
    "REPORT": "case number request",
    "CITE": "issue citation",
    "APPT": "appointment",
    "ROUTE": "route slip (field investigation)",
    "FC": "front counter closures",
    "TLO": "terrorism liaison officer",
    "DRUN": "homeland security checks",
    "MEXICO": "liaison units visiting Mexico",
    "1110M": "report of a crime that occurred in Mexico",
    "MUTAID": "interagency mutual aid",
    "MFF": "mobile field force activation",
    "PRT": "PRT assist",
    "JST": "juvenile service team hotline",
    "GPSPAL": "GPS parole violation (monitoring alert)",
    "HATEINV": "hate-crime investigation (follow-up)",
    "CCF": "citizen's complaint investigation",
    "CCF-EVNT": "citizen's complaint, special event",
    "CCF-PBBP": "block-party permit",
    "CCF-RRM": "Rock 'n' Roll Marathon",
    "RRM": "Rock 'n' Roll Marathon",
    "RRM-1185": "Rock 'n' Roll Marathon tow",
    "RRM-CCF": "Rock 'n' Roll Marathon",
    "RRM-TOWS": "vehicles towed for the marathon",
    "FP": "ambiguous: the code table lists FP twice (FOOT PURSUIT and WARRANT)",
    "": "blank call type in the data",
}


@dataclass(frozen=True)
class CodeRow:
    code: str
    description: str
    calls: int
    share: float
    apco: str | None
    admin_reason: str | None


@dataclass
class Coverage:
    total_calls: int
    mapped_calls: int
    admin_calls: int
    codes_seen: int
    codes_mapped: int
    local_codes: int
    by_first_category: dict[str, int] = field(default_factory=dict)
    unmapped: list[CodeRow] = field(default_factory=list)
    gaps: list[CodeRow] = field(default_factory=list)

    @property
    def mapped_share(self) -> float:
        return self.mapped_calls / self.total_calls if self.total_calls else 0.0

    @property
    def admin_share(self) -> float:
        return self.admin_calls / self.total_calls if self.total_calls else 0.0

    @property
    def incident_share(self) -> float:
        """Mapped share among calls whose code is not a deliberately unmapped admin code."""
        rest = self.total_calls - self.admin_calls
        return self.mapped_calls / rest if rest else 0.0


def read_descriptions(data: Path) -> dict[str, str]:
    """SDPD code -> description; duplicate rows with another description are joined with ' / '."""
    out: dict[str, str] = {}
    with (data / TYPES_FILE).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        for row in reader:
            if not row or not row[0].strip():
                continue
            code, desc = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
            if code in out and desc not in out[code].split(" / "):
                out[code] = f"{out[code]} / {desc}"
            else:
                out.setdefault(code, desc)
    return out


def read_call_counts(data: Path) -> Counter[str]:
    with (data / CALLS_FILE).open(encoding="utf-8-sig", newline="") as fh:
        return Counter(row["call_type"].strip() for row in csv.DictReader(fh))


def resolve(policy: CompiledPolicy, code: str) -> str | None:
    """The APCO call type the service would use for this CAD code, or None (-> default)."""
    hit = policy.call_types.get(code.upper()) if code else None
    return hit[0] if hit else None


def coverage(policy: CompiledPolicy, counts: Counter[str], descriptions: dict[str, str],
             threshold: float = GAP_THRESHOLD) -> Coverage:
    total = sum(counts.values())
    result = Coverage(total, 0, 0, len(counts), 0, len(policy.document.local_codes))
    first_category: Counter[str] = Counter()
    for code, n in counts.most_common():
        apco = resolve(policy, code)
        if apco is not None:
            result.mapped_calls += n
            result.codes_mapped += 1
            first = policy.call_types[code.upper()][1][0]
            first_category[policy.responses[first].category.value] += n
            continue
        reason = ADMIN_CODES.get(code)
        row = CodeRow(code, descriptions.get(code, "(not in the code table)"), n, n / total, None, reason)
        result.unmapped.append(row)
        if reason is not None:
            result.admin_calls += n
        elif n / total >= threshold:
            result.gaps.append(row)
    result.by_first_category = dict(first_category.most_common())
    return result


def measure(policy_path: Path = DEFAULT_POLICY, data: Path = DEFAULT_DATA) -> Coverage:
    policy = load_policy(policy_path.read_bytes(), version=policy_path.stem)
    return coverage(policy, read_call_counts(data), read_descriptions(data))


def report(cov: Coverage, top: int) -> str:
    pct = 100.0
    limit = f"{pct * GAP_THRESHOLD:.1f} %"
    rest = [row for row in cov.unmapped if row.admin_reason is None]
    lines = [
        f"SDPD calls for service: {cov.total_calls:,} calls, {cov.codes_seen} distinct call types",
        f"local_codes entries in the policy: {cov.local_codes}",
        f"mapped to an APCO call type: {cov.mapped_calls:,} calls = {pct * cov.mapped_share:.1f} % "
        f"({cov.codes_mapped} codes)",
        f"left unmapped on purpose (admin / unit status / broadcasts): {cov.admin_calls:,} calls = "
        f"{pct * cov.admin_share:.1f} %",
        f"mapped share of the remaining (incident) calls: {pct * cov.incident_share:.2f} % "
        f"({sum(r.calls for r in rest)} calls in {len(rest)} small codes not mapped)",
        "",
        "mapped calls by the category of the policy's first choice:",
    ]
    for category, n in cov.by_first_category.items():
        lines.append(f"  {category:20s} {n:7,} calls  {pct * n / cov.total_calls:5.1f} % of all calls")
    lines += ["", f"top {top} unmapped codes (they fall to the policy default):"]
    for row in cov.unmapped[:top]:
        why = f"admin: {row.admin_reason}" if row.admin_reason else "NOT MAPPED"
        lines.append(f"  {row.code or '(blank)':10s} {row.calls:6,} {pct * row.share:5.2f} %  "
                     f"{row.description[:40]:40s}  {why}")
    if cov.gaps:
        lines += ["", f"gaps: codes >= {limit} of calls neither mapped nor listed as admin:"]
        lines += [f"  {row.code} {row.calls} {row.description}" for row in cov.gaps]
    else:
        lines += ["", f"no gaps: every code >= {limit} of calls is mapped or listed as admin"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if any gap is found")
    args = parser.parse_args(argv)
    cov = measure(args.policy, args.data)
    if args.json:
        out = asdict(cov) | {"mapped_share": cov.mapped_share, "admin_share": cov.admin_share,
                             "incident_share": cov.incident_share}
        out["unmapped"] = out["unmapped"][: args.top]
        print(json.dumps(out, indent=2))
    else:
        print(report(cov, args.top))
    return 1 if args.check and cov.gaps else 0


if __name__ == "__main__":
    sys.exit(main())
