"use strict";
(function () {
  var data = JSON.parse(document.getElementById("attempts-data").textContent);
  function el(tag, cls) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid === null || kid === undefined) { continue; }
      node.append(kid instanceof Node ? kid : String(kid));
    }
    return node;
  }
  function table(head, rows) {
    var t = el("table");
    t.append(el("tr", null, ...head.map(function (h) { return el("th", null, h); })));
    rows.forEach(function (r) { t.append(el("tr", null, ...r.map(function (c) { return c instanceof Node ? el("td", null, c) : el("td", null, c); }))); });
    return t;
  }
  function bugs(a) {
    var box = el("div", "bugs");
    box.append(el("h4", null, "Seeded bugs"));
    var b = a.bugs;
    if (!b) {
      box.append(el("p", "muted", a.bugs_detail || "no bug variants graded"));
      return box;
    }
    var rows = [], by = b.caught_by || {};
    (b.caught || []).forEach(function (s) { rows.push([s, el("span", "caught", "caught"), (by[s] || []).join(", ")]); });
    (b.missed || []).forEach(function (s) { rows.push([s, el("span", "missed", "missed"), ""]); });
    (b.not_counted || []).forEach(function (s) { rows.push([s, el("span", "missed", "not counted (change detector)"), ""]); });
    box.append(table(["bug patch", "the kept tests", "caught by"], rows));
    var eq = [];
    (b.equivalents_passed || []).forEach(function (s) { eq.push([s, el("span", "caught", "passed")]); });
    (b.equivalents_failed || []).forEach(function (s) { eq.push([s, el("span", "missed", "failed (a change detector)")]); });
    if (eq.length) {
      box.append(el("h4", null, "Equivalent patches (behaviour-preserving refactors)"));
      box.append(table(["equivalent patch", "the kept tests"], eq));
    }
    return box;
  }
  function render(a) {
    var box = el("div");
    var head = el("p", null, "attempt " + a.key + " · exit " + a.exit_code + " · ");
    if (a.view && a.view.indexOf(":") < 0) {
      var link = el("a", "run-view", "open the run view");
      link.setAttribute("href", a.view);
      head.append(link);
    } else {
      head.append(el("span", "muted", "no run record"));
    }
    box.append(head);
    if (a.error) { box.append(el("p", "bad", a.error)); }
    if (a.run && a.run.verdict) {
      box.append(el("p", null, el("span", a.run.verified ? "badge ok" : "badge bad", a.run.verified ? "verified" : "not verified"), " " + a.run.verdict));
    }
    box.append(bugs(a));
    box.append(el("h4", null, "Graders"));
    box.append(table(["grader", "score", "verdict", "role", "detail"], a.grades.map(function (g) {
      var role = g.gate ? "gate" : g.penalty ? "penalty" : g.counted ? "quality" : "informational";
      return [g.name, Number(g.score).toFixed(3), el("span", g.passed ? "ok" : "bad", g.passed ? "pass" : "fail"), role, g.detail];
    })));
    var checks = (a.run && a.run.checks) || {};
    var names = Object.keys(checks);
    box.append(el("h4", null, "Runtime checks"));
    if (names.length) {
      box.append(table(["check", "what the runtime found"], names.map(function (n) { return [n, checks[n]]; })));
    } else {
      box.append(el("p", "muted", "no checks recorded"));
    }
    if (a.run && a.run.discrepancies && a.run.discrepancies.length) {
      box.append(el("h4", null, "Discrepancies"));
      box.append(el("ul", null, ...a.run.discrepancies.map(function (d) { return el("li", null, d); })));
    }
    box.append(el("h4", null, "Tests written (" + a.tests.length + " file(s))"));
    if (!a.tests.length) { box.append(el("p", "muted", "none")); }
    a.tests.forEach(function (t) {
      var d = el("details", "test-file", el("summary", null, el("code", null, t.path)), el("pre", null, el("code", null, t.code)));
      d.open = a.tests.length === 1;
      box.append(d);
    });
    var others = a.changed.filter(function (p) { return !a.tests.some(function (t) { return t.path === p; }); });
    if (others.length) { box.append(el("p", "muted", "other changed files: " + others.join(", "))); }
    return box;
  }
  document.querySelectorAll("details.attempt").forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (!d.open || d.dataset.rendered) { return; }
      d.querySelector(".drill").append(render(data[Number(d.dataset.index)]));
      d.dataset.rendered = "1";
    });
  });
}());
