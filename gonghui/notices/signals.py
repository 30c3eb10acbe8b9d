"""How an owning app hears about its notices without notices importing it.

`notice_closed(notice)` is sent after a notice's period ends (or it is withdrawn: see the
notice's status); `objection_closed(objection, outcome, ref_id, source_type_id, source_id)`
after staff close an objection, `ref_id` being the owning app's row the objection was
about (None for an objection to the whole notice). Both are sent on commit."""

from django.dispatch import Signal

notice_closed = Signal()
objection_closed = Signal()
