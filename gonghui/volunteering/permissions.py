"""Who may write volunteering records; approving hours belongs to the team leader alone."""

from gonghui.organizations.permissions import can_write_in

MANAGE_TEAMS = "volunteering.change_team"
MANAGE_VOLUNTEERS = "volunteering.add_volunteer"
MANAGE_EVENTS = "volunteering.change_serviceevent"
RECORD_HOURS = "volunteering.add_servicehours"
MANAGE_PAIRINGS = "volunteering.change_pairing"
RECORD_VISITS = "volunteering.add_visit"
HANDLE_PROBLEMS = "volunteering.change_problem"

__all__ = ["can_write_in", "is_team_leader"]


def is_team_leader(user, team) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and team.leader_id == user.pk
