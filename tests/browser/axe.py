"""axe-core in the browser tests: run the WCAG 2.0/2.1 A and AA rules on a page, report violations.

axe-core is vendored (tests/browser/vendor/, see its README): no network at test time. It is evaluated
through the DevTools protocol, which the site's Content-Security-Policy (script-src 'self') does not
block, so the pages are tested exactly as visitors get them.
"""

from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """
async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}
"""


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page, label: str | None = None) -> list[dict]:
    """Violations of WCAG 2.1 A/AA on the page as it is now; each carries the page's URL (or ``label``)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(_RUN_AXE, WCAG_21_AA)
    where = label or page.url
    return [{**violation, "url": where} for violation in violations]


def format_violations(violations: list[dict]) -> str:
    """One readable block per violation: rule, impact, what to fix, where."""
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['url']}: [{violation['impact']}] {violation['id']} – {violation['help']}\n"
            + "\n".join(f"    {target}" for target in violation["targets"][:10])
            + (f"\n    … and {len(violation['targets']) - 10} more" if len(violation["targets"]) > 10 else "")
        )
    return "\n".join(lines)
