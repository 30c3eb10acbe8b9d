"""Under CI a skipped test fails the run, and tests of files outside the repository are left
out rather than skipped; outside CI a skip stays a skip."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

SKIPPING = """
import pytest

from gonghui.conftest import require


def test_needs_a_font():
    require(False, "no CJK font")


@pytest.mark.skip(reason="plain skip marker")
def test_marked_skip():
    pass


def test_fine():
    assert True
"""


def run_pytest(tmp_path, *, ci: bool, args=(), extra_env=None) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(
        "from gonghui.conftest import pytest_runtest_makereport, pytest_sessionfinish  # noqa\n"
    )
    (tmp_path / "test_skipping.py").write_text(textwrap.dedent(SKIPPING))
    (tmp_path / "test_module_skip.py").write_text(
        "import pytest\n\npytest.skip('no data file', allow_module_level=True)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "--ds", "config.settings.test", "-c", os.devnull, "--rootdir", str(tmp_path), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.slow
def test_outside_ci_a_missing_prerequisite_is_a_skip(tmp_path):
    result = run_pytest(tmp_path, ci=False, args=[str(tmp_path)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 3 skipped" in result.stdout


@pytest.mark.slow
def test_under_ci_every_skip_fails_the_run(tmp_path):
    result = run_pytest(tmp_path, ci=True, args=[str(tmp_path)])
    assert result.returncode == 1, result.stdout + result.stderr
    # require() fails the test, the skip marker fails its setup (an error), and a module
    # skipped at collection fails the session.
    assert "1 failed, 1 passed, 1 skipped, 1 error" in result.stdout
    assert "no CJK font (required under CI)" in result.stdout
    assert "skipped under CI, which counts as a failure: plain skip marker" in result.stdout


@pytest.mark.slow
def test_seed_tests_are_left_out_not_skipped_when_the_seed_folder_is_absent(tmp_path):
    seeded = REPO / "gonghui/ingest/tests/test_boilerplate.py"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(seeded)],
        cwd=REPO,
        env={**os.environ, "CI": "true", "GONGHUI_SEEDS_DIR": str(tmp_path / "absent")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" not in result.stdout
    assert "seed-document tests not collected" in result.stdout


@pytest.mark.slow
def test_under_ci_a_module_skipped_at_collection_fails_the_session(tmp_path):
    result = run_pytest(tmp_path, ci=True, args=[str(tmp_path / "test_module_skip.py")])
    assert "1 skipped" in result.stdout
    assert result.returncode == 1, result.stdout + result.stderr
