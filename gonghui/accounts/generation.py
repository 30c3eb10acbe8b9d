"""Accounts for the scale dataset: `bench_province` and `bench_city`, which `gonghui bench` uses."""

from gonghui.core.demodata import DEMO_PASSWORD
from gonghui.core.scale import ScaleContext
from gonghui.organizations.models import Organization

from .models import User
from .roles import ensure_roles


def generate_scale(ctx: ScaleContext) -> None:
    roles = ensure_roles()
    root = Organization.objects.get(name=ctx.root_name)
    city = Organization.objects.get(parent=root, name="测试1市总工会")
    for username, org in (("bench_province", root), ("bench_city", city)):
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={"organization": org, "role": roles["campaign_admin"]},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
