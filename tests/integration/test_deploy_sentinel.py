"""The Sentinel deployments validate as the other deploy files do (tests/integration/test_deploy_files.py):
- Kubernetes: the overlay deploy/k8s-sentinel renders with `kubectl kustomize` (offline) and the
  result passes `kubernetes-validate --strict`; it replaces the single Redis with 3 Redis nodes and
  3 Sentinels, and points the service at them; its shell scripts parse (`sh -n`).
- Compose: deploy/docker-compose.sentinel.yml, alone and merged over docker-compose.yml, matches the
  Compose Specification schema; the service's URL names the three Sentinels.
- Both use the Sentinel settings the failover tests and benchmark ran with (loadtests/redis_group.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from loadtests.redis_group import MASTER_NAME, SENTINEL_SETTINGS
from service.state.connect import SentinelTarget, parse_redis_url

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:  # never skipped: the test extra installs it into the virtualenv
        pytest.fail(f"{name} is not installed")
    return found


def _run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, **kwargs)


def _settings_in(text: str) -> dict[str, int]:
    names = ("down-after-milliseconds", "failover-timeout", "parallel-syncs")
    found = {name: int(m.group(1)) for name in names
             if (m := re.search(rf"sentinel {name} {MASTER_NAME} (\d+)", text))}
    if m := re.search(rf"sentinel monitor {MASTER_NAME} \S+ 6379 (\d+)", text):
        found["quorum"] = int(m.group(1))
    return found


def _sentinel_url(url: str) -> SentinelTarget:
    target = parse_redis_url(url)
    assert isinstance(target, SentinelTarget)
    assert target.master == MASTER_NAME and len(target.sentinels) == 3
    return target


def _config_map(docs: list[Any], name: str) -> Any:
    return next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == name)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    r = _run(_tool("kubectl"), "kustomize", str(DEPLOY / "k8s-sentinel"))
    assert r.returncode == 0, r.stderr
    path = tmp_path_factory.mktemp("k8s") / "rendered.yaml"
    path.write_text(r.stdout)
    return path


def test_kubernetes_overlay_validates(rendered: Path) -> None:
    r = _run(_tool("kubernetes-validate"), "--strict", str(rendered))
    assert r.returncode == 0, r.stdout + r.stderr
    docs = list(yaml.safe_load_all(rendered.read_text()))
    sets = {d["metadata"]["name"]: d for d in docs if d["kind"] == "StatefulSet"}
    assert set(sets) == {"redis-node", "sentinel"}  # the single Redis of the base is gone
    assert sets["redis-node"]["spec"]["replicas"] == 3 and sets["sentinel"]["spec"]["replicas"] == 3
    assert not [d for d in docs if d["kind"] == "Service" and d["metadata"]["name"] == "redis"]
    config = _config_map(docs, "dispatch-assist-config")
    target = _sentinel_url(config["data"]["DISPATCH_REDIS_URL"])
    assert [h for h, _ in target.sentinels] == [f"sentinel-{i}.sentinel" for i in range(3)]
    assert int(config["data"]["DISPATCH_OUTCOME_MIN_REPLICAS"]) >= 1


def test_kubernetes_scripts_parse_and_use_the_measured_settings(rendered: Path, tmp_path: Path) -> None:
    docs = list(yaml.safe_load_all(rendered.read_text()))
    scripts = _config_map(docs, "redis-sentinel-scripts")
    for name, text in scripts["data"].items():
        (tmp_path / name).write_text(text)
        r = _run("sh", "-n", str(tmp_path / name))
        assert r.returncode == 0, f"{name}: {r.stderr}"
    assert _settings_in(scripts["data"]["sentinel.sh"]) == SENTINEL_SETTINGS


def _merge(base: Any, override: Any) -> Any:
    """Compose's merge of a second file over the first, as far as these files use it."""
    if isinstance(base, dict) and isinstance(override, dict):
        return {k: _merge(base[k], v) if k in base and k != "command" else v for k, v in override.items()} | {
            k: v for k, v in base.items() if k not in override}
    return override


def test_compose_sentinel_variant_validates(tmp_path: Path) -> None:
    override = DEPLOY / "docker-compose.sentinel.yml"
    merged_path = tmp_path / "merged.yml"
    merged = _merge(yaml.safe_load((DEPLOY / "docker-compose.yml").read_text()),
                    yaml.safe_load(override.read_text()))
    merged_path.write_text(yaml.safe_dump(merged))
    r = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(override),
             str(merged_path))
    assert r.returncode == 0, r.stdout + r.stderr
    services = merged["services"]
    _sentinel_url(services["dispatch"]["environment"]["DISPATCH_REDIS_URL"])
    assert services["dispatch"]["environment"]["DISPATCH_LOG_LEVEL"] == "INFO"  # the base's settings stay
    sentinels = [name for name in services if name.startswith("sentinel-")]
    assert len(sentinels) == 3
    for name in sentinels:
        assert _settings_in(services[name]["entrypoint"][-1]) == SENTINEL_SETTINGS
    replicas = [s["command"] for n, s in services.items() if n.startswith("redis-replica-")]
    assert len(replicas) == 2 and all("--replicaof" in c and "redis" in c for c in replicas)


def test_yamllint_sentinel_files() -> None:
    config = "{extends: default, rules: {line-length: {max: 200}, document-start: disable}}"
    files = [DEPLOY / "docker-compose.sentinel.yml", *sorted((DEPLOY / "k8s-sentinel").glob("*.yaml"))]
    r = _run(_tool("yamllint"), "--strict", "-d", config, *map(str, files))
    assert r.returncode == 0, r.stdout + r.stderr
