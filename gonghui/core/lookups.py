"""Index-friendly lookups: `field__prefix=…` and `field__within=(low, high)`.

`prefix` is a prefix match that every backend can answer from a plain B-tree index.

SQLite's LIKE ignores indexes on BINARY columns (it is case-insensitive), so there the lookup is
a range `field >= p AND field < p || U+10FFFF`; PostgreSQL uses LIKE 'p%' served by a
`varchar_pattern_ops` index, which is correct under any collation.
"""

from django.db.models import CharField, Lookup

_TOP = "\U0010ffff"


@CharField.register_lookup
class Prefix(Lookup):
    lookup_name = "prefix"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [value])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = str(self.rhs)
        if connection.vendor == "sqlite":
            return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, value, *lhs_params, value + _TOP]
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{lhs} LIKE %s", [*lhs_params, escaped + "%"]


@CharField.register_lookup
class Within(Lookup):
    """`low <= field < high`, written as one lookup so callers can choose index use."""

    lookup_name = "within"
    use_index = True
    prepare_rhs = False  # the value is a (low, high) pair, not one string

    def get_db_prep_lookup(self, value, connection):
        return ("%s", list(value))

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        low, high = self.rhs
        if not self.use_index and connection.vendor == "sqlite":
            # Unary + keeps SQLite from choosing this column's index; PostgreSQL's planner
            # weighs the alternatives from its statistics and needs no hint.
            lhs = f"+{lhs}"
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, low, *lhs_params, high]


@CharField.register_lookup
class WithinUnindexed(Within):
    lookup_name = "within_unindexed"
    use_index = False
