"""Settings come from the environment; production-like values pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_check(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGHUI_"))}
    env.pop("DATABASE_URL", None)
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", **env_overrides})
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from gonghui.cli import main; main()",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_deploy_check_is_clean(tmp_path):
    result = run_check(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "k" * 20 + "-production-like-secret-value-0123456789abcdef",
            "DJANGO_ALLOWED_HOSTS": "gonghui.example.org",
            "GONGHUI_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_usable_secret_outside_debug(tmp_path):
    result = run_check({"DJANGO_DEBUG": "false", "GONGHUI_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
