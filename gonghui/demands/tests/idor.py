"""The IDOR matrix learns the demand routes and gets a victim demand in the 河南 subtree."""

from django.core.files.uploadedfile import SimpleUploadedFile

BY_NAME = {"demand_id": "demand", "demand_file_id": "demand_file"}
VERBS = {
    "demands:transition": ["accept", "close"],
    "/api/v1/demands/{demand_id}/{verb}": ["accept"],
}
PUBLIC_PAGES = {
    "demands:public_new": "the public form to raise a demand (nothing of anyone's demand)",
    "demands:public_done": "the ticket just submitted in this browser's session only",
    "demands:public_track": "a demand shown only for its ticket and the phone's last 4 digits",
    "demands:public_rate": "rating needs the ticket and the phone's last 4 digits",
}
PUBLIC_OPERATIONS = {
    "POST /api/v1/demands/public/lookup": "a worker's own demand by ticket and phone digits, "
    "rate limited, 404 alike for a missing ticket and wrong digits",
}


def build(world) -> None:
    from gonghui.api.tests.world import MARK, VICTIM_PHONE
    from gonghui.campaigns.tests.factories import png_bytes
    from gonghui.demands import services

    from .factories import demand_type, topic

    fed = world.fed
    demand = services.register_demand(
        by=fed.province_admin,
        channel="hotline",
        receiving_org=fed.henan,
        demand_type=demand_type("complaint"),
        topic=topic("wages"),
        summary=f"{MARK}拖欠工资",
        content=f"{MARK}诉求内容",
        worker_name=f"{MARK}王",
        worker_phone=VICTIM_PHONE,
        employer="郑州宏达机械有限公司",
        attachments=[SimpleUploadedFile("证据.png", png_bytes(9), "image/png")],
    )
    world.ids["demand"] = demand.pk
    world.ids["demand_file"] = demand.attachments.get().pk
