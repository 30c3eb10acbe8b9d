"""Every page works offline: scripts, styles, images and fonts come from our own static files
(vendored and pinned under static/vendor/), never from a CDN or another site."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(settings.BASE_DIR)

# An asset reference in markup: <script src>, <link href>, <img src/srcset>, <source>, <iframe>…
_ASSET_TAG = re.compile(
    r"<(?:script|link|img|source|iframe|embed|video|audio|object)\b[^>]*?"
    r"\b(?:src|href|srcset|data|poster)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.I | re.S,
)
# In CSS (a stylesheet or a style attribute): url(//…), url(https://…), @import "https://…".
_CSS_REMOTE = re.compile(
    r"(?:url\(\s*[\"']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//)", re.I
)


def _template_files() -> list[Path]:
    dirs = []
    for engine in engines.all():
        dirs.extend(Path(d) for d in engine.template_dirs)
    own = [d for d in dirs if ROOT in d.parents and ".venv" not in d.parts]
    return sorted(p for d in own for p in d.rglob("*.html"))


def _static_files(*suffixes: str) -> list[Path]:
    return sorted(
        p for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*") if p.suffix in suffixes
    )


def test_the_scan_sees_the_templates_and_stylesheets():
    names = {p.name for p in _template_files()}
    assert {"base.html", "docs.html", "exports.html"} <= names
    assert any(p.name == "swagger-ui.css" for p in _static_files(".css"))


def test_the_scan_catches_a_remote_asset():
    assert _ASSET_TAG.search('<script src="https://cdn.example/x.js"></script>')
    assert _ASSET_TAG.search("<link rel=stylesheet href=//cdn.example/x.css>")
    assert _CSS_REMOTE.search("background: url('https://example.org/a.png')")
    assert not _ASSET_TAG.search('<a href="https://www.example.org/">外部链接</a>')
    assert not _ASSET_TAG.search('<script src="/static/vendor/htmx-2.0.4.min.js"></script>')


@pytest.mark.parametrize("path", _template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_load_no_remote_asset(path):
    text = path.read_text(encoding="utf-8")
    found = _ASSET_TAG.findall(text) + _CSS_REMOTE.findall(text)
    assert not found, f"{path}: remote asset {found}"


@pytest.mark.parametrize(
    "path", _static_files(".css", ".html"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_static_styles_load_no_remote_asset(path):
    text = path.read_text(encoding="utf-8")
    found = _CSS_REMOTE.findall(text) + _ASSET_TAG.findall(text)
    assert not found, f"{path}: remote asset {found}"


# --- rendered pages ------------------------------------------------------------------------


class _Assets(HTMLParser):
    ATTRS = {"script": "src", "link": "href", "img": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = self.ATTRS.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value:
            self.urls.append(value)


def asset_problems(html: str) -> list[str]:
    """Every asset a page loads must be one of our static files that exists."""
    parser = _Assets()
    parser.feed(html)
    problems = []
    for url in parser.urls:
        if url.startswith("data:"):
            continue
        if not url.startswith(settings.STATIC_URL):
            problems.append(f"not a local static file: {url}")
        elif finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0]) is None:
            problems.append(f"missing static file: {url}")
    return problems


def test_api_docs_page_loads_only_vendored_assets(fed, client_for):
    response = client_for(fed.province_admin).get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert asset_problems(html) == []
    assert "vendor/swagger-ui-5.35.0/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def _parameterless_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _parameterless_paths(pattern, route)
        elif isinstance(pattern, URLPattern) and not re.search(r"[<(\\^$]", route.lstrip("^")):
            yield "/" + route


def test_every_page_without_parameters_loads_only_local_assets(fed, client_for):
    """Walks the URL configuration, so a new page is covered without being listed here."""
    client = client_for(fed.sysadmin)
    checked = 0
    problems = {}
    for path in sorted(set(_parameterless_paths())):
        if path.startswith(("/admin/", "/static/", "/media/")):
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found = asset_problems(response.content.decode())
        if found:
            problems[path] = found
    assert checked >= 10
    assert problems == {}
