"""A small iCalendar (RFC 5545) writer, so residents can add events to their calendars.

Written by hand rather than pulling in a library: we emit a handful of
properties and must get the escaping and line folding right, nothing more.
"""

from datetime import UTC, timedelta

from django.utils import timezone


def _escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line):
    """Fold lines longer than 75 octets, as RFC 5545 §3.1 requires."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event, request):
    local_start = timezone.localtime(event.start)
    local_end = timezone.localtime(event.end)
    lines = ["BEGIN:VEVENT", f"UID:event-{event.pk}@{request.get_host()}"]
    lines.append(f"DTSTAMP:{_utc(event.last_published_at or event.first_published_at or timezone.now())}")
    if event.all_day:
        lines.append(f"DTSTART;VALUE=DATE:{local_start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{(local_end + timedelta(days=1)):%Y%m%d}")
    else:
        lines.append(f"DTSTART:{_utc(event.start)}")
        lines.append(f"DTEND:{_utc(event.end)}")
    title = f"CANCELED: {event.title}" if event.canceled else event.title
    lines.append(f"SUMMARY:{_escape(title)}")
    lines.append(f"DESCRIPTION:{_escape(event.summary)}")
    location = ", ".join(part for part in [event.venue_name, " ".join(event.venue_address.split())] if part)
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines.append(f"URL:{event.get_full_url(request)}")
    lines.append("STATUS:CANCELLED" if event.canceled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar_for(events, request, name="Events"):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Jackson city CMS//Events//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, request))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
