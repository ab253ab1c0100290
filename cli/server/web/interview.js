// The interview: the required facts first, then, one at a time, the question whose answer settles
// the most open benefits (POST /v1/check's `ask_next`, from the three-valued evaluation), headed by
// the benefits it is for. Facts no open benefit waits for are never asked: a Xihu company never
// sees a Shangcheng-only question. Each answer updates the running total; any question can be
// skipped (the fact stays unknown) or changed later. A switch shows the whole form instead.
"use strict";

const state = {
  schema: null, provisions: [], answers: {}, skipped: new Set(), order: [], current: null,
  whole: false, formControls: {},
};

const titleOf = (id) => pick((state.provisions.find((p) => p.id === id) || {}).title) || id;
const topName = (fact) => fact.split(/[.[]/)[0];

function query(extra = {}) {
  return new URLSearchParams({ as_of: $("as-of-value").value, include_drafts: $("drafts").checked, ...extra });
}

async function post(path, profile) {
  const resp = await fetch(`${path}?${query()}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(profile) });
  return { status: resp.status, body: await resp.json() };
}

// The facts to ask, best first: those that settle the most open benefits, then the others any
// open benefit (a draft's too) still waits for.
function openFacts(r) {
  const out = [];
  for (const f of r.ask_next || []) if (!out.includes(topName(f))) out.push(topName(f));
  for (const d of r.decisions)
    if (d.status === "undetermined")
      for (const f of d.missing) if (!out.includes(topName(f))) out.push(topName(f));
  return out.filter((n) => state.schema.properties[n]);
}

// The benefits paid once that are still open: the history is asked for these.
function onceBenefits(r) {
  const open = new Set((r ? r.decisions : []).filter((d) => d.status !== "ineligible").map((d) => d.id));
  return state.provisions.filter((p) => p.pays_once && (!r || open.has(p.id)));
}

function panel(title, forLine, ...kids) {
  return el("div", { class: "panel question" }, el("h2", { text: title }),
    forLine ? el("p", { class: "for", text: forLine }) : null, ...kids);
}

// Validates every control given; returns the values, or null after showing each error beside its field.
function readAll(controls, required) {
  const values = {};
  let ok = true;
  for (const [name, c] of Object.entries(controls)) {
    const r = c.read();
    if (r.error) { c.show(r.error); ok = false; }
    else if (r.empty && required.includes(name)) { c.show("required"); ok = false; }
    else { c.show(null); if (!r.empty) values[name] = r.value; }
  }
  return ok ? values : null;
}

function showBasics(names) {
  const box = $("question");
  box.textContent = "";
  const controls = {};
  const fields = [];
  for (const n of names) {
    const s = state.schema.properties[n];
    controls[n] = control(n, s, [], state.answers[n]);
    fields.push(el("label", { class: "main req", for: `q-${n}`, text: label(s) }), controls[n].node);
  }
  const next = () => {
    const values = readAll(controls, names);
    if (!values) return;
    for (const n of names) remember(n, values[n]);
    step();
  };
  box.append(panel(t("basics"), null, ...fields,
    el("div", { class: "buttons" }, el("button", { type: "button", class: "primary", id: "next", text: t("next"), onclick: next }))));
  box.setAttribute("data-question", names.join(" "));
}

function remember(name, value) {
  if (!state.order.includes(name)) state.order.push(name);
  if (value === undefined) { delete state.answers[name]; state.skipped.add(name); }
  else { state.answers[name] = value; state.skipped.delete(name); }
}

function showQuestion(name, r) {
  const box = $("question");
  box.textContent = "";
  const s = state.schema.properties[name];
  const c = control(name, s, onceBenefits(r), state.answers[name]);
  const waiting = r ? r.decisions.filter((d) => d.status === "undetermined" && d.missing.some((m) => topName(m) === name)) : [];
  const forLine = waiting.length ? t("forBenefits", { list: waiting.map((d) => pick(d.title)).join(lang === "zh" ? "、" : ", ") }) : null;
  const next = () => {
    const v = c.read();
    if (v.error) { c.show(v.error); return; }
    if (v.empty) { c.show("required"); return; }
    remember(name, v.value);
    step();
  };
  const skip = () => { remember(name, undefined); step(); };
  // The history is asked per benefit; its schema label speaks of provision ids, the page does not.
  box.append(panel(s["x-elig-history"] ? t("history") : label(s), forLine, c.node,
    el("div", { class: "buttons" },
      el("button", { type: "button", class: "primary", id: "next", text: t("next"), onclick: next }),
      el("button", { type: "button", id: "skip", text: t("skip"), onclick: skip }))));
  box.setAttribute("data-question", name);
  state.current = name;
  c.focus();
}

function renderAnswered() {
  const box = $("answered");
  box.textContent = "";
  if (!state.order.length) return;
  box.append(el("h2", { text: t("answers") }));
  for (const n of state.order) {
    const s = state.schema.properties[n];
    const v = state.answers[n];
    box.append(el("div", { class: `answer${v === undefined ? " skipped" : ""}`, "data-fact": n },
      el("span", { text: s["x-elig-history"] ? t("history") : label(s) }),
      el("span", { class: "value", text: answerText(s, v, titleOf) }),
      el("button", { type: "button", class: "link no-print", text: t("change"),
        onclick: () => showQuestion(n, state.last) })));
  }
}

function renderRunning(r) {
  $("running-total").textContent = totalText(r.total, r.decisions);
  const ul = $("possible");
  ul.textContent = "";
  for (const d of r.decisions) {
    if (d.status !== "eligible" && d.status !== "undetermined") continue;
    const amount = d.status === "eligible" ? amountText(d.amount) : couldPay(d) || t("undetermined");
    ul.append(el("li", { "data-provision": d.id, text: `${pick(d.title)}${lang === "zh" ? "：" : ": "}${amount}` }));
  }
  if (!ul.children.length) ul.append(el("li", { text: t("nothingYet") }));
}

// Errors the service found, beside the fields they name (the page checks first, so these are rare).
function showServiceErrors(body, controls) {
  let placed = false;
  for (const e of body.errors || []) {
    const name = (e.pointer || "").split("/")[1];
    const c = controls[name];
    if (c) { c.show("badValue"); placed = true; }
  }
  if (!placed) $("results").replaceChildren(el("div", { class: "errors", id: "profile-errors", text: body.detail || t("failed") }));
}

// Runs one turn; turns run one after another (a change of language while a check is on its
// way waits for it), and the body says `data-busy` meanwhile.
let turn = Promise.resolve();
function step() {
  turn = turn.then(stepNow, stepNow);
  return turn;
}

async function stepNow() {
  document.body.setAttribute("data-busy", "true");
  try { await interviewTurn(); } finally { document.body.removeAttribute("data-busy"); }
}

async function interviewTurn() {
  if (state.whole) return;
  renderAnswered();
  const missing = (state.schema.required || []).filter((n) => !(n in state.answers));
  if (missing.length) { showBasics(missing); return; }
  const { status, body } = await post("/v1/check", state.answers);
  if (status !== 200) { showServiceErrors(body, {}); return; }
  const r = body.results[0];
  state.last = r;
  renderRunning(r);
  const next = openFacts(r).find((n) => !(n in state.answers) && !state.skipped.has(n));
  if (next) { showQuestion(next, r); return; }
  $("question").replaceChildren(el("p", { class: "panel no-print", id: "interview-done", text: t("done") }));
  $("question").setAttribute("data-question", "");
  await showResults(r, state.answers);
}

// The whole form, for those who prefer it: every fact, the required ones first.
function buildWholeForm() {
  const box = $("whole-form");
  box.textContent = "";
  state.formControls = {};
  const required = state.schema.required || [];
  const names = [...required, ...Object.keys(state.schema.properties).filter((n) => !required.includes(n))];
  for (const n of names) {
    const s = state.schema.properties[n];
    const c = control(n, s, onceBenefits(null), state.answers[n]);
    state.formControls[n] = c;
    box.append(el("div", { class: "panel", "data-fact": n },
      el("label", { class: `main${required.includes(n) ? " req" : ""}`, for: `q-${n}`, text: label(s) }), c.node));
  }
  box.append(el("div", { class: "buttons" }, el("button", { type: "button", class: "primary", id: "submit", text: t("check"),
    onclick: async () => {
      const values = readAll(state.formControls, required);
      if (!values) { $("results").replaceChildren(el("div", { class: "errors", id: "form-errors", text: t("fixErrors") })); return; }
      state.answers = values;
      const { status, body } = await post("/v1/check", values);
      if (status !== 200) { showServiceErrors(body, state.formControls); return; }
      await showResults(body.results[0], values);
    } })));
}

// One set of controls at a time: the interview's and the form's share their element ids.
function setWhole(on) {
  state.whole = on;
  $("interview").hidden = on;
  $("whole-form").hidden = !on;
  $("results").textContent = "";
  if (on) { $("question").textContent = ""; buildWholeForm(); }
  else { $("whole-form").textContent = ""; step(); }
}
