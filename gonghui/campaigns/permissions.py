"""Who may set up campaigns and frameworks, divide tasks and grade."""

from gonghui.organizations.models import Organization

from .models import Campaign

MANAGE_CAMPAIGN = "campaigns.change_campaign"
MANAGE_FRAMEWORK = "campaigns.change_framework"


def can_manage_frameworks(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_FRAMEWORK)


def can_manage_campaigns_of(user, organization: Organization) -> bool:
    if not user.is_authenticated or not user.has_perm(MANAGE_CAMPAIGN):
        return False
    if user.is_superuser:
        return True
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()


def can_manage_campaign(user, campaign) -> bool:
    if not user.is_authenticated or not user.has_perm(MANAGE_CAMPAIGN):
        return False
    if user.is_superuser:
        return True

    return Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()
