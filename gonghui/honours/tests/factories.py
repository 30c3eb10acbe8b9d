"""A round of 河南省总工会 with the chain 基层 → 金水区(县) → 郑州市(市) → 河南省(省)."""

from dataclasses import dataclass

from gonghui.honours import services
from gonghui.honours.models import AwardType, VettingBody
from gonghui.testing import make_person, make_user


@dataclass
class Chain:
    round: object
    medal: AwardType
    pioneer: AwardType
    county: object
    city: object
    province: object
    grassroots: object


def make_chain(fed, *, bodies=("discipline",), publish=True, **extra) -> Chain:
    medal = AwardType.objects.get(code="provincial-labour-medal")
    pioneer = AwardType.objects.get(code="worker-pioneer")
    round_ = services.create_round(
        by=fed.province_admin,
        organization=fed.henan,
        name=extra.pop("name", "2026年河南省五一劳动奖评选"),
        year=2026,
        awards=[medal, pioneer],
        vetting_bodies=VettingBody.objects.filter(code__in=bodies),
        **extra,
    )
    if publish:
        services.publish_round(by=fed.province_admin, round_=round_)
    county = make_user("county_admin", org=fed.jinshui, role=fed.roles["grassroots_admin"])
    return Chain(
        round=round_,
        medal=medal,
        pioneer=pioneer,
        county=county,
        city=fed.city_admin,
        province=fed.province_admin,
        grassroots=fed.grassroots_admin,
    )


_people = iter(range(1, 100000))
GIVEN = ["建国", "秀英", "卫东", "桂兰", "志强", "海燕", "国庆", "丽华"]


def nominate_person(fed, chain, *, by=None, org=None, person=None, **extra):
    n = next(_people)
    given = GIVEN[n % len(GIVEN)]
    person = person or make_person(org or fed.grassroots, name=f"张{given}", phone=f"137{n:08d}")
    return services.nominate(
        by=by or chain.grassroots,
        round_=chain.round,
        award=extra.pop("award", chain.medal),
        organization=org or fed.grassroots,
        person=person,
        deeds=extra.pop("deeds", "扎根一线二十年，技术革新三项。"),
        **extra,
    )


def up_to_province(fed, chain, nomination):
    """Submit and forward at each level until 拟表彰."""
    services.submit_nomination(by=chain.grassroots, nomination=nomination)
    for user in (chain.county, chain.city, chain.province):
        nomination.refresh_from_db()
        services.forward_nomination(by=user, nomination=nomination, rank=1)
    nomination.refresh_from_db()
    return nomination
