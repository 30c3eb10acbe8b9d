"""The demo imports the project's own sample reports without any file outside the repository;
the seed reports are added only when their folder exists."""

from types import SimpleNamespace

import pytest

from gonghui.ingest import demo
from gonghui.ingest.models import IngestedDocument
from gonghui.ingest.textnorm import normalize
from gonghui.testing import make_org

from .corpus_scoring import SEEDS


@pytest.fixture
def ctx(fed):
    names = {*demo.SAMPLE_ORGANIZATIONS.values(), *demo.SEED_ORGANIZATIONS.values()}
    orgs = {name: make_org(name, parent=fed.national) for name in names - {"河南省总工会"}}
    orgs["河南省总工会"] = fed.henan
    return SimpleNamespace(users={"admin": fed.sysadmin}, orgs=orgs, notes=[])


def test_demo_imports_the_samples_when_the_seed_folder_is_absent(ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "SEEDS", tmp_path / "absent")
    demo.load(ctx)
    documents = IngestedDocument.objects.order_by("original_name")
    assert [d.original_name for d in documents] == sorted(
        p.name for p in demo.SAMPLES.glob("*.txt")
    )
    assert len(documents) == 5
    by_name = {d.original_name: d.organization.name for d in documents}
    assert by_name["02_guangyuan_city.txt"] == "广元市总工会"
    assert by_name["05_loudi_volunteers.txt"] == "娄底市总工会"
    assert all(d.proposals.exists() for d in documents)
    assert "示例报告：5 篇" in ctx.notes[-1]
    # Loading again adds nothing.
    demo.load(ctx)
    assert IngestedDocument.objects.count() == 5


def test_every_sample_normalises_to_readable_simplified_text():
    for path in sorted(demo.SAMPLES.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        assert "(" not in text.split("\n")[0], path.name  # pinyin insertions removed
        assert "會" not in text and "動" not in text, path.name


@pytest.mark.seeds
def test_samples_are_not_copies_of_the_seed_pages():
    seed_lines = {
        line.strip()
        for path in SEEDS.glob("*.txt")
        for line in normalize(path.read_text(encoding="utf-8")).text.split("\n")
        if len(line.strip()) >= 20
    }
    for path in demo.SAMPLES.glob("*.txt"):
        lines = normalize(path.read_text(encoding="utf-8")).text.split("\n")
        assert not seed_lines & {line.strip() for line in lines}, path.name
