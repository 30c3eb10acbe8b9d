"""Refill the monthly relief tallies (ReliefTally) from the relief records: after a bulk load
written outside the services, or to check that the kept tallies are exact."""

from django.core.management.base import BaseCommand

from gonghui.assistance.tallies import rebuild


class Command(BaseCommand):
    help = "Rebuild the assistance app's monthly relief tallies from the relief records."

    def handle(self, *args, **options):
        self.stdout.write(f"assistance_relieftally: {rebuild()}")
