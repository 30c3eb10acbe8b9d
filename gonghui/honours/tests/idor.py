"""The honours routes and victim records for the IDOR matrix (api/tests/test_idor_matrix.py)."""

from gonghui.api.tests.world import MARK

BY_NAME = {
    "round_id": "honour_round",
    "nomination_id": "nomination",
    "attachment_id": "nomination_file",
}
VERBS = {
    "honours:round_action": ["publish", "announce"],
    "honours:nomination_action": ["submit", "withdraw"],
    "/api/v1/honours/rounds/{round_id}/{verb}": ["publish"],
    "/api/v1/honours/nominations/{nomination_id}/{verb}": ["submit", "withdraw"],
}


def build(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.campaigns.tests.factories import png_bytes
    from gonghui.honours import services
    from gonghui.honours.models import AwardType
    from gonghui.testing import make_person

    fed = world.fed
    medal = AwardType.objects.get(code="provincial-labour-medal")
    round_ = services.create_round(
        by=fed.province_admin,
        organization=fed.henan,
        name=f"{MARK}五一劳动奖评选",
        year=2026,
        awards=[medal],
    )
    services.publish_round(by=fed.province_admin, round_=round_)
    world.ids["honour_round"] = round_.pk
    person = make_person(fed.grassroots, name="赵绝密", phone="13977770779")
    nomination = services.nominate(
        by=fed.grassroots_admin,
        round_=round_,
        award=medal,
        organization=fed.grassroots,
        person=person,
        deeds=f"{MARK}事迹材料",
    )
    world.ids["nomination"] = nomination.pk
    upload = SimpleUploadedFile("事迹.png", png_bytes(9), "image/png")
    world.ids["nomination_file"] = services.add_attachment(
        by=fed.grassroots_admin, nomination=nomination, upload=upload
    ).pk
