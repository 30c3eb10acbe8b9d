"""The one pagination every API list uses: page numbers bounded in the schema (a page past the
cap is a 422, not an offset no database accepts), page sizes capped, counts capped like pages."""

from ninja import Field, Schema

from gonghui.core.pagination import COUNT_CAP, CappedPageNumberPagination

MAX_PAGE_SIZE = 100
# No list is paged past the count cap; with the smallest page size that is COUNT_CAP pages.
MAX_PAGE = COUNT_CAP


class ApiPagination(CappedPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, page_size: int = 50, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)
