"""Figures for the home page, each read through the selectors of the app that owns it."""

from gonghui.organizations import selectors as organization_selectors
from gonghui.people import selectors as people_selectors


def home_summary(user) -> dict:
    return {
        "num_organizations": organization_selectors.num_organizations_for_user(user),
        **people_selectors.headline_counts(user),
    }
