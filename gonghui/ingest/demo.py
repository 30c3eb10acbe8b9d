"""Demo data: the project's own sample reports (gonghui/ingest/samples/) imported for the
organisations they are about, plus the seed reports when the ../shared seed folder exists."""

import hashlib
import os
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import IngestedDocument
from .services import ingest_document

SAMPLES = Path(__file__).resolve().parent / "samples"
# The seed pages kept beside the repository; optional, and GONGHUI_SEEDS_DIR points elsewhere.
SEEDS = Path(
    os.environ.get("GONGHUI_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def load_demo_documents(
    *, by, organization, folder: Path = SEEDS, files: list[Path] | None = None
) -> list[IngestedDocument]:
    """Ingest each file once (skipping those already imported, matched by content hash)."""
    if files is None:
        if not folder.is_dir():
            return []
        files = sorted(folder.glob("*.txt"))
    documents = []
    for path in files:
        data = path.read_bytes()
        if IngestedDocument.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists():
            continue
        upload = SimpleUploadedFile(path.name, data, content_type="text/plain")
        documents.append(ingest_document(by=by, upload=upload, organization=organization))
    return documents


# Which organisation each sample report is about (by file-name prefix).
SAMPLE_ORGANIZATIONS = {
    "01": "河南省总工会",
    "02": "广元市总工会",
    "03": "安徽省总工会",
    "04": "河南省总工会",
    "05": "娄底市总工会",
}

# Which organisation each seed report is about (by file-name prefix).
SEED_ORGANIZATIONS = {
    "000": "河南省总工会",
    "001": "广元市总工会",
    "002": "安徽省总工会",
    "003": "河南省总工会",
    "004": "娄底市总工会",
}


def _load_folder(ctx, folder: Path, organizations: dict[str, str]) -> int:
    count = 0
    for prefix, org_name in organizations.items():
        matches = sorted(folder.glob(f"{prefix}_*.txt"))
        if matches:
            count += len(
                load_demo_documents(
                    by=ctx.users["admin"], organization=ctx.orgs[org_name], files=matches
                )
            )
    return count


def load(ctx) -> None:
    """Each sample report (and each seed report, when present) imported for the organisation
    it is about, awaiting confirmation."""
    count = _load_folder(ctx, SAMPLES, SAMPLE_ORGANIZATIONS)
    if SEEDS.is_dir():
        count += _load_folder(ctx, SEEDS, SEED_ORGANIZATIONS)
    ctx.notes.append(f"导入的示例报告：{count} 篇（待确认的活动建议见“资料导入”）")
