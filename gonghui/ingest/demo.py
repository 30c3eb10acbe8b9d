"""Demo data: ingest the seed reports (when the shared seed folder exists) as sample imports."""

import hashlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import IngestedDocument
from .services import ingest_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def load_demo_documents(
    *, by, organization, folder: Path = SEEDS, files: list[Path] | None = None
) -> list[IngestedDocument]:
    """Ingest each seed once (skipping those already imported, matched by content hash)."""
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


# Which organisation each seed report is about (by file-name prefix).
SEED_ORGANIZATIONS = {
    "000": "河南省总工会",
    "001": "广元市总工会",
    "002": "安徽省总工会",
    "003": "河南省总工会",
    "004": "娄底市总工会",
}


def load(ctx) -> None:
    """Each seed report imported for the organisation it is about, awaiting confirmation."""
    if not SEEDS.is_dir():
        return
    admin = ctx.users["admin"]
    count = 0
    for prefix, org_name in SEED_ORGANIZATIONS.items():
        matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
        if not matches:
            continue
        folder_docs = load_demo_documents(by=admin, organization=ctx.orgs[org_name], files=matches)
        count += len(folder_docs)
    ctx.notes.append(f"导入的种子报告：{count} 篇（待确认的活动建议见“资料导入”）")
