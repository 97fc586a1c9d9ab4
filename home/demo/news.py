"""Demo news stories (filled in below)."""

NEWS = []
