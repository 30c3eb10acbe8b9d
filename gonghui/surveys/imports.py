"""Paper batches (纸质问卷) from Excel: one row per questionnaire, one column per question; a
grid question is one cell of option codes in target order (e.g. 1121341…, as keyed from the
sheet), attributes in their own columns. Checked row by row with Chinese errors at the Excel
row number; written all or nothing in bulk."""

from django.utils.translation import gettext as _

from gonghui.core.exceptions import ValidationFailed
from gonghui.core.files import check_upload
from gonghui.core.spreadsheets import read_rows, render_template_xlsx
from gonghui.core.textinput import simplify_rows

from . import answers as answer_rules
from . import services
from .models import Respondent
from .selectors import channels, definition_of

MAX_ROWS = 120_000
IDENTITY_BY_LABEL = {str(label): value for value, label in Respondent.choices}


class PaperImport:
    def __init__(self, survey):
        self.survey = survey
        self.definition = definition_of(survey)
        self.channels = {c.name: c.pk for c in channels(survey)}
        self.attribute_headers = ["渠道", "身份", "地区", "行业"]
        self.question_headers = [
            f"{n}. {q.text}" for n, q in enumerate(self.definition.questions, 1)
        ]

    @property
    def headers(self) -> list[str]:
        return self.attribute_headers + self.question_headers

    @property
    def help_rows(self) -> list[str]:
        lines = [
            _("每行一份纸质问卷。渠道填写本问卷的渠道名称：%(c)s")
            % {"c": "、".join(self.channels)},
            _("身份填写：%(i)s；地区、行业可空") % {"i": "、".join(IDENTITY_BY_LABEL)},
        ]
        for header, q in zip(self.question_headers, self.definition.questions, strict=True):
            codes = "，".join(f"{c}={label}" for c, label, *_r in q.options)
            if q.is_grid:
                lines.append(
                    _("%(h)s：按顺序每个对象填一个代码（%(codes)s，未答填 -），共 %(n)s 位")
                    % {"h": header, "codes": codes, "n": len(q.rows)}
                )
            elif q.options:
                lines.append(_("%(h)s：填代码（%(codes)s）") % {"h": header, "codes": codes})
        return lines

    def template(self) -> bytes:
        example = [next(iter(self.channels), ""), "群众", "", ""]
        for q in self.definition.questions:
            if q.is_grid:
                example.append(q.options[0][0] * len(q.rows))
            elif q.options:
                example.append(q.options[0][0])
            elif q.kind == "number":
                example.append(1)
            else:
                example.append("")
        return render_template_xlsx(
            title="纸质问卷导入", headers=self.headers, example=example, help_rows=self.help_rows
        )

    def check(self, rows: list[dict]) -> list[dict]:
        """The rows ready to write, or ValidationFailed listing every bad row."""
        checked, errors = [], []
        for raw in rows:
            channel_name = _cell(raw.get("渠道"))
            identity_label = _cell(raw.get("身份"))
            problems = []
            channel_id = self.channels.get(channel_name) if channel_name else None
            if channel_name and channel_id is None:
                problems.append(_("渠道“%(c)s”不是本问卷的渠道") % {"c": channel_name})
            identity = IDENTITY_BY_LABEL.get(identity_label, "") if identity_label else ""
            if identity_label and not identity:
                problems.append(_("身份“%(i)s”无效") % {"i": identity_label})
            answers = {}
            for header, q in zip(self.question_headers, self.definition.questions, strict=True):
                value = raw.get(header)
                if value is None or _cell(value) == "":
                    continue
                answers[q.key] = _cell(value) if q.kind != "number" else value
            try:
                clean, texts = answer_rules.clean_answers(self.definition, answers)
                if not clean:
                    raise ValidationFailed(_("整行没有答案"))
            except ValidationFailed as exc:
                problems.append(exc.message)
                clean, texts = {}, []
            if problems:
                errors.append({"row": raw["_row"], "errors": problems})
                continue
            checked.append(
                {
                    "channel_id": channel_id,
                    "identity": identity,
                    "region": _cell(raw.get("地区"))[:20],
                    "industry": _cell(raw.get("行业"))[:20],
                    "answers": clean,
                    "texts": texts,
                }
            )
        if errors:
            raise ValidationFailed(_("导入文件有错误，未写入任何数据"), errors=errors)
        if not checked:
            raise ValidationFailed(_("导入文件中没有数据行"))
        return checked


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_paper_upload(upload, schema: PaperImport) -> list[dict]:
    check_upload(upload, allowed={"xlsx"})
    return simplify_rows(read_rows(upload, headers=schema.headers, max_rows=MAX_ROWS))


def import_paper(*, by, survey, schema: PaperImport, rows: list[dict]) -> int:
    checked = schema.check(rows)
    return services.import_paper_rows(by=by, survey=survey, rows=checked)
