"""Scale data for the bench: 1 000 rounds and 200 000 nominations (collectives, bulk-inserted)
spread over an organisation's subtree, and one open public notice of a large list (as large as
the biggest the seeds report: 121 文明窗口 among 204 names)."""

from django.utils import timezone

from gonghui.notices import services as notices
from gonghui.notices.models import Notice
from gonghui.organizations.models import Organization

from .models import AwardType, Nomination, Round
from .workflow import RoundStatus, Status

ROUNDS = 1000
NOMINATIONS = 200_000
NOTICE_ENTRIES = 204
NOTICE_TITLE = "规模测试评选拟表彰对象公示"
STATUSES = [Status.SUBMITTED, Status.RECOMMENDED, Status.COMMENDED, Status.RETURNED]


def ensure_scale_nominations(root: Organization, *, rounds=ROUNDS, nominations=NOMINATIONS) -> bool:
    """Create the rounds and nominations under `root` unless they exist; True when created."""
    if Round.objects.filter(organization=root, name__startswith="规模测试评选").exists():
        return False
    orgs = list(Organization.objects.subtree(root.path, include_self=False)[:2000]) or [root]
    award = AwardType.objects.filter(subject="collective").order_by("pk").first()
    made = Round.objects.bulk_create(
        [
            Round(
                organization=root,
                org_path=root.path,
                name=f"规模测试评选{i:04d}",
                year=2000 + i % 27,
                status=RoundStatus.OPEN,
            )
            for i in range(rounds)
        ],
        batch_size=1000,
    )
    if not made[0].pk:
        made = list(Round.objects.filter(organization=root, name__startswith="规模测试评选"))
    for r in made:
        r.awards.add(award)
    now = timezone.now()
    batch = []
    for i in range(nominations):
        org = orgs[i % len(orgs)]
        round_ = made[i % len(made)]
        batch.append(
            Nomination(
                round=round_,
                award=award,
                organization=org,
                org_path=org.path,
                at_organization=org.parent or org,
                nominee_name=f"{org.name[:20]}第{i}班组",
                unit=org.name[:100],
                status=STATUSES[i % len(STATUSES)],
                nominee_key=f"scale:{i}",
                submitted_at=now,
            )
        )
        if len(batch) == 5000:
            Nomination.objects.bulk_create(batch)
            batch = []
    if batch:
        Nomination.objects.bulk_create(batch)
    return True


def ensure_scale_notice(root: Organization, *, entries=NOTICE_ENTRIES) -> Notice:
    """An open notice of `entries` individuals under `root` (one line each: masked name, unit,
    award), opened now unless an open one is there already."""
    found = Notice.objects.filter(organization=root, title=NOTICE_TITLE, status="open").first()
    if found is not None:
        return found
    orgs = list(Organization.objects.subtree(root.path, include_self=False)[:entries]) or [root]
    return notices.open_notice(
        by=None,
        organization=root,
        title=NOTICE_TITLE,
        intro="经基层推荐、逐级审核和征求意见，现将拟表彰对象予以公示。",
        entries=[
            {
                "name": f"张{i:03d}号",
                "unit": orgs[i % len(orgs)].name[:100],
                "detail": "五一劳动奖章",
            }
            for i in range(entries)
        ],
        working_days=5,
        contact=root.name,
    )
