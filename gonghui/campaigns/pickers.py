"""What a 分工 may name, shared by the page's form and the API: departments in the campaign
organisation's subtree, its direct child organisations, a leader holding a leadership post in it
and a liaison account under it, each also within the scope of the user who assigns."""

from gonghui.accounts.pickers import USERS
from gonghui.organizations.pickers import DEPARTMENTS, ORGANIZATIONS
from gonghui.people.pickers import PEOPLE


def assignment_pickers(campaign) -> dict:
    """Field name → (picker source, narrowing params)."""
    org = campaign.organization_id
    return {
        "departments": (DEPARTMENTS, {"within": org}),
        "organizations": (ORGANIZATIONS, {"parent": org}),
        "leader": (PEOPLE, {"organization": org, "leadership": 1}),
        "liaison": (USERS, {"within": org, "role": "liaison"}),
    }
