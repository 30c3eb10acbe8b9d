"""Archives, batches and relief records for tests: created through the services where the
rule under test lives there, or moved straight to a status where a test starts later."""

import itertools

from gonghui.assistance import encryption, services
from gonghui.assistance.models import Archive
from gonghui.assistance.workflow import Status
from gonghui.testing import valid_id_number

_seq = itertools.count(5000)


def archive_data(**extra) -> dict:
    n = next(_seq)
    data = {
        "worker_name": "王建国",
        "id_number": valid_id_number(n),
        "phone": "13912345678",
        "address": "金水区纬五路十二号",
        "health": "尿毒症透析",
        "household_size": 3,
        "monthly_income_fen": 180000,
        "local_standard_fen": 75000,
        "reasons": ["illness"],
        "bank_name": "工商银行金水支行",
        "bank_account": "6222021234567890123",
        "members": [],
    }
    data.update(extra)
    return data


def make_archive(by, organization, status=Status.DRAFT, **extra) -> Archive:
    """An archive entered by `by` (who must be allowed to enter there), then moved to `status`."""
    archive = services.create_archive(by=by, organization=organization, **archive_data(**extra))
    if status != Status.DRAFT:
        fields = {"status": status}
        if status == Status.ACTIVE:
            fields.update(tier=archive.proposed_tier or "relative")
        Archive.objects.filter(pk=archive.pk).update(**fields)
        archive.refresh_from_db()
    return archive


def blind(value: str) -> str:
    return encryption.blind_index(value)
