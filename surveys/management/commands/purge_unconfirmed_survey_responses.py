"""Delete survey responses whose confirmation link has expired (they never count anyway)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys.models import SurveyResponse
from surveys.services import CONFIRM_MAX_AGE


class Command(BaseCommand):
    help = (
        "Usuwa niepotwierdzone odpowiedzi na ankiety, których link potwierdzający wygasł (starsze niż 7 dni)."
    )

    def handle(self, *args, **options):
        deleted, _ = SurveyResponse.objects.filter(
            status=SurveyResponse.Status.PENDING, submitted_at__lt=timezone.now() - CONFIRM_MAX_AGE
        ).delete()
        self.stdout.write(f"Usunięto niepotwierdzonych odpowiedzi: {deleted}")
