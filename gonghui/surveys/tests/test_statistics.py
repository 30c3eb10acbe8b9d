"""Statistics against figures worked out by hand, and the counters against a recount from the
raw rows after a bulk load (they never drift)."""

import pytest

from gonghui.surveys import selectors, services
from gonghui.surveys.models import AnswerCount, Response

from .factories import make_survey, questions

pytestmark = pytest.mark.django_db


def load(survey, grids, **attributes):
    scale, single, _free = questions(survey)
    for n, grid in enumerate(grids):
        services.submit_response(
            survey=survey,
            raw_answers={scale.key: grid, single.key: "1"},
            device_id=f"dev-{grid}-{n}-{attributes}",
            **attributes,
        )


def test_satisfaction_rate_and_ranking_match_a_hand_count(fed):
    survey = make_survey(fed)  # targets 公安, 交通, 医疗; 1 满意 2 基本满意 3 不满意 4 不了解
    load(survey, ["123", "124", "214", "334", "143"])
    # 公安: 1,1,2,3,1 → satisfied 4 of 5 counted = 80.00
    # 交通: 2,2,1,3,4 → satisfied 3 of 4 counted (不了解 left out) = 75.00
    # 医疗: 3,4,4,4,3 → satisfied 0 of 2 counted = 0.00
    ranking = selectors.satisfaction_ranking(survey)
    assert [(s.name, s.satisfied, s.counted, s.rate) for s in ranking] == [
        ("公安", 4, 5, 80.0),
        ("交通", 3, 4, 75.0),
        ("医疗", 0, 2, 0.0),
    ]
    assert [s.rank for s in ranking] == [1, 2, 3]


def test_a_target_nobody_judged_has_no_rate_and_ranks_last(fed):
    survey = make_survey(fed)
    load(survey, ["444", "414"])
    ranking = selectors.satisfaction_ranking(survey)
    assert ranking[0].name == "交通" and ranking[0].rate == 100.0
    assert ranking[-1].rate is None


def test_counters_equal_a_recount_from_raw_rows_after_a_bulk_load(fed, settings):
    settings.GONGHUI_SURVEY_FOLD_EVERY = 7
    survey = make_survey(fed)
    scale, single, _free = questions(survey)
    channel = survey.channels.get(code="hf")
    rows = []
    for n in range(600):
        grid = "".join("1234"[(n * (k + 3)) % 4] for k in range(3))
        rows.append(
            {
                "channel_id": channel.pk if n % 3 else None,
                "identity": ["worker", "student", "public", ""][n % 4],
                "region": ["合肥", "芜湖"][n % 2],
                "industry": "",
                "answers": {scale.key: grid, single.key: "123"[n % 3]},
                "texts": [],
            }
        )
    services.import_paper_rows(by=fed.province_admin, survey=survey, rows=rows)
    load(survey, ["111", "222", "333"] * 10, identity="deputy")  # some folded, some pending
    assert Response.objects.filter(survey=survey, tally_batch__isnull=True).exists()
    assert AnswerCount.objects.filter(survey=survey).exists()
    for dimension in ("", "identity", "region", "channel", "day"):
        assert selectors.counts(survey, dimension=dimension) == selectors.recount_from_rows(
            survey, dimension=dimension
        ), dimension
    # Folding the rest twice (two workers at once) counts nothing twice.
    services.fold_counts(survey_id=survey.pk)
    services.fold_counts(survey_id=survey.pk)
    assert not Response.objects.filter(survey=survey, tally_batch__isnull=True).exists()
    folded = {
        (c.question_id, c.row, c.option, c.value): c.count
        for c in AnswerCount.objects.filter(survey=survey, dimension="")
    }
    assert folded == selectors.recount_from_rows(survey)
    assert selectors.statistics(survey).total == 630


def test_crosstab_splits_a_question_by_identity(fed):
    survey = make_survey(fed)
    load(survey, ["111", "112"], identity="student")
    load(survey, ["333"], identity="worker")
    scale, _single, _free = questions(survey)
    table = selectors.crosstab(survey, question_id=scale.pk, dimension="identity")
    rows = {value: (cells, total, rate) for value, cells, total, rate in table.rows}
    assert rows["学生"] == ([5, 1, 0, 0], 6, 100.0)
    assert rows["职工"] == ([0, 0, 3, 0], 3, 0.0)


def test_keywords_come_from_the_free_texts(fed):
    survey = make_survey(fed)
    scale, _single, free = questions(survey)
    for n, text in enumerate(["窗口排队时间太长", "排队太久，窗口太少", "服务态度好"]):
        services.submit_response(
            survey=survey, raw_answers={scale.key: "111", free.key: text}, device_id=f"k{n}"
        )
    words = dict(selectors.keywords(survey))
    assert words["窗口"] == 2 and words["排队"] == 2


def test_the_column_tally_equals_the_response_by_response_count(fed):
    """answers.tally (used for folds and recounts) against the plain per-response reference."""
    import random
    from collections import Counter

    from gonghui.surveys import answers as rules

    survey = make_survey(fed)
    definition = selectors.definition_of(survey)
    scale, single, free = questions(survey)
    rng = random.Random(5)
    rows = []
    for _n in range(300):
        answers = {scale.key: "".join(rng.choice("1234-") for _k in range(3))}
        if rng.random() < 0.7:
            answers[single.key] = rng.choice("123")
        if rng.random() < 0.2:
            answers[free.key] = "意见"
        rows.append(
            (
                answers,
                rng.choice(["", "worker", "student"]),
                rng.choice(["", "合肥"]),
                "",
                rng.choice([None, 7]),
                rng.choice(["2026-05-01", "2026-05-02"]),
            )
        )
    reference = Counter()
    for answers, identity, region, industry, channel, day in rows:
        dims = rules.dimension_values(
            identity=identity, region=region, industry=industry, channel_id=channel
        )
        rules.add_increments(reference, definition, answers, dims, day)
    assert rules.tally(definition, rows) == reference
