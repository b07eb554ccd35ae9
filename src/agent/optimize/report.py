"""results.tsv (one row per candidate) and a self-contained report.html: the dev score of every candidate in
order, dev against holdout side by side, and a warning when they disagree."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

COLUMNS = ("id", "parent", "change", "dev_score", "dev_ci_low", "dev_ci_high", "dev_cases", "cost_usd", "status")


def _cell(value: object) -> str:
    return " ".join(str(value).replace("\t", " ").split())


def write_tsv(path: Path, rows: list[dict[str, Any]]) -> None:
    """One line per candidate; a candidate seen on a minibatch only has no dev score (`dev_cases` says how many
    of the dev cases it ran on), and a dev score over one case has no interval (`-`)."""
    out = ["\t".join(COLUMNS)]
    for row in rows:
        dev = row["dev"]
        out.append("\t".join(_cell(v) for v in (
            row["id"], row["parent"] or "-", row["change"], f"{dev['mean']:.4f}" if dev else "-",
            f"{dev['ci'][0]:.4f}" if dev and dev["ci"] else "-", f"{dev['ci'][1]:.4f}" if dev and dev["ci"] else "-",
            dev["cases"] if dev else row["dev_cases_run"], f"{row['cost_usd']:.6f}", row.get("status", ""))))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _chart(rows: list[dict[str, Any]]) -> str:
    """Dev score per candidate in the order the loop found them (dots), and the best so far (a step line)."""
    points = [(r["index"], r["dev"]["mean"], r["id"]) for r in rows if r["dev"]]
    width, height, pad = 560, 220, 36
    span = max(1, max((i for i, _, _ in points), default=1))

    def xy(i: int, s: float) -> tuple[float, float]:
        return pad + (width - 2 * pad) * i / span, height - pad - (height - 2 * pad) * s

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             'aria-label="dev score per candidate">',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#888"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#888"/>',
             f'<text x="4" y="{pad + 4}" font-size="11">1.0</text>',
             f'<text x="4" y="{height - pad + 4}" font-size="11">0.0</text>']
    best, path = -1.0, []
    for i, score, ident in points:
        best = max(best, score)
        x, y = xy(i, best)
        path.append(f"{x:.1f},{y:.1f}")
        cx, cy = xy(i, score)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#1565c0"><title>{html.escape(ident)} dev '
                     f'{score:.3f}</title></circle>')
        parts.append(f'<text x="{cx:.1f}" y="{height - pad + 16}" font-size="10" text-anchor="middle">'
                     f'{html.escape(ident)}</text>')
    if path:
        parts.append(f'<polyline points="{" ".join(path)}" fill="none" stroke="#2e7d32" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def _side_by_side(decision: dict[str, Any]) -> str:
    rows = []
    for split in ("dev", "holdout"):
        c = decision.get(split)
        if not c:
            rows.append(f"<tr><td>{split}</td><td colspan=5>not run: {html.escape(decision['reason'])}</td></tr>")
            continue
        rows.append(f"<tr><td>{split}</td><td>{c['cases']}</td><td>{c['mean_delta']:+.3f}</td>"
                    f"<td>[{c['ci'][0]:+.3f}, {c['ci'][1]:+.3f}]</td><td>{c['p_value']:.3f}</td>"
                    f"<td>{html.escape(c['verdict'])}</td></tr>")
    return ("<table><tr><th>split</th><th>paired cases</th><th>mean gain</th><th>95% t-interval</th>"
            "<th>sign-flip p</th><th>verdict</th></tr>" + "".join(rows) + "</table>")


def _score(dev: dict[str, Any] | None) -> str:
    if not dev:
        return "-"
    ci = f" [{dev['ci'][0]:.2f}, {dev['ci'][1]:.2f}]" if dev["ci"] else " (one case: no interval)"
    return f"{dev['mean']:.3f}{ci}"


def write_html(path: Path, summary: dict[str, Any]) -> None:
    """One page with no scripts or network assets; every text from candidates and cases is escaped."""
    decision = summary["decision"]
    warning = ("<p class=warn><b>Overfitting warning:</b> the best candidate gained on dev but the holdout split does "
               "not confirm it; it was not kept.</p>" if decision.get("overfitting") else "")
    table = "".join(
        f"<tr><td>{html.escape(r['id'])}</td><td>{html.escape(r['parent'] or '-')}</td>"
        f"<td>{html.escape(r['change'])}</td>"
        f"<td>{_score(r['dev'])}</td>"
        f"<td>{r['cost_usd']:.4f}</td><td>{html.escape(r.get('status', ''))}</td></tr>" for r in summary["candidates"])
    gate = ", ".join(f"{html.escape(a)} {v['mean_score']:.2f} ({html.escape(v['line'])})"
                     for a, v in summary["gate"].items())
    page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>assay optimize-skill report</title>"
            "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}td,th{padding:2px 8px;"
            "border-bottom:1px solid #ddd;text-align:left}.warn{background:#fff3e0;padding:.6em;border-left:4px solid "
            "#ef6c00}pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>"
            "<h1>assay optimize-skill</h1>"
            f"<p><b>{html.escape(decision['reason'])}</b></p>{warning}"
            f"<p>Gate (reference agents on dev): {gate}. Loop stopped: {html.escape(summary['stopped'])}.</p>"
            "<h2>Dev score per candidate</h2>" + _chart(summary["candidates"])
            + f"<h2>{html.escape(decision['candidate'])} against the baseline: dev and holdout side by side</h2>"
            + _side_by_side(decision)
            + "<h2>Candidates</h2><table><tr><th>id</th><th>parent</th><th>change</th><th>dev score [95% CI]</th>"
            "<th>cost $</th><th>status</th></tr>" + table + "</table>"
            + "<h2>Diff of the best dev candidate</h2><pre>" + html.escape(summary.get("best_dev_diff", "")) + "</pre>"
            + "<h2>summary.json</h2><pre>" + html.escape(json.dumps(summary, indent=2)) + "</pre></body></html>\n")
    path.write_text(page, encoding="utf-8")
