"""Demo events (filled in below)."""

EVENTS = []
