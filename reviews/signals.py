"""Give every newly published page a next-review date.

The first publish starts the clock: the page is due for review 12 months
later. Later publishes leave the date alone, because fixing a typo is not a
review; staff mark a page reviewed (or pick another date) in the admin.
"""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published


@receiver(page_published)
def start_review_clock(sender, instance, revision=None, **kwargs):
    from reviews.models import PageReview

    published = instance.last_published_at or timezone.now()
    PageReview.objects.get_or_create(
        page_id=instance.pk,
        defaults={"next_review": PageReview.default_date(timezone.localdate(published))},
    )
