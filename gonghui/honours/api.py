"""Api of this app."""
