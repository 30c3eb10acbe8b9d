"""The people figures: the counts of the people list in the user's scope, one sum of the
organisations' tallies for the three figures and the home page together."""

import datetime as dt

from gonghui.accounts.models import User
from gonghui.core.figures import Period, figure
from gonghui.people import selectors
from gonghui.testing import make_person

PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
KEYS = {
    "people.people": "num_people",
    "people.volunteers": "num_volunteers",
    "people.model_workers": "num_model_workers",
}


def test_the_figures_count_the_people_in_scope_with_one_query(fed, django_assert_num_queries):
    make_person(fed.grassroots, "张建华", is_volunteer=True)
    make_person(fed.zhengzhou, "李红梅", model_worker_level="省级")
    make_person(fed.loudi_grassroots, "王立新", is_volunteer=True)
    user = User.objects.get(pk=fed.city_admin.pk)
    user.scope  # noqa: B018 — read once per request anyway
    with django_assert_num_queries(1):
        values = {key: figure(key).compute(user, PERIOD) for key in KEYS}
        home = selectors.headline_counts(user)
    assert values == {"people.people": 2, "people.volunteers": 1, "people.model_workers": 1}
    assert {key: home[name] for key, name in KEYS.items()} == values
    outsider = User.objects.get(pk=fed.outsider.pk)
    assert [figure(key).compute(outsider, PERIOD) for key in KEYS] == [1, 1, 0]
