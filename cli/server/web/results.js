// The result: benefits grouped by document, the document's shared conditions once, what pays
// first; each benefit not paid says why, what it could pay, and how to qualify (POST /v1/paths).
"use strict";

const money = (x) => `¥${grouped(x)}`;

function amountText(a) {
  if (!a || a.kind === "none") return "";
  if (a.kind === "fixed") return money(a.max);
  if (a.kind === "up_to") return `${t("upTo")} ${money(a.max)}`;
  return `${money(a.min)} – ${money(a.max)}`;
}

// A company's total: an exact sum, "up to" when only ceilings are known, or a range.
function totalText(total) {
  if (total.min === total.max) return money(total.max);
  if (Number(total.min) === 0) return `${t("upTo")} ${money(total.max)}`;
  return `${money(total.min)} – ${money(total.max)}`;
}

// What an undetermined benefit could pay once answered (the service works it out).
const couldPay = (d) => (d.could_pay ? amountText(d.could_pay) : "");

const mark = (c) => (c.outcome === "true" ? "✔" : c.outcome === "false" ? "✘" : "?");
function conditionList(conds) {
  const ul = el("ul");
  for (const c of conds) ul.append(el("li", { text: `${mark(c)} ${pick(c.label)}` }));
  return conds.length ? ul : null;
}

function factLabel(path) {  // "main_revenue", or "loans[2].repaid_date"
  const s = state.schema.properties[topName(path)];
  if (!s) return path;
  const field = path.includes(".") ? path.split(".").pop() : null;
  const n = (/\[(\d+)\]/.exec(path) || [])[1];
  if (field && s.items && s.items.properties && s.items.properties[field])
    return `${label(s)}${n ? " " + t("item", { n }) : ""} · ${label(s.items.properties[field])}`;
  return label(s);
}

// A value written as in a JSON profile, as the applicant reads it.
function valueText(fact, v) {
  const s = state.schema.properties[fact];
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.length ? v.map((m) => memberLabel(s.items, m)).join(lang === "zh" ? "、" : ", ") : t("none");
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (s && s.enum) return memberLabel(s, v);
  if (s && s["x-elig-type"] === "money") return grouped(String(v));
  return String(v);
}

function changeText(c) {
  const s = state.schema.properties[c.fact];
  let to = c.one_of ? t("oneOf", { v: c.one_of.map((m) => memberLabel(s, m)).join(lang === "zh" ? "、" : ", ") })
    : valueText(c.fact, c.to);
  if (c.bound === "at_least") to = t("atLeast", { v: to });
  if (c.bound === "at_most") to = t("atMost", { v: to });
  if (c.question) return t("answerIt", { fact: label(s), v: to });
  let line = `${label(s)} ${valueText(c.fact, c.from)} → ${to}`;
  if (s["x-elig-type"] === "money" && typeof c.from === "string") {
    const gap = cents(c.to) - cents(c.from);
    line += t("by", { v: grouped(fromCents(gap < 0n ? -gap : gap)) });
  }
  return line;
}

function pathsBox(paths) {
  if (!paths.length) return null;
  const ul = el("ul");
  for (const p of paths) {
    const then = p.then.status === "eligible" ? t("pays", { amount: amountText(p.then.amount) })
      : t("amountWaits", { list: p.then.missing.map(factLabel).join(lang === "zh" ? "、" : ", ") });
    const li = el("li", { class: "path" }, `${p.changes.map(changeText).join(lang === "zh" ? "；" : "; ")} — ${then}`);
    for (const lost of p.loses) li.append(el("div", { class: "hint", text: t("loses", { title: titleOf(lost) }) }));
    ul.append(li);
  }
  return el("div", { class: "paths", "data-paths": paths.length }, el("div", { text: t("howToQualify") }), ul);
}

function card(d, paths) {
  const own = d.conditions.filter((c) => !c.of_document);
  const box = el("div", { class: `card ${d.status}`, "data-provision": d.id, "data-status": d.status },
    el("h3", {}, pick(d.title), el("span", { class: "badge", text: t(d.status) }),
      d.draft ? el("span", { class: "badge", text: t("draft") }) : null));
  const amount = amountText(d.amount);
  if (amount) box.append(el("div", { class: "amount", text: amount }));
  if (d.status === "eligible" && !d.counted_in_total)
    box.append(el("div", { class: "hint", text: d.superseded_by ? t("superseded") : t("notCounted") }));
  if (pick(d.reason)) box.append(el("p", { text: pick(d.reason) }));
  if (d.status === "undetermined") {
    const could = couldPay(d);
    if (could) box.append(el("div", { class: "amount could", text: `${t("couldPay")} ${could}` }));
    const ul = el("ul", { class: "ask" });
    for (const m of d.missing) ul.append(el("li", { text: factLabel(m) }));
    if (d.missing.length) box.append(el("div", { text: t("ask") }), ul);
  }
  if (d.status === "ineligible") {
    // Why: its own conditions that fail, then what each part says (a per-item part that paid nothing).
    const reasons = [...own.filter((c) => c.outcome === "false").map((c) => `✘ ${pick(c.label)}`)];
    for (const p of d.parts || []) {
      for (const c of p.conditions || []) if (c.outcome === "false") reasons.push(`✘ ${pick(c.label)}`);
      if (p.status !== "eligible") for (const st of p.steps || []) reasons.push(pick(st));
    }
    const ul = el("ul", { class: "why" });
    for (const r of reasons) ul.append(el("li", { text: r }));
    if (reasons.length) box.append(el("div", { text: t("why") }), ul);
  }
  if (d.status === "eligible") {
    const ul = conditionList(own.filter((c) => c.outcome === "true"));
    if (ul) box.append(el("div", { text: t("met") }), ul);
    const steps = el("ul");
    for (const p of d.parts || []) for (const st of p.steps || []) steps.append(el("li", { text: pick(st) }));
    if (steps.children.length) box.append(el("div", { text: t("how") }), steps);
  }
  if (d.status !== "eligible") box.append(pathsBox(paths.filter((p) => p.provision === d.id)) || "");
  box.append(el("div", { class: "cite", text: `${t("source")}: ${pick(d.citation)}` }));
  return box;
}

// A document whose own conditions rule the company out: every provision fails on one of them.
function ruledOut(decisions) {
  return decisions.length > 0 && decisions.every((d) => d.status === "not_encodable" ||
    (d.status === "ineligible" && d.conditions.some((c) => c.of_document && c.outcome === "false")));
}

async function showResults(r, answers) {
  const out = $("results");
  out.textContent = t("checking");
  let paths = [];
  const reply = await post("/v1/paths", answers);
  if (reply.status === 200) paths = reply.body.paths;
  out.textContent = "";
  $("print-head").replaceChildren(
    el("div", { text: t("company", { c: r.company || answers.company_name || "" }) }),
    el("div", { text: t("printedOn", { d: $("as-of-value").value }) }));
  out.append(el("div", { class: "total", id: "total", "data-min": r.total.min, "data-max": r.total.max,
    text: `${t("total")}: ${totalText(r.total)}` }));
  const order = ["eligible", "undetermined", "ineligible", "not_in_force", "not_encodable"];
  const folded = [];
  for (const doc of r.documents || []) {
    const ds = r.decisions.filter((d) => d.document === doc.id);
    if (ruledOut(ds)) { folded.push([doc, ds]); continue; }
    const section = el("section", { class: "doc", "data-document": doc.id }, el("h2", { text: pick(doc.title) }));
    const shared = ds.length ? ds[0].conditions.filter((c) => c.of_document) : [];
    if (shared.length) section.append(el("div", { class: "common" }, el("div", { text: t("common") }), conditionList(shared)));
    const sorted = ds.map((d, i) => [d, i]).sort(([a, i], [b, j]) => order.indexOf(a.status) - order.indexOf(b.status) || i - j);
    for (const [d] of sorted) section.append(card(d, paths));
    out.append(section);
  }
  for (const [doc, ds] of folded) {
    const failure = ds[0].conditions.find((c) => c.of_document && c.outcome === "false");
    const box = el("details", { class: "ruled-out", "data-document": doc.id },
      el("summary", { text: `${t("ruledOut")}: ${pick(doc.title)} (${ds.length}) ✘ ${failure ? pick(failure.label) : ""}` }));
    for (const d of ds) box.append(card(d, []));
    out.append(box);
  }
  await showCurve(answers, r);
  document.body.setAttribute("data-result", "true");
}
