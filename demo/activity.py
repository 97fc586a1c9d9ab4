"""A believable week of resident activity, so staff screens are not empty on a fresh demo.

A newcomer signing in to the demo should find work waiting: problem reports in the feedback
queue (new, triaged, in progress, resolved, one spam), a few already assigned to the demo's
staff accounts, helpful/not-helpful votes on the pages residents use most, and submissions to
several departments' forms. Everything is dated over the last seven days, in office hours.

Idempotent by a simple rule: the week of feedback is added only while the site has no
feedback at all, and each demo form gets its submissions only while it has none. A second run
adds nothing, and a site where residents (or a developer trying the widget) have already left
feedback or submitted a form never gets invented rows mixed in with theirs.

Written against today's models (``forms.models.Feedback`` and ``FormPageSubmission``) in
this one module, so changes to feedback and submissions have one place to follow.
"""

import datetime
import itertools
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from demo.common import CITY_TZ, city_today

#: The staff accounts reports are assigned to, as ``create_demo_users`` names them; created
#: here without a usable password if they do not exist yet (that command sets it).
ASSIGNEES = {
    "parks-editor": ("Pat", "(Parks editor)"),
    "police-editor": ("Jordan", "(Police editor)"),
    "comms": ("Casey", "(Communications)"),
}

NEW, TRIAGED, IN_PROGRESS, RESOLVED, SPAM = "new", "triaged", "in_progress", "resolved", "spam"

#: (department slug, page slug, days ago, "HH:MM", trying to do, what went wrong, email, status, assignee)
REPORTS = [
    (
        "public-works",
        "report-a-pothole",
        0,
        "08:12",
        "Report the pothole on Magnolia Commons at Pearl",
        "The form asks for a photo but my phone's picture is too large to upload.",
        "t.harris@example.com",
        NEW,
        None,
    ),
    (
        "public-works",
        "how-long-until-my-pothole-is-fixed",
        1,
        "17:40",
        "Find out when my pothole will be fixed",
        "I reported it two weeks ago and there is no way to check on it here.",
        "",
        NEW,
        None,
    ),
    (
        "water-sewer",
        "is-there-a-boil-water-notice",
        0,
        "06:55",
        "See if the boil water notice covers my street",
        "The page does not list streets, only a map I cannot read on my phone.",
        "marisol.v@example.com",
        NEW,
        None,
    ),
    (
        "water-sewer",
        "why-is-my-water-brown",
        2,
        "19:05",
        "Know if brown water is safe for my baby's bottle",
        "It says to run the tap but not for how long, or who to call if it stays brown.",
        "",
        TRIAGED,
        None,
    ),
    (
        "finance-utility-billing",
        "pay-your-water-bill",
        1,
        "12:20",
        "Pay my water bill",
        "The pay link took me to a page asking for an account number that is not on my paper bill.",
        "d.coleman@example.com",
        IN_PROGRESS,
        "comms",
    ),
    (
        "finance-utility-billing",
        "why-is-my-water-bill-so-high",
        4,
        "09:30",
        "Understand why my bill doubled",
        "The page talks about leaks but I rent and the landlord pays for repairs.",
        "",
        RESOLVED,
        "comms",
    ),
    (
        "parks-recreation",
        "reserve-a-park-pavilion",
        3,
        "21:15",
        "Book the Sweetgum pavilion for a reunion",
        "The price on this page is $40 but the form says $60 for the large pavilion.",
        "reunion.planner@example.com",
        IN_PROGRESS,
        "parks-editor",
    ),
    (
        "parks-recreation",
        "when-do-pools-open",
        5,
        "10:45",
        "Find pool hours",
        "Still shows last summer's dates.",
        "",
        RESOLVED,
        "parks-editor",
    ),
    (
        "parks-recreation",
        "register-for-youth-sports",
        2,
        "20:02",
        "Sign my daughter up for soccer",
        "Registration says closed but the flyer at school says it is open until Friday.",
        "",
        NEW,
        None,
    ),
    (
        "police",
        "get-a-copy-of-a-police-report",
        1,
        "14:10",
        "Get the report for my car accident for insurance",
        "It does not say how many days after the accident the report is ready.",
        "k.nguyen@example.com",
        TRIAGED,
        "police-editor",
    ),
    (
        "police",
        "how-do-i-get-my-towed-car-back",
        6,
        "07:50",
        "Find where my car was towed",
        "The lot's phone number goes to a voicemail that is full.",
        "",
        RESOLVED,
        "police-editor",
    ),
    (
        "solid-waste",
        "my-trash-was-not-picked-up",
        0,
        "11:05",
        "Report a missed pickup",
        "Cart was out by 6 like it says. Second week in a row on Poplar Court.",
        "",
        NEW,
        None,
    ),
    (
        "planning-permits",
        "do-i-need-a-permit-for-a-fence",
        3,
        "13:25",
        "Find out if a 4-foot fence needs a permit",
        "The answer covers front yards only. Mine is a side yard on a corner lot.",
        "",
        TRIAGED,
        None,
    ),
    (
        "municipal-court",
        "pay-a-fine-or-ticket",
        4,
        "16:48",
        "Pay a parking ticket",
        "Página solo en inglés. ¿Hay una versión en español?",
        "",
        NEW,
        None,
    ),
    (
        "fire",
        "can-i-burn-leaves-in-my-yard",
        5,
        "18:30",
        "Check if I can burn leaves this weekend",
        "Nothing wrong, just wanted to say thanks, this answered it.",
        "",
        RESOLVED,
        None,
    ),
    (
        "mayors-office",
        "request-public-records",
        6,
        "03:14",
        "cheap watches",
        "Best prices www.example.net/deals click here now",
        "",
        SPAM,
        None,
    ),
]

#: (department slug, page slug, helpful votes, not-helpful votes) over the week.
VOTES = [
    ("finance-utility-billing", "pay-your-water-bill", 14, 5),
    ("public-works", "report-a-pothole", 9, 3),
    ("solid-waste", "my-trash-was-not-picked-up", 6, 4),
    ("water-sewer", "is-there-a-boil-water-notice", 7, 6),
    ("parks-recreation", "reserve-a-park-pavilion", 5, 2),
    ("parks-recreation", "when-do-pools-open", 2, 4),
    ("police", "get-a-copy-of-a-police-report", 4, 1),
    ("municipal-court", "pay-a-fine-or-ticket", 3, 2),
]

#: Free-text answers by form slug, for its multiline fields (one per submission, in turn).
MESSAGES = {
    "report-a-pothole-form": [
        "Deep enough that cars swerve into the other lane to miss it.",
        "It fills with water when it rains, so you cannot see how deep it is.",
        "",
    ],
    "report-a-water-problem": [
        "Water bubbling up through the sidewalk crack in front of the house since yesterday morning.",
        "Pressure drops to a trickle every evening around 6.",
    ],
    "public-records-request": [
        "Copies of the 2026 street resurfacing contract and any change orders for Pearl Street.",
    ],
    "contact-the-mayors-office": [
        "Our neighborhood association would love the Mayor to open the Heron Lake cleanup on the 14th.",
        "Thank you for the new crosswalk by the elementary school. It has made mornings much safer.",
    ],
    "police-extra-patrol-request": ["Grey sedan parked on the street at night, not a neighbor's.", ""],
    "court-payment-plan-request": ["I get paid every other Friday, so the 15th works best for payments."],
    "utility-bill-question": ["The bill shows 14,000 gallons; we were away for three weeks of the month."],
    "request-to-speak-at-council": ["I use a wheelchair; please make sure the podium microphone can be lowered."],
}

#: (form slug, submissions this week): several forms across departments, the busy ones first.
SUBMISSIONS = [
    ("report-a-pothole-form", 4),
    ("request-bulk-trash-pickup-form", 3),
    ("report-a-water-problem", 2),
    ("park-pavilion-reservation", 3),
    ("contact-the-mayors-office", 2),
    ("public-records-request", 1),
    ("police-extra-patrol-request", 2),
    ("smoke-alarm-request", 1),
    ("request-a-building-inspection", 1),
    ("court-payment-plan-request", 1),
    ("utility-bill-question", 1),
]

RESIDENTS = [
    ("Tamika", "Harris"),
    ("Luis", "Ortega"),
    ("Grace", "Whitaker"),
    ("Darnell", "Brooks"),
    ("Mei", "Chen"),
    ("Samuel", "Okonkwo"),
    ("Rosa", "Delgado"),
    ("Henry", "Lott"),
    ("Aaliyah", "Jefferson"),
    ("Frank", "Ruiz"),
]
STREETS = [
    "412 Poplar Court",
    "1187 Magnolia Commons Street",
    "Pearl Street at Tupelo Avenue",
    "2290 Cedar Hill Road",
    "75 Heron Lake Drive",
    "903 Sweetgum Lane",
]


def seed_activity(now=None):
    """Add the week of feedback and form submissions; returns a tally per kind of row."""
    now = now or timezone.now()
    tally = Counter()
    tally.update(seed_feedback(now))
    tally.update(seed_submissions(now))
    return tally


def _moment(now, days_ago, hhmm):
    """``hhmm`` city time, ``days_ago`` days before today; never in the future."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    day = city_today() - datetime.timedelta(days=days_ago)
    moment = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CITY_TZ)
    return min(moment, now - datetime.timedelta(minutes=5 + days_ago))


def _page(department_slug, slug):
    from departments.models import DepartmentPage

    department = DepartmentPage.objects.filter(slug=department_slug).first()
    if department is None:
        return None, None
    page = Page.objects.child_of(department).filter(slug=slug, live=True).first()
    return department, page


def _assignee(username):
    if not username:
        return None
    first_name, last_name = ASSIGNEES[username]
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _feedback_row(department, page, created_at, **fields):
    from feedback.models import Feedback

    return Feedback(
        page=page,
        page_revision_id=page.live_revision_id,
        page_url=page.url or page.url_path,
        page_title=page.title,
        department=department,
        created_at=created_at,
        **fields,
    )


def seed_feedback(now):
    """Reports across departments and statuses, a few assigned, plus votes; only into an empty queue."""
    from feedback.models import Feedback, FeedbackEvent

    if Feedback.objects.exists():
        return Counter({"feedback kept": Feedback.objects.count()})
    tally = Counter()
    for dept_slug, slug, days_ago, hhmm, trying, wrong, email, status, username in REPORTS:
        department, page = _page(dept_slug, slug)
        if page is None:
            continue
        received = _moment(now, days_ago, hhmm)
        item = _feedback_row(
            department,
            page,
            received,
            kind=Feedback.Kind.REPORT,
            helpful=False,
            trying_to_do=trying,
            what_went_wrong=wrong,
            email=email,
            status=status,
            spam_reason="links" if status == SPAM else "",
        )
        assignee = _assignee(username)
        item.assignee = assignee
        item.save()
        # The history a person would have left: who picked it up, and each step of its status.
        step = received + (now - received) / 3
        if assignee:
            FeedbackEvent.objects.create(
                feedback=item,
                user=assignee,
                action=FeedbackEvent.Action.ASSIGNED,
                from_value="nobody",
                to_value=item.assignee_label,
                created_at=step,
            )
        if status in (TRIAGED, IN_PROGRESS, RESOLVED):
            FeedbackEvent.objects.create(
                feedback=item,
                user=assignee,
                action=FeedbackEvent.Action.STATUS,
                from_value="New",
                to_value=item.get_status_display(),
                note="Page updated; thanked the resident." if status == RESOLVED else "",
                created_at=step + (now - step) / 2,
            )
        tally["reports"] += 1

    hours = itertools.cycle(["07:40", "09:15", "11:50", "13:05", "15:30", "18:20", "20:45"])
    days = itertools.cycle(range(7))
    votes = []
    for dept_slug, slug, yes, no in VOTES:
        department, page = _page(dept_slug, slug)
        if page is None:
            continue
        for helpful in [True] * yes + [False] * no:
            votes.append(
                _feedback_row(
                    department,
                    page,
                    _moment(now, next(days), next(hours)),
                    kind=Feedback.Kind.VOTE,
                    helpful=helpful,
                    status=Feedback.Status.COUNTED,
                )
            )
    Feedback.objects.bulk_create(votes)
    tally["votes"] += len(votes)
    return tally


def _answer(field, index, form_slug, when, resident):
    """A plausible answer for one form field, chosen by its type and label.

    ``index`` counts this form's submissions; ``resident`` (a first and last name) rotates
    across all forms, so the inbox is not one person's.
    """
    label = field.label.lower()
    first, last = resident
    choices = [choice.strip() for choice in field.choices.splitlines() if choice.strip()]
    kind = field.field_type
    if kind in ("dropdown", "radio"):
        return choices[index % len(choices)] if choices else ""
    if kind == "checkboxes":
        return choices[index % len(choices) : index % len(choices) + 1 + index % 2] if choices else []
    if kind == "checkbox":
        return index % 3 != 2
    if kind == "file" or kind == "url":
        return ""
    if kind == "email":
        return f"{first.lower()}.{last.lower()}@example.com"
    if kind == "phone" or "phone" in label:
        return f"601-555-01{(index * 7 + len(form_slug)) % 100:02d}"
    if kind == "number":
        if "amount" in label:
            return "50"
        if "guests" in label:
            return str(40 + 15 * index)
        return str(1 + index % 4)
    if kind == "date":
        today = when.astimezone(CITY_TZ).date()
        if "birth" in label:
            return datetime.date(1968 + 5 * index, 1 + index % 12, 3 + index).isoformat()
        if any(word in label for word in ("from", "notice", "bill date")):
            return (today - datetime.timedelta(days=9 + index)).isoformat()
        if " to " in f" {label} ":
            return (today - datetime.timedelta(days=2)).isoformat()
        if "last" in label:
            return (today + datetime.timedelta(days=10 + index * 3)).isoformat()
        return (today + datetime.timedelta(days=6 + index * 3)).isoformat()
    if kind == "multiline":
        if "address" in label:
            return STREETS[index % len(STREETS)] + "\nJackson, MS 39201"
        messages = MESSAGES.get(form_slug) or [""]
        return messages[index % len(messages)]
    if "name" in label:
        return f"{first} {last}"
    if any(word in label for word in ("address", "street", "intersection")):
        return STREETS[(index + len(form_slug)) % len(STREETS)]
    if "permit" in label:
        return f"BP-2026-{412 + index:04d}"
    if "citation" in label or "case" in label:
        return f"MC-26-{10387 + index}"
    if "account" in label:
        return f"10-{48213 + index}-07"
    if "agenda" in label:
        return str(4 + index)
    return ""


def seed_submissions(now):
    """Submissions to several departments' forms; a form that already has any gets none."""
    from forms.models import FormPage, FormPageSubmission

    tally = Counter()
    hours = itertools.cycle(["08:05", "10:40", "12:15", "14:55", "17:20", "19:35"])
    spread = itertools.count()
    residents = itertools.cycle(RESIDENTS)
    for form_slug, count in SUBMISSIONS:
        form = FormPage.objects.filter(slug=form_slug, live=True).first()
        if form is None:
            continue
        if FormPageSubmission.objects.filter(page=form).exists():
            tally["forms kept"] += 1
            continue
        fields = list(form.form_fields.all())
        for index in range(count):
            when = _moment(now, next(spread) % 7, next(hours))
            resident = next(residents)
            data = {field.clean_name: _answer(field, index, form_slug, when, resident) for field in fields}
            # The older half of the week has been worked on; the newest are still waiting.
            status = FormPageSubmission.Status.NEW
            if when < now - datetime.timedelta(days=3):
                status = [FormPageSubmission.Status.DONE, FormPageSubmission.Status.IN_PROGRESS][index % 2]
            submission = FormPageSubmission.objects.create(page=form, form_data=data, status=status)
            # submit_time is auto_now_add: date it afterwards.
            FormPageSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
            tally["submissions"] += 1
    return tally
