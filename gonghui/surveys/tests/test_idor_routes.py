"""The surveys routes of the IDOR matrix, on their own: every page refuses the outsider and
the anonymous with the victim survey's ids (the project-wide matrix runs every app)."""

import pytest

from gonghui.api.tests import test_idor_matrix as m

pytestmark = [pytest.mark.django_db]


def test_every_surveys_page_refuses_the_outsider_and_the_anonymous(fed, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from gonghui.api.tests.world import World
    from gonghui.surveys.tests import idor

    world = World(fed=fed)
    idor.build(world)
    problems = []
    for page in m._pages():
        if not page.name.startswith("surveys:"):
            continue
        for url in m._urls(world, page.route, page.name, page.params):
            for persona in ("anonymous", "outsider"):
                for method in ("get", "post"):
                    client.logout()
                    if persona == "outsider":
                        client.force_login(fed.outsider)
                    r = getattr(client, method)(url)
                    problems += m._page_problems(page, url, persona, method, r)
    assert not problems, "\n".join(problems)
