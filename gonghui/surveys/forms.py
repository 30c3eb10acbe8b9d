"""Forms of surveys: create, question builder, channel, tokens, problems, inspection groups,
rectification tasks, results date, quizzes and their bank."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.widgets import DateInput
from gonghui.organizations.models import Organization
from gonghui.organizations.pickers import OrganizationChoiceField

from .models import Channel, Question


class SurveyForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("主办组织"), queryset=Organization.objects.none()
    )
    title = forms.CharField(label=_("问卷名称"), max_length=100)
    description = forms.CharField(
        label=_("问卷说明"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    targets = forms.CharField(
        label=_("测评对象（每行一个行业或部门）"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    max_per_device = forms.IntegerField(
        label=_("每台设备限答份数"), min_value=1, max_value=100, initial=1
    )
    requires_token = forms.BooleanField(label=_("仅凭答题码作答"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["targets"] = [t.strip() for t in data["targets"].splitlines() if t.strip()][:200]
        return data


class QuestionForm(forms.Form):
    section = forms.CharField(label=_("部分"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("题型"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("题目"), max_length=300)
    options = forms.CharField(
        label=_("选项（每行一个；量表留空则为 满意/基本满意/不满意/不了解）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rows = forms.CharField(
        label=_("矩阵行（每行一个）"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_per_target = forms.BooleanField(label=_("逐个测评对象作答"), required=False)
    is_required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    show_if_question = forms.IntegerField(
        label=_("显示条件：题目编号"), required=False, min_value=1
    )
    show_if_option = forms.CharField(label=_("显示条件：选项代码"), required=False, max_length=8)

    def service_data(self) -> dict:
        d = self.cleaned_data
        options = [o.strip() for o in d["options"].splitlines() if o.strip()]
        return {
            "section": d["section"],
            "kind": d["kind"],
            "text": d["text"],
            "options": options,
            "rows": [r.strip() for r in d["rows"].splitlines() if r.strip()],
            "is_per_target": d["is_per_target"],
            "is_required": d["is_required"],
            "show_if": {"question": d["show_if_question"], "option": d["show_if_option"]}
            if d["show_if_question"]
            else None,
        }


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Channel.Kind.choices)
    name = forms.CharField(label=_("渠道名称"), max_length=60)
    code = forms.SlugField(label=_("代码"), max_length=16, required=False)


class TokenForm(forms.Form):
    count = forms.IntegerField(label=_("数量"), min_value=1, max_value=5000, initial=50)
    batch = forms.CharField(label=_("批次（如 省人大代表）"), max_length=40, required=False)


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("问题"), max_length=200)
    category = forms.CharField(label=_("问题分类"), max_length=30, required=False)
    target = forms.TypedChoiceField(
        label=_("涉及对象"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label=_("问题描述"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + [(t.pk, t.name) for t in targets]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("督察组"), max_length=60)
    leader = forms.CharField(label=_("组长"), max_length=30, required=False)
    members = forms.CharField(label=_("成员"), max_length=300, required=False)
    start_date = forms.DateField(label=_("开始日期"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("结束日期"), required=False, widget=DateInput)


class TaskForm(forms.Form):
    department = forms.CharField(label=_("责任单位"), max_length=60)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput)


class ResultsForm(forms.Form):
    publish_date = forms.DateField(label=_("结果公布日期"), widget=DateInput)
    summary = forms.CharField(
        label=_("结果说明"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuizForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("主办组织"), queryset=Organization.objects.none()
    )
    title = forms.CharField(label=_("答题活动"), max_length=100)
    num_questions = forms.IntegerField(
        label=_("每次抽题数"), min_value=1, max_value=100, initial=10
    )
    time_limit_minutes = forms.IntegerField(
        label=_("限时（分钟，0 为不限）"), min_value=0, max_value=180, initial=0
    )
    attempts_allowed = forms.IntegerField(
        label=_("可答次数（取最高分）"), min_value=1, max_value=20, initial=1
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


class QuizQuestionForm(forms.Form):
    text = forms.CharField(label=_("题目"), max_length=300)
    options = forms.CharField(
        label=_("选项（每行一个，依次为 A、B、C…）"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answer = forms.CharField(label=_("正确答案（如 A 或 AC）"), max_length=10)
    explanation = forms.CharField(label=_("解析"), max_length=500, required=False)

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["options"] = [o.strip() for o in d["options"].splitlines() if o.strip()][:10]
        return d


class AttemptStartForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=30)
    unit = forms.CharField(label=_("单位"), max_length=60)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
