"""The demo-data harness behind `gonghui load_demo`.

Each app may ship `gonghui/<app>/demo.py` with `def load(ctx: DemoContext) -> None`; apps load
in INSTALLED_APPS order, so an app can use what earlier apps put into the context.
"""

import random
from dataclasses import dataclass, field

from .registry import app_modules

DEMO_PASSWORD = "gonghui-demo"


@dataclass
class DemoContext:
    rng: random.Random = field(default_factory=lambda: random.Random(20200526))
    orgs: dict = field(default_factory=dict)  # name -> Organization
    departments: dict = field(default_factory=dict)  # (org name, dept name) -> Department
    people: dict = field(default_factory=dict)  # name -> Person (named people from the seeds)
    users: dict = field(default_factory=dict)  # username -> User
    notes: list = field(default_factory=list)  # lines printed at the end
    grassroots: list = field(default_factory=list)  # generated 基层工会

    def org(self, name: str):
        return self.orgs[name]

    def dept(self, org_name: str, dept_name: str):
        return self.departments[(org_name, dept_name)]


def demo_modules():
    for _config, module in app_modules("demo"):
        yield module
