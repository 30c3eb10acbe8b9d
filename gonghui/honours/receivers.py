"""How honours hears of its notices: an upheld objection withdraws its nominee."""

from django.contrib.contenttypes.models import ContentType

from gonghui.notices.signals import objection_closed

from . import services
from .models import Round


def on_objection_closed(sender, *, objection, outcome, ref_id, source_type_id, **kwargs):
    if outcome != "upheld" or ref_id is None:
        return
    if source_type_id != ContentType.objects.get_for_model(Round).pk:
        return
    services.withdraw_after_objection(nomination_id=ref_id, answer=objection.answer)


def connect() -> None:
    objection_closed.connect(on_objection_closed, dispatch_uid="honours.on_objection_closed")
