"""`field__prefix=…`: a prefix match that every backend can answer from a plain B-tree index.

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
