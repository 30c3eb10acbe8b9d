"""Bounded types for API parameters and request schemas, so the schema (not the database) rejects
values no column can hold: ids within 64 bits, counts within 32 bits, years and dates 1900–2100,
money with the column's digits. Out-of-range input is a 422, never a 500."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field

MAX_BIGINT = 2**63 - 1  # BigAutoField primary keys
MAX_INT = 2**31 - 1  # IntegerField / PositiveIntegerField columns on PostgreSQL
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

Id = Annotated[int, Field(ge=1, le=MAX_BIGINT)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
Year = Annotated[int, Field(ge=FIRST_DATE.year, le=LAST_DATE.year)]
Date = Annotated[dt.date, Field(ge=FIRST_DATE, le=LAST_DATE)]
DateTime = Annotated[
    dt.datetime,
    Field(
        ge=dt.datetime(1900, 1, 2, tzinfo=dt.UTC),
        le=dt.datetime(2100, 12, 30, tzinfo=dt.UTC),
    ),
]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Hours = Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)]
