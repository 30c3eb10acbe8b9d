"""Excel import of a nomination list into one round: a row schema on core.imports, with the
round's awards and 是/否 as drop-downs in the template. Each row is checked as the nomination
form would be (the nominee found in the importer's people records by ID number, the deeds
limit, the no-repeat rule), and across the file and the round: the same nominee twice, a
nominee already nominated in the round (without saying by whom), and each union's quota per
award. Nothing is written unless every row is valid; the rows become drafts to submit."""

from collections import Counter
from dataclasses import replace

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import idcard, privacy
from gonghui.core.exceptions import DomainError
from gonghui.core.imports import ImportColumn, ImportSchema, RowError, cell_text
from gonghui.organizations.imports import ORGANIZATION_LOOKUP
from gonghui.people.selectors import person_by_id_number

from . import services
from .models import AwardType, Nomination, Quota
from .workflow import LIVE

YES, NO = "是", "否"


def _id_number(value) -> str:
    try:
        return idcard.validate_id_number(cell_text(value))
    except idcard.InvalidIdNumber as exc:
        raise RowError(str(exc)) from exc


def _yes_no(value) -> bool:
    text = cell_text(value)
    if text in (YES, NO):
        return text == YES
    raise RowError(_("一线职工应填“是”或“否”"))


class NominationImport(ImportSchema):
    """A nomination list for `round_`; an instance per round (its awards, limit and quotas)."""

    title = gettext_lazy("推荐名单导入")
    columns = [
        ImportColumn("推荐单位", "organization", required=gettext_lazy("推荐单位为空"), lookup="organization", default=None, example="郑州宏达机械有限公司工会"),
        ImportColumn("奖项", "award_name", required=gettext_lazy("奖项为空"), example="河南省五一劳动奖章"),
        ImportColumn("推荐对象", "nominee", required=gettext_lazy("推荐对象为空"), example="张建国"),
        ImportColumn("身份证号", "id_number", parse=_id_number, example="410102198001010018"),
        ImportColumn("工作单位", "unit", example="郑州宏达机械有限公司"),
        ImportColumn("职务/岗位", "post_title", example="数控车工"),
        ImportColumn("一线职工", "is_frontline", parse=_yes_no, default=False, example=YES),
        ImportColumn("事迹材料", "deeds", example="扎根一线二十年，完成技术革新三项。"),
        ImportColumn("推荐意见", "opinion", example="同意推荐"),
    ]  # fmt: skip
    lookups = {"organization": ORGANIZATION_LOOKUP}
    help_rows = [
        gettext_lazy(
            "每行一个推荐对象。个人奖项填姓名和身份证号（须已在人员库中）；集体奖项填集体名称，身份证号留空。"
        ),
        gettext_lazy("工作单位留空时取推荐单位名称；导入后为草稿，核对后逐个上报。"),
        gettext_lazy("同一对象在本次评选中只能推荐一次；每个推荐单位的人数不能超过其名额。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("推荐单位"), lambda r: r.values.get("推荐单位")),
        (gettext_lazy("奖项"), lambda r: r.values.get("奖项")),
        (
            gettext_lazy("推荐对象"),
            lambda r: (
                privacy.mask_name(cell_text(r.values.get("推荐对象")))
                if cell_text(r.values.get("身份证号"))
                else r.values.get("推荐对象")
            ),
        ),
        (gettext_lazy("工作单位"), lambda r: r.values.get("工作单位")),
    ]

    def __init__(self, round_):
        self.round = round_
        self.name = f"honours-nominations-{round_.pk}"
        first = next(iter(self._awards()), "")
        # The example row names one of this round's awards.
        self.columns = [
            replace(c, example=first) if c.header == "奖项" and first else c for c in self.columns
        ]

    def dropdown_choices(self):
        return {"奖项": [a.name for a in self._awards().values()], "一线职工": [YES, NO]}

    def _awards(self) -> dict[str, AwardType]:
        return {a.name: a for a in self.round.awards.order_by("sort_order", "name")}

    def prepare(self, *, by, found):
        return {"awards": self._awards()}

    def clean_row(self, row, *, by, context):
        data = row.data
        award = context["awards"].get(data["award_name"])
        if award is None and data["award_name"]:
            row.errors.append(
                _("奖项“%(name)s”不在本次评选中（可填：%(choices)s）")
                % {"name": data["award_name"], "choices": "、".join(context["awards"])}
            )
        data["award"] = award
        org = data.get("organization")
        if org is not None:
            if not org.path.startswith(self.round.organization.path) or (
                org.pk == self.round.organization_id
            ):
                row.errors.append(_("推荐单位应为评选组织单位的下级单位"))
            data["unit"] = (data["unit"] or org.name)[:100]
        data["person"], data["collective_name"] = None, ""
        if award is not None and award.subject == AwardType.Subject.INDIVIDUAL:
            self._find_person(row, by=by)
        elif award is not None:
            if data["id_number"]:
                row.errors.append(_("集体奖项不填身份证号"))
            data["collective_name"] = data["nominee"][:100]
        if len(data["deeds"]) > self.round.deeds_limit:
            row.errors.append(
                _("事迹材料最多 %(n)s 字（现 %(m)s 字）")
                % {"n": self.round.deeds_limit, "m": len(data["deeds"])}
            )
        data["opinion"] = data["opinion"][:500]
        data["post_title"] = data["post_title"][:50]

    def _find_person(self, row, *, by) -> None:
        data = row.data
        if not data["id_number"]:
            if not cell_text(row.values.get("身份证号")):  # a number given was refused already
                row.errors.append(_("个人奖项须填写身份证号"))
            return
        try:
            person = person_by_id_number(by, data["id_number"])
        except privacy.LookupThrottled as exc:
            row.errors.append(str(exc))
            return
        if person is None:
            row.errors.append(_("人员库中没有该身份证号的人员（或不在您的管理范围内）"))
        elif person.name != data["nominee"]:
            row.errors.append(_("推荐对象姓名与人员库中该身份证号的姓名不一致"))
        else:
            data["person"] = person
            try:
                services.check_no_repeat(self.round, data["award"], person)
            except DomainError as exc:
                row.errors.append(exc.message)

    def check_file(self, report, *, by, context):
        rows = [r for r in report.rows if r.data.get("award") and r.data.get("organization")]
        keyed = {}
        for row in rows:
            data = row.data
            if data["award"].subject == AwardType.Subject.INDIVIDUAL and data["person"] is None:
                continue
            key = services.key_of(data["person"], data["collective_name"], data["unit"])
            if key in keyed:
                row.errors.append(_("推荐对象与第 %(n)s 行重复") % {"n": keyed[key].number})
            else:
                keyed[key] = row
        taken = set(
            Nomination.objects.filter(round=self.round, nominee_key__in=list(keyed))
            .exclude(status="withdrawn")
            .values_list("nominee_key", flat=True)
        )
        for key in taken:
            keyed[key].errors.append(
                _("该对象已在本次评选中被推荐，同一对象在一次评选中只能推荐一次")
            )
        self._check_quotas(rows)

    def _check_quotas(self, rows) -> None:
        """Each union's nominations of an award (those in the round plus the file's, in file
        order) within its quota; a row past it is refused."""
        orgs = {r.data["organization"].pk for r in rows}
        quotas = {
            (q["organization_id"], q["award_id"]): q["quota"]
            for q in Quota.objects.filter(round=self.round, organization_id__in=orgs).values(
                "organization_id", "award_id", "quota"
            )
        }
        if not quotas:
            return
        held = Counter({(o, a): n for o, a, n in _live_counts(self.round, orgs)})
        for row in rows:
            pair = (row.data["organization"].pk, row.data["award"].pk)
            if pair not in quotas or row.errors:
                continue
            held[pair] += 1
            if held[pair] > quotas[pair]:
                row.errors.append(
                    _("“%(org)s”的“%(award)s”名额为 %(n)s 个，本行超出名额")
                    % {
                        "org": row.data["organization"].name,
                        "award": row.data["award"].name,
                        "n": quotas[pair],
                    }
                )

    def save(self, rows, *, by):
        return [
            services.nominate(
                by=by,
                round_=self.round,
                award=row.data["award"],
                organization=row.data["organization"],
                person=row.data["person"],
                collective_name=row.data["collective_name"],
                unit=row.data["unit"],
                post_title=row.data["post_title"],
                is_frontline=row.data["is_frontline"],
                deeds=row.data["deeds"],
                opinion=row.data["opinion"],
            )
            for row in rows
        ]


def _live_counts(round_, organization_ids):
    return (
        Nomination.objects.filter(
            round=round_, organization_id__in=organization_ids, status__in=LIVE
        )
        .values_list("organization_id", "award_id")
        .annotate(n=Count("id"))
        .order_by()
    )
