"""Results -> summary.json, summary.md and a self-contained report.html (inline SVG, no network assets)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from markupsafe import Markup

from agent.evals.stats import MARGIN, MIN_CASES, paired_test, pass_at_k, pass_hat_k, stdev, t_interval, wilson
from agent.templating import html_environment

HIGH_VARIANCE = 0.2
"""Score standard deviation across a case's repeats above which the case is flagged as unstable."""
SPLITS = ("dev", "holdout")
GATE_SPLIT = "holdout"
"""The split a comparison with a baseline is gated on: dev cases may have been tuned on."""


def _by_case(lines: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        grouped[line["case"]].append(line)
    return {name: sorted(items, key=lambda x: x["repeat"]) for name, items in sorted(grouped.items())}


def _case_summary(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    n, passed = len(items), sum(1 for i in items if i["passed"])
    scores = [float(i["score"]) for i in items]
    metrics = [i["metrics"] for i in items]
    return {
        "case": name, "version": items[0]["case_version"], "split": items[0]["split"], "kind": items[0]["kind"],
        "attempts": n, "passed": passed, "mean_score": round(sum(scores) / n, 4), "scores": scores,
        "pass_rate_ci": [round(x, 4) for x in wilson(passed, n)],
        "pass_at_k": round(pass_at_k(n, passed, n), 4), "pass_hat_k": round(pass_hat_k(n, passed, n), 4),
        "pass_at_1": round(pass_at_k(n, passed, 1), 4),
        "repeats_disagree": 0 < passed < n or stdev(scores) > HIGH_VARIANCE,
        "cost_usd": round(sum(m["cost_usd"] for m in metrics), 6),
        "tokens": sum(m["input_tokens"] + m["output_tokens"] + m["cached_tokens"] for m in metrics),
        "turns": round(sum(m["turns"] for m in metrics) / n, 2),
        "wall_s": round(sum(m["wall_s"] for m in metrics) / n, 3),
        "errors": [i["error"] for i in items if i.get("error")],
    }


def _graders(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    outcomes: dict[str, list[bool]] = defaultdict(list)
    for line in lines:
        for g in line["grades"]:
            if g.get("counted", True):
                outcomes[g["name"]].append(bool(g["passed"]))
    return [{"grader": name, "attempts": len(v), "pass_rate": round(sum(v) / len(v), 4),
             "never_discriminates": len(v) > 1 and len(set(v)) == 1}
            for name, v in sorted(outcomes.items())]


def _split_summary(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean over cases of each case's mean score (repeats are clusters), with a t-interval over cases."""
    means = [c["mean_score"] for c in cases]
    low, high = t_interval(means)
    return {"cases": len(cases), "attempts": sum(c["attempts"] for c in cases),
            "mean_score": round(sum(means) / len(means), 4) if means else 0.0,
            "ci": [round(max(0.0, low), 4), round(min(1.0, high), 4)],  # scores live in [0, 1]
            "passed": sum(c["passed"] for c in cases)}


def summarize(lines: list[dict[str, Any]], *, baseline: list[dict[str, Any]] | None = None,
              min_score: float | None = None, manifest: dict[str, Any] | None = None,
              baseline_manifest: dict[str, Any] | None = None, margin: float = MARGIN) -> dict[str, Any]:
    """Everything the report shows, as JSON; `gate.ok` is what the exit code follows.

    Scores are per-case means over repeats, averaged over cases; dev and holdout are reported separately. Against
    a baseline, the gate asks the holdout split to show non-inferiority within `margin`.
    """
    if not lines:
        raise ValueError("no results to summarize")
    cases = [_case_summary(name, items) for name, items in _by_case(lines).items()]
    n, passed = len(lines), sum(1 for line in lines if line["passed"])
    splits = {split: _split_summary([c for c in cases if c["split"] == split]) for split in SPLITS
              if any(c["split"] == split for c in cases)}
    mean = round(sum(c["mean_score"] for c in cases) / len(cases), 4)
    summary: dict[str, Any] = {
        "eval": manifest or {}, "attempts": n, "mean_score": mean, "passed": passed,
        "pass_rate_ci": [round(x, 4) for x in wilson(passed, n)], "cases": cases, "splits": splits,
        "cost_usd": round(sum(c["cost_usd"] for c in cases), 6),
        "wall_s": round(sum(line["metrics"]["wall_s"] for line in lines), 3),
        "graders": _graders(lines + (baseline or [])),
    }
    reasons: list[str] = []
    if baseline:
        comparison = {split: compare([x for x in lines if x["split"] == split],
                                     [b for b in baseline if b["split"] == split], margin=margin)
                      for split in SPLITS}
        summary["comparison"] = {**comparison, "baseline_eval": baseline_manifest or {}, "margin": margin,
                                 "gate_split": GATE_SPLIT}
        gated = comparison[GATE_SPLIT]
        if gated["cases"] < MIN_CASES:
            reasons.append(f"not enough cases: {gated['cases']} paired {GATE_SPLIT} case(s), a verdict against the "
                           f"baseline needs {MIN_CASES}")
        elif not gated["non_inferior"]:
            reasons.append(f"not shown non-inferior to the baseline on {GATE_SPLIT} (mean delta "
                           f"{gated['mean_delta']:+.3f}, margin {margin:.3f}, p {gated['p_noninferior']:.3f})")
    if min_score is not None and mean < min_score:
        reasons.append(f"mean score {mean:.3f} is below --min-score {min_score:.3f}")
    summary["flags"] = ([f"grader {g['grader']} never discriminates (always {'passes' if g['pass_rate'] else 'fails'})"
                         for g in summary["graders"] if g["never_discriminates"]]
                        + [f"case {c['case']}: repeats disagree (scores {c['scores']})"
                           for c in cases if c["repeats_disagree"]])
    summary["gate"] = {"ok": not reasons, "reasons": reasons, "min_score": min_score}
    return summary


def compare(lines: list[dict[str, Any]], baseline: list[dict[str, Any]], margin: float = MARGIN) -> dict[str, Any]:
    """Paired comparison: only (case, version, repeat) present on both sides counts; each case contributes one
    delta, the difference of its mean scores over the paired repeats."""
    base = {(b["case"], b["case_version"], b["repeat"]): b for b in baseline}
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    unpaired: set[str] = set()
    for line in lines:
        other = base.get((line["case"], line["case_version"], line["repeat"]))
        if other is None:
            unpaired.add(line["case"])
            continue
        pairs[line["case"]].append((float(line["score"]), float(other["score"])))
    per_case: list[dict[str, Any]] = [{"case": name, "current": round(sum(c for c, _ in p) / len(p), 4),
                 "baseline": round(sum(b for _, b in p) / len(p), 4),
                 "delta": round(sum(c - b for c, b in p) / len(p), 4), "pairs": len(p),
                 "ci": [round(x, 4) for x in t_interval([c - b for c, b in p])] if len(p) > 1 else None}
                for name, p in sorted(pairs.items())]
    result = paired_test([float(c["delta"]) for c in per_case], margin=margin)
    base_lines = [b for b in baseline if b["case"] in pairs]
    base_passed = sum(1 for b in base_lines if b["passed"])
    return {"cases": len(per_case), "per_case": per_case, "mean_delta": result.mean_delta,
            "ci": [result.ci_low, result.ci_high], "p_value": result.p_value, "verdict": result.verdict,
            "p_noninferior": result.p_noninferior, "non_inferior": result.non_inferior,
            "baseline_pass_rate_ci": [round(x, 4) for x in wilson(base_passed, len(base_lines))],
            "unpaired_cases": sorted(unpaired - set(pairs))}


def render_markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown (for a terminal, a CI log or a PR comment)."""
    ev = summary.get("eval", {})
    out = [f"# assay eval: {ev.get('model', '?')} · skill {ev.get('skill_hash', '?')} · runtime "
           f"{ev.get('runtime_version', '?')}", "",
           f"**Mean score {summary['mean_score']:.3f}** · passed {summary['passed']}/{summary['attempts']} "
           f"(95% Wilson {summary['pass_rate_ci'][0]:.2f}–{summary['pass_rate_ci'][1]:.2f}) · "
           f"cost ${summary['cost_usd']:.4f} · {summary['wall_s']:.1f}s of attempts", "",
           "| case | split | score | passed | pass@k | pass^k | turns | wall s | cost $ |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in summary["cases"]:
        out.append(f"| {c['case']} | {c['split']} | {c['mean_score']:.3f} | {c['passed']}/{c['attempts']} | "
                   f"{c['pass_at_k']:.2f} | {c['pass_hat_k']:.2f} | {c['turns']} | {c['wall_s']:.1f} | "
                   f"{c['cost_usd']:.4f} |")
    out += ["", "| split | cases | mean of case means | 95% t-interval over cases | passed |",
            "| --- | ---: | ---: | --- | ---: |"]
    out += [f"| {name} | {sp['cases']} | {sp['mean_score']:.3f} | [{sp['ci'][0]:.3f}, {sp['ci'][1]:.3f}] | "
            f"{sp['passed']}/{sp['attempts']} |" for name, sp in summary.get("splits", {}).items()]
    cmp_ = summary.get("comparison")
    if cmp_:
        out += ["", f"## Against the baseline (gate: {cmp_['gate_split']}, non-inferiority margin "
                f"{cmp_['margin']:.2f})"]
        for split in SPLITS:
            c = cmp_[split]
            if not c["cases"]:
                continue
            shown = "non-inferior" if c["non_inferior"] else "not shown non-inferior"
            out += ["", f"### {split}: **{c['verdict']}** · {shown}", "",
                    f"Mean per-case delta {c['mean_delta']:+.3f} over {c['cases']} cases, 95% t-interval "
                    f"[{c['ci'][0]:+.3f}, {c['ci'][1]:+.3f}], sign-flip p {c['p_value']:.3f}, non-inferiority p "
                    f"{c['p_noninferior']:.3f}; baseline pass rate (Wilson) "
                    f"{c['baseline_pass_rate_ci'][0]:.2f}–{c['baseline_pass_rate_ci'][1]:.2f}.", "",
                    "| case | baseline | current | delta |", "| --- | ---: | ---: | ---: |"]
            out += [f"| {p['case']} | {p['baseline']:.3f} | {p['current']:.3f} | {p['delta']:+.3f} |"
                    for p in c["per_case"]]
            if c["unpaired_cases"]:
                out.append(f"\nNot compared (no matching baseline attempts): {', '.join(c['unpaired_cases'])}")
    out += ["", "## Graders", "", "| grader | pass rate | discriminates |", "| --- | ---: | --- |"]
    out += [f"| {g['grader']} | {g['pass_rate']:.2f} | {'no' if g['never_discriminates'] else 'yes'} |"
            for g in summary["graders"]]
    if summary["flags"]:
        out += ["", "## Flags", ""] + [f"- {f}" for f in summary["flags"]]
    gate = summary["gate"]
    out += ["", "**Gate: " + ("ok**" if gate["ok"] else "FAILED** — " + "; ".join(gate["reasons"]))]
    return "\n".join(out) + "\n"


def _svg_chart(summary: dict[str, Any]) -> str:
    """Horizontal bars of each case's mean score, with the baseline as a dark tick when there is one."""
    cases = summary["cases"]
    comparison = summary.get("comparison", {})
    base = {p["case"]: p["baseline"] for split in SPLITS for p in comparison.get(split, {}).get("per_case", [])}
    row, left, width = 26, 220, 420
    height = row * len(cases) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
             f'viewBox="0 0 {left + width + 60} {height}" role="img" aria-label="mean score per case">']
    for i, c in enumerate(cases):
        y = 10 + i * row
        bar = c["mean_score"] * width
        colour = "#2e7d32" if c["mean_score"] >= 0.9 else "#f9a825" if c["mean_score"] >= 0.5 else "#c62828"
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f'{html.escape(c["case"])}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{width}" height="18" fill="#eee"/>')
        parts.append(f'<rect x="{left}" y="{y}" width="{bar:.1f}" height="18" fill="{colour}"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 14}" font-size="12">{c["mean_score"]:.2f}</text>')
        if c["case"] in base:
            x = left + base[c["case"]] * width
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + 20}" stroke="#000" '
                         f'stroke-width="3"><title>baseline {base[c["case"]]:.2f}</title></line>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_deltas(comparison: dict[str, Any]) -> str:
    """Per-case delta (current minus baseline) as a dot on [-1, 1], with the mean delta's 95% t-interval over cases
    as a band and the non-inferiority margin as a dashed line."""
    per_case = comparison["per_case"]
    row, left, width = 24, 170, 300
    height = row * len(per_case) + 54

    def x(delta: float) -> float:
        return left + (max(-1.0, min(1.0, delta)) + 1) / 2 * width

    low, high = comparison["ci"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 50}" height="{height}" '
             f'viewBox="0 0 {left + width + 50} {height}" role="img" aria-label="per-case delta against the baseline" '
             'class="deltas">',
             f'<rect x="{x(low):.1f}" y="4" width="{max(1.0, x(high) - x(low)):.1f}" height="{height - 34}" '
             f'fill="#2457c5" opacity="0.12"><title>mean delta {comparison["mean_delta"]:+.3f}, 95% t-interval '
             f'[{low:+.3f}, {high:+.3f}]</title></rect>',
             f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="0" y2="{height - 30}" stroke="#888"/>',
             f'<line x1="{x(-comparison.get("margin", MARGIN)):.1f}" x2="{x(-comparison.get("margin", MARGIN)):.1f}" '
             f'y1="0" y2="{height - 30}" stroke="#b3261e" stroke-dasharray="4 3"><title>non-inferiority margin'
             f'</title></line>',
             f'<line x1="{x(comparison["mean_delta"]):.1f}" x2="{x(comparison["mean_delta"]):.1f}" y1="0" '
             f'y2="{height - 30}" stroke="#2457c5" stroke-width="2"/>']
    for i, p in enumerate(per_case):
        y = 16 + i * row
        colour = "#1b7f3a" if p["delta"] > 0 else "#b3261e" if p["delta"] < 0 else "#555"
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="12">{html.escape(p["case"])}'
                     "</text>")
        if p.get("ci"):  # the case's own interval over its paired repeats
            parts.append(f'<line class="case-ci" x1="{x(p["ci"][0]):.1f}" x2="{x(p["ci"][1]):.1f}" y1="{y}" '
                         f'y2="{y}" stroke="{colour}" stroke-width="2"><title>95% t-interval over {p["pairs"]} '
                         f'paired repeats [{p["ci"][0]:+.3f}, {p["ci"][1]:+.3f}]</title></line>')
        parts.append(f'<circle cx="{x(p["delta"]):.1f}" cy="{y}" r="5" fill="{colour}"><title>'
                     f'{html.escape(p["case"])}: {p["baseline"]:.3f} -> {p["current"]:.3f} ({p["delta"]:+.3f}, '
                     f'{p["pairs"]} pair(s))</title></circle>')
        parts.append(f'<text x="{left + width + 8}" y="{y + 4}" font-size="12">{p["delta"]:+.2f}</text>')
    for tick in (-1, -0.5, 0, 0.5, 1):
        parts.append(f'<text x="{x(tick):.1f}" y="{height - 12}" text-anchor="middle" font-size="11" '
                     f'fill="#666">{tick:+g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: dict[str, Any], attempts: list[dict[str, Any]] | None = None) -> str:
    """One self-contained page (inline CSS and one inline script, allowed by its hash; nothing from the network):
    the summary as tables, dev and holdout side by side, the comparison chart, graders, and every attempt's
    drill-down rendered from embedded JSON only when it is opened."""
    env = html_environment()
    script = env.get_template("html/eval_report.js").render()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    attempts = attempts or []
    by_case: dict[str, list[int]] = defaultdict(list)
    for i, attempt in enumerate(attempts):
        by_case[str(attempt.get("case"))].append(i)
    comparison = summary.get("comparison") or {}
    charts = {split: Markup(_svg_deltas({**comparison[split], "margin": comparison.get("margin", MARGIN)}))
              for split in SPLITS if comparison.get(split, {}).get("cases")}
    return env.get_template("html/eval_report.html.j2").render(
        summary=summary, ev=summary.get("eval") or {}, splits=SPLITS, attempts=attempts, by_case=by_case,
        score_chart=Markup(_svg_chart(summary)), delta_charts=charts, comparison=comparison,
        script=Markup(script), script_hash=digest)


def write_report(out: Path, summary: dict[str, Any], lines: list[dict[str, Any]] | None = None) -> None:
    """summary.json, summary.md and report.html in `out`; with the result `lines`, the report drills down into
    every attempt (and writes each attempt's run view beside its record)."""
    from agent.evals.attempts import attempt_record

    attempts = [attempt_record(line, out) for line in lines] if lines else None
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "summary.md").write_text(render_markdown(summary), encoding="utf-8")
    (out / "report.html").write_text(render_html(summary, attempts), encoding="utf-8")
