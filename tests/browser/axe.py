"""axe-core in a real browser, for every helper's accessibility tests.

axe is injected with ``page.evaluate`` rather than a <script> tag so that it
runs under the site's strict Content-Security-Policy, which (rightly) blocks
inline and injected script elements.

Usage::

    from tests.browser.axe import axe_violations, format_violations

    violations = axe_violations(page)
    assert not violations, format_violations(violations)
"""

from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.2 AA, as the project's ground rules require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source():
    if not AXE_PATH.exists():
        raise FileNotFoundError(f"{AXE_PATH} is missing: run `npm install` in the repository root")
    return AXE_PATH.read_text(encoding="utf-8")


#: Transitions and fades end well within this; a longer animation is not one a reader waits out.
LONGEST_FADE_MS = 2000


def axe_violations(page, tags=None, context=None):
    """Run axe-core on the page once its animations have ended; return the list of violations (dicts).

    Colour contrast measured before the stylesheets load, or halfway through a fade-in (Wagtail's
    admin messages fade in), is the contrast of a frame nobody reads, and made the check flaky;
    animations that never end (a spinner) or run longer than ``LONGEST_FADE_MS`` are not waited
    for: Wagtail's admin forms run a 25-second "ping-warning" animation, which cost each axe run on
    an admin form 25 s.
    """
    page.wait_for_load_state("load")  # stylesheets applied after a click that navigated
    page.evaluate(
        """(longest) => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime <= longest)
            .map(a => a.finished.catch(() => null)))""",
        LONGEST_FADE_MS,
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # a second run on the same document
        page.evaluate(axe_source() + ";void 0")
    return page.evaluate(
        """async ([tags, context]) => {
            const results = await axe.run(context || document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
            }));
        }""",
        [tags or WCAG_TAGS, context],
    )


def format_violations(violations):
    """A readable failure message: rule, impact, and the offending nodes."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:200]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)
