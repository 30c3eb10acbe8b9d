"""The public, mobile-first site: no login, masked data only."""
