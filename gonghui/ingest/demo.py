"""Demo data: ingest the seed reports (when the shared seed folder exists) as sample imports."""

import hashlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import IngestedDocument
from .services import ingest_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def load_demo_documents(*, by, organization, folder: Path = SEEDS) -> list[IngestedDocument]:
    """Ingest each seed once (skipping those already imported, matched by content hash)."""
    if not folder.is_dir():
        return []
    documents = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        if IngestedDocument.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists():
            continue
        upload = SimpleUploadedFile(path.name, data, content_type="text/plain")
        documents.append(ingest_document(by=by, upload=upload, organization=organization))
    return documents
