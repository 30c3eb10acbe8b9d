"""Harness behind `gonghui gen-scale`: a provincial-scale dataset built by the apps that own it.

Each app may define `generate_scale(ctx: ScaleContext) -> None` in its `generation.py`; they run
in INSTALLED_APPS order, so one app can use what an earlier one put into the context (the
organisations people are spread over)."""

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .registry import app_modules

SCALE_ROOT = "规模测试省总工会"


class AlreadyGenerated(Exception):
    """The dataset is there already; the command says so and stops."""


@dataclass
class ScaleContext:
    num_orgs: int
    num_people: int
    rng: random.Random
    write: Callable[[str], None] = print
    root_name: str = SCALE_ROOT
    grassroots: list = field(default_factory=list)  # the grassroots unions, for people
    bulk_loaded: list = field(default_factory=list)  # models to ANALYZE once loaded


# What every app's scale data stands on: the organisation tree, its people and the bench accounts.
FOUNDATION = frozenset({"organizations", "people", "accounts"})


def generators(apps=None) -> Iterator[tuple[str, Callable[[ScaleContext], None]]]:
    """Each app's generator in INSTALLED_APPS order; with `apps` (app labels) only those apps'
    and the foundation's, so one app's bench does not wait for every other app's data."""
    for config, module in app_modules("generation"):
        if apps is not None and config.label not in FOUNDATION | set(apps):
            continue
        generate = getattr(module, "generate_scale", None)
        if generate is not None:
            yield str(config.verbose_name), generate


def generate(ctx: ScaleContext, apps=None) -> bool:
    """Run every app's generator (or those of `apps` and the foundation); False when the
    dataset already existed."""
    for name, generate_app in generators(apps):
        started = time.perf_counter()
        try:
            generate_app(ctx)
        except AlreadyGenerated as exc:
            ctx.write(str(exc))
            return False
        ctx.write(f"{name}：{time.perf_counter() - started:.1f} 秒")
    return True
