"""The assistance routes taught to the IDOR matrix, and the victim records in the 河南 subtree:
an active archive with the world's secret ID number, phone, address and illness, a household
member, an attachment, a batch (approved), a relief record, an enterprise and a model worker."""

BY_NAME = {
    "archive_id": "archive",
    "attachment_id": "archive_attachment",
    "batch_id": "batch",
    "relief_id": "relief",
}
BY_SEGMENT = {}
VERBS = {
    "assistance:archive_transition": ["submit", "review", "approve", "establish", "exit"],
    "assistance:batch_transition": ["approve", "pay", "cancel"],
    "/api/v1/assistance/archives/{archive_id}/{verb}": ["review", "approve"],
    "/api/v1/assistance/batches/{batch_id}/{verb}": ["approve", "pay"],
}
PUBLIC_PAGES = {}
PUBLIC_OPERATIONS = {}


def build(world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.api.tests.world import MARK, VICTIM_ADDRESS, VICTIM_HARDSHIP, VICTIM_PHONE
    from gonghui.assistance import services
    from gonghui.assistance.models import Archive
    from gonghui.assistance.workflow import Status
    from gonghui.campaigns.tests.factories import png_bytes
    from gonghui.testing import valid_id_number

    fed = world.fed
    ids = world.ids
    archive = services.create_archive(
        by=fed.officer,
        organization=fed.grassroots,
        worker_name=f"{MARK}李",
        # The people app holds the victim's own number; an archive of another worker here.
        id_number=valid_id_number(7771),
        phone=VICTIM_PHONE,
        address=VICTIM_ADDRESS,
        health=VICTIM_HARDSHIP,
        household_size=2,
        monthly_income_fen=100000,
        local_standard_fen=75000,
        reasons=["illness"],
        situation=f"{MARK}困难情况",
        bank_name="工商银行",
        bank_account="6222027777077707777",
        members=[{"name": f"{MARK}妻", "relation": "配偶", "id_number": valid_id_number(7772)}],
    )
    Archive.objects.filter(pk=archive.pk).update(status=Status.ACTIVE, tier="deep")
    archive.refresh_from_db()
    ids["archive"] = archive.pk
    upload = SimpleUploadedFile("证明.png", png_bytes(9), "image/png")
    ids["archive_attachment"] = services.add_attachment(
        archive=archive, by=fed.officer, upload=upload
    ).pk
    batch = services.plan_batch(
        by=fed.officer,
        organization=fed.grassroots,
        name=f"{MARK}春节送温暖",
        fund_source="upper",
        budget_fen=100000,
        planned_date=archive.created_at.date(),
    )
    services.add_to_batch(by=fed.officer, batch=batch, archive_ids=[archive.pk], amount_fen=50000)
    services.approve_batch(by=fed.officer, batch=batch)
    ids["batch"] = batch.pk
    ids["relief"] = services.record_relief(
        by=fed.officer,
        organization=fed.grassroots,
        programme="warmth",
        fund_source="own",
        given_date=archive.created_at.date(),
        archive=archive,
        amount_fen=30000,
        note=f"{MARK}慰问",
    ).pk
    services.create_enterprise(
        by=fed.officer, organization=fed.grassroots, name=f"{MARK}机械厂", reason="停产"
    )
    services.create_model_worker(
        by=fed.officer,
        organization=fed.grassroots,
        name=f"{MARK}劳模",
        level="provincial",
        title="河南省劳动模范",
        year_awarded=2015,
        income_band="low",
    )
