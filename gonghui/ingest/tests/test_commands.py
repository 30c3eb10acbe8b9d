"""`gonghui normalize` and `gonghui ingest --json` from the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_normalize_prints_repaired_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "分享到:\n省總工會機(jī)關(guān)召開會議\n聯系我們 | 網站地圖\n", encoding="utf-8"
    )
    out = StringIO()
    call_command("normalize", str(path), stdout=out)
    assert out.getvalue().strip() == "省总工会机关召开会议"


def test_ingest_outputs_json_for_one_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "娄底市总工会慰问困难职工\n发布时间:2016-02-20\n各级工会发放慰问金137万多元。",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("ingest", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["title"] == "娄底市总工会慰问困难职工"
    assert data["org"] == "娄底市总工会"
    assert data["date"] == "2016-02-20"
    [fact] = data["facts"]
    assert {k: fact[k] for k in ("quote", "value", "unit", "subject", "qualifier")} == {
        "quote": "137万多元",
        "value": 1370000,
        "unit": "元",
        "subject": "发放慰问金",
        "qualifier": "多",
    }


def test_ingest_reads_docx_and_reports_bad_files(tmp_path):
    from .corpus_scoring import docx_bytes

    good = tmp_path / "report.docx"
    good.write_bytes(docx_bytes("标题\n共计收到捐款5880元、捐书672本。"))
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a word file")
    out, err = StringIO(), StringIO()
    call_command("ingest", str(good), str(bad), "--json", stdout=out, stderr=err)
    results = json.loads(out.getvalue())
    assert [f["value"] for f in results[0]["facts"]] == [5880, 672]
    assert "Word" in results[1]["error"]
    assert "broken.docx" in err.getvalue()


def test_ingest_fails_clearly_when_nothing_is_readable(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="没有可读取的文件"):
        call_command("ingest", str(empty), stdout=StringIO(), stderr=StringIO())


def test_ingest_reads_a_whole_folder_with_a_progress_bar(tmp_path):
    (tmp_path / "sub").mkdir()
    for i in range(30):
        (tmp_path / "sub" / f"r{i:02}.txt").write_text(
            f"县总工会慰问职工\n发布时间:2023-01-{i % 28 + 1:02}\n慰问困难职工{100 + i}户。",
            encoding="utf-8",
        )
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    out, err = StringIO(), StringIO()
    call_command("ingest", str(tmp_path), "--json", stdout=out, stderr=err)
    data = json.loads(out.getvalue())
    assert [d["facts"][0]["value"] for d in data] == [100 + i for i in range(30)]
    assert "30/30" in err.getvalue() and "100%" in err.getvalue()
