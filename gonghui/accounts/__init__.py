"""Users, roles with a data scope, API tokens, login with lockout."""
