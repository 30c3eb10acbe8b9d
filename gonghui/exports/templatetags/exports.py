"""`{% export_link 'app:list_export' %}`: a list page's Excel link, carrying the page's filters."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from gonghui.exports.lists import list_params

register = template.Library()


@register.simple_tag(takes_context=True)
def export_link(context, url_name: str, *args, label: str = ""):
    request = context["request"]
    query = list_params(request.GET).urlencode()
    url = reverse(url_name, args=args) + (f"?{query}" if query else "")
    return format_html(
        '<a class="btn secondary small" href="{}">{}</a>', url, label or _("导出 Excel")
    )
