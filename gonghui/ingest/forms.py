"""Forms for ingestion: the upload and the reviewer's edits to a proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.activities.selectors import activity_types
from gonghui.core.widgets import DateInput
from gonghui.organizations.models import Organization
from gonghui.organizations.pickers import OrganizationChoiceField

from . import selectors
from .models import Proposal
from .proposals import TYPE_WORDS, assign_metrics

# The activity metrics a reviewer edits, as labelled fields (the activities app's names).
METRIC_FIELDS = [
    ("participants", _("参与人数（人）")),
    ("attendances", _("参与人次（人次）")),
    ("sessions", _("场次/项目数（场）")),
    ("money", _("金额（元）")),
    ("items", _("物品数量")),
    ("reach", _("浏览量（次）")),
    ("awards", _("评选表彰（个）")),
]
ITEM_UNITS = [("", "—"), ("本", "本"), ("件", "件"), ("份", "份"), ("张", "张")]


class UploadForm(forms.Form):
    organization = OrganizationChoiceField(
        label=_("所属组织"), queryset=Organization.objects.none()
    )
    file = forms.FileField(
        label=_("资料文件"),
        help_text=_("支持 Word（.docx）、网页（.html）和文本（.txt），最大 20 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.html,.htm,.txt"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        if user.organization_id:
            self.fields["organization"].initial = user.organization


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = obj.department.name if obj.department_id else obj.organization.name
        return f"{obj.campaign.name} · {obj.indicator.code} {obj.indicator.name} · {unit}"


def _fact_label(index: int, fact: dict) -> str:
    subject = f"（{fact['subject']}）" if fact.get("subject") else ""
    return f"#{index + 1} {fact.get('quote', '')}{subject}"


class ProposalForm(forms.Form):
    """A proposal as the reviewer confirms it: an activity with its department and labelled
    metrics (each saying which facts it came from), or a ledger entry with the task to file
    the document under. Choices come from the user's scope and the proposal's organisation."""

    title = forms.CharField(label=_("名称"), max_length=200)
    proposed_date = forms.DateField(label=_("日期"), required=False, widget=DateInput())
    activity_type_code = forms.ChoiceField(label=_("活动类型"), required=False, choices=())
    department = forms.ModelChoiceField(
        label=_("组织部门"), required=False, queryset=None, empty_label=_("（不指定部门）")
    )
    assignment = TaskChoiceField(
        label=_("归入台账任务"),
        queryset=None,
        help_text=_("文档将作为该任务的台账文件上传"),
    )

    def __init__(self, *args, user, proposal: Proposal, facts: list[dict] = (), **kwargs):
        kwargs.setdefault("prefix", f"p{proposal.pk}")
        kwargs.setdefault("initial", self.initial_for(proposal))
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        if proposal.kind == Proposal.Kind.LEDGER:
            for name in ("proposed_date", "activity_type_code", "department"):
                del self.fields[name]
            self.fields["assignment"].queryset = selectors.ledger_tasks_for(
                user, proposal.organization
            )
            self.fields["title"].label = _("文件标题")
            return
        del self.fields["assignment"]
        self.fields["department"].queryset = selectors.departments_for(user, proposal.organization)
        choices = [("", "—")]
        try:
            choices += [(t.code, t.name) for t in activity_types()]
        except ImportError:
            choices += [(code, code) for code, _words in TYPE_WORDS]
        self.fields["activity_type_code"].choices = choices
        self._add_metric_fields(proposal, list(facts))

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        initial = {
            "title": proposal.title,
            "proposed_date": proposal.proposed_date,
            "activity_type_code": proposal.activity_type_code,
            "department": proposal.department_id,
        }
        initial.update(proposal.metrics)
        return initial

    def _add_metric_fields(self, proposal: Proposal, facts: list[dict]):
        indexes = [i for i in proposal.fact_indexes if 0 <= i < len(facts)]
        _metrics, sources = assign_metrics(
            facts, indexes, activity_type_code=proposal.activity_type_code
        )
        for name, label in METRIC_FIELDS:
            if name == "money":
                field = forms.DecimalField(
                    label=label, required=False, min_value=0, max_digits=14, decimal_places=2
                )
            else:
                field = forms.IntegerField(
                    label=label, required=False, min_value=0, max_value=2_000_000_000
                )
            source = sources.get(name)
            if source:
                parts = []
                if source.used:
                    used = "；".join(_fact_label(i, facts[i]) for i in source.used)
                    parts.append(str(_("依据：%(f)s")) % {"f": used})
                if source.left_out:
                    left = "；".join(_fact_label(i, facts[i]) for i in source.left_out)
                    parts.append(str(_("未计入（统计对象或单位不同）：%(f)s")) % {"f": left})
                field.help_text = " ".join(parts)
            self.fields[name] = field
            if name == "items":
                self.fields["items_unit"] = forms.ChoiceField(
                    label=_("物品单位"), required=False, choices=ITEM_UNITS
                )

    BASIC = ("title", "proposed_date", "activity_type_code", "department", "assignment")

    def basic_fields(self):
        return [self[name] for name in self.BASIC if name in self.fields]

    def metric_fields(self):
        return [self[name] for name in self.fields if name not in self.BASIC]

    def metrics(self) -> dict:
        data = self.cleaned_data
        metrics = {
            name: data[name] for name, _label in METRIC_FIELDS if data.get(name) not in (None, 0)
        }
        if metrics.get("items") and data.get("items_unit"):
            metrics["items_unit"] = data["items_unit"]
        return metrics

    def edits(self) -> dict:
        """The service's keyword arguments for the reviewer's choices."""
        data = self.cleaned_data
        if self.proposal.kind == Proposal.Kind.LEDGER:
            return {"title": data["title"], "assignment": data["assignment"]}
        return {
            "title": data["title"],
            "proposed_date": data["proposed_date"],
            "activity_type_code": data["activity_type_code"],
            "department": data["department"],
            "metrics": self.metrics(),
        }
