// The benefit curve: the total as one amount fact varies, drawn by the service (POST /v1/sweep,
// the same SVG as `elig sweep --chart`), for the money facts that the benefits of the company's
// own documents read (another district's thresholds would draw a flat line).
"use strict";

async function showCurve(answers, r) {
  const box = $("curve");
  box.textContent = "";
  const own = new Set((r.decisions || []).filter((d) => !ruledOut(r.decisions.filter((x) => x.document === d.document)))
    .map((d) => d.id));
  const facts = Object.entries(state.schema.properties)
    .filter(([, s]) => s["x-elig-type"] === "money" && (s["x-elig-read-by"] || []).some((id) => own.has(id)))
    .map(([n]) => n);
  if (!facts.length) return;
  const chosen = facts.includes("main_revenue") ? "main_revenue" : facts[0];
  const select = el("select", { id: "curve-fact" });
  for (const f of facts) {
    const o = el("option", { value: f, text: label(state.schema.properties[f]) });
    if (f === chosen) o.selected = true;
    select.append(o);
  }
  const chart = el("div", { id: "curve-chart" });
  const draw = async () => {
    const q = new URLSearchParams({ as_of: $("as-of-value").value, include_drafts: $("drafts").checked,
                                    fact: select.value, lang, format: "svg" });
    const resp = await fetch(`/v1/sweep?${q}`, { method: "POST", headers: { "Content-Type": "application/json" },
                                                  body: JSON.stringify(answers) });
    if (!resp.ok) { chart.textContent = ""; return; }
    chart.innerHTML = await resp.text();  // the service's own SVG, its texts escaped
    box.setAttribute("data-curve", select.value);
  };
  select.addEventListener("change", draw);
  box.append(el("div", { class: "panel" }, el("h2", { text: t("curve") }), select, chart));
  await draw();
}
