"""`pk_url` gives the same URL as `{% url %}` for one object, under any script prefix."""

from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_pk_url_is_the_reversed_url_with_the_pk():
    for pk in (1, 42, 9081726354):
        assert render('{{ pk|pk_url:"people:detail" }}', pk=pk) == reverse(
            "people:detail", args=[pk]
        )


def test_pk_url_follows_the_script_prefix():
    set_script_prefix("/gonghui/")
    try:
        assert render('{{ 7|pk_url:"people:detail" }}') == "/gonghui/people/7/"
    finally:
        clear_script_prefix()
    assert render('{{ 7|pk_url:"people:detail" }}') == "/people/7/"
