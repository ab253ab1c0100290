// One control per fact, generated from GET /v1/schema: yes/no and members as choices, amounts and
// dates as text read by input.js, lists as cards ("add a loan") with an explicit "none", the
// history of awards as one yes/no question per benefit. Each control checks itself as the
// applicant types and shows its error beside itself.
"use strict";

const $ = (id) => document.getElementById(id);
function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k !== null && k !== undefined && k !== false) e.append(k);
  return e;
}
const label = (s) => pick(s["x-label"]) || s.title || "";
const memberLabel = (s, m) => pick((s["x-enum-labels"] || {})[m]) || m;

// A text box for an amount, a date, a year, a number or a text.
function textControl(id, s, initial) {
  const read = readerFor(s);
  const input = el("input", { type: "text", id, autocomplete: "off", "data-kind": s["x-elig-type"] || "" });
  if (initial !== undefined) input.value = s["x-elig-type"] === "money" ? grouped(initial) : initial;
  const error = el("div", { class: "error", id: `${id}-error`, role: "alert" });
  const box = el("div", { class: "field" }, input, error);
  const show = (key) => {
    error.textContent = key ? t(key) : "";
    input.classList.toggle("invalid", !!key);
  };
  input.addEventListener("input", () => show(read(input.value).error));
  return { node: box, focus: () => input.focus(), show, read: () => read(input.value) };
}

// Choices: yes/no, or the members of an enumeration.
function choiceControl(id, options, initial) {
  const error = el("div", { class: "error", id: `${id}-error`, role: "alert" });
  const box = el("div", { class: "field choices", id });
  for (const [value, text] of options) {
    const input = el("input", { type: "radio", name: id, value: String(value), id: `${id}-${value}` });
    if (initial !== undefined && String(initial) === String(value)) input.checked = true;
    box.append(el("label", { for: `${id}-${value}` }, input, ` ${text}`));
  }
  box.append(error);
  const show = (key) => { error.textContent = key ? t(key) : ""; };
  const read = () => {
    const on = box.querySelector("input:checked");
    if (!on) return { empty: true };
    const v = options.find(([value]) => String(value) === on.value)[0];
    return { value: v };
  };
  return { node: box, focus: () => box.querySelector("input").focus(), show, read };
}

// Members of a list of an enumeration: one box each and an explicit "none of these".
function setControl(id, s, initial) {
  const error = el("div", { class: "error", id: `${id}-error`, role: "alert" });
  const box = el("div", { class: "field choices", id });
  const boxes = [];
  for (const m of s.items.enum) {
    const cb = el("input", { type: "checkbox", id: `${id}-${m}`, value: m });
    if (initial && initial.includes(m)) cb.checked = true;
    boxes.push(cb);
    box.append(el("label", { for: cb.id }, cb, ` ${memberLabel(s.items, m)}`));
  }
  const none = el("input", { type: "checkbox", id: `${id}-none` });
  if (initial && initial.length === 0) none.checked = true;
  box.append(el("label", { for: none.id }, none, ` ${t("noneOfThese")}`), error);
  none.addEventListener("change", () => { if (none.checked) for (const b of boxes) b.checked = false; });
  for (const b of boxes) b.addEventListener("change", () => { if (b.checked) none.checked = false; });
  const show = (key) => { error.textContent = key ? t(key) : ""; };
  const read = () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (chosen.length) return { value: chosen };
    return none.checked ? { value: [] } : { empty: true };
  };
  return { node: box, focus: () => boxes[0].focus(), show, read };
}

// A list of records: a card per item with its fields, "add", and an explicit "none".
function recordsControl(id, s, initial) {
  const items = s.items, fields = Object.entries(items.properties), required = items.required || [];
  const box = el("div", { class: "field", id });
  const cards = el("div", { class: "cards" });
  const error = el("div", { class: "error", id: `${id}-error`, role: "alert" });
  let stated = initial !== undefined, count = 0;
  const entries = [];
  const addCard = (values = {}) => {
    stated = true;
    const n = count++;
    const controls = {};
    const card = el("div", { class: "item-card", "data-index": n },
      el("h4", { text: `${pick(items["x-label"]) || label(s)} · ${t("item", { n: entries.length + 1 })}` }));
    for (const [field, fs] of fields) {
      const fid = `${id}-${n}-${field}`;
      const c = fs.type === "boolean" ? choiceControl(fid, [[true, t("yes")], [false, t("no")]], values[field])
        : fs.enum ? choiceControl(fid, fs.enum.map((m) => [m, memberLabel(fs, m)]), values[field])
          : textControl(fid, fs, values[field]);
      controls[field] = c;
      card.append(el("label", { for: fid, class: required.includes(field) ? "req" : "", text: label(fs) }), c.node);
    }
    const entry = { card, controls };
    card.append(el("button", { type: "button", class: "link remove", text: t("remove"),
      onclick: () => { card.remove(); entries.splice(entries.indexOf(entry), 1); } }));
    entries.push(entry);
    cards.append(card);
  };
  for (const v of initial || []) addCard(v);
  const noun = pick(items["x-label"]) || label(s);
  box.append(cards, el("div", { class: "buttons" },
    el("button", { type: "button", id: `${id}-add`, text: `${t("add")}${lang === "zh" ? "" : " "}${noun}`, onclick: () => addCard() }),
    el("button", { type: "button", id: `${id}-none`, text: t("none"),
      onclick: () => { for (const e of entries) e.card.remove(); entries.length = 0; stated = true; box.setAttribute("data-none", "true"); } })),
    error);
  const show = (key) => { error.textContent = key ? t(key) : ""; };
  const read = () => {
    if (!stated) return { empty: true };
    const list = [];
    let bad = null;
    for (const { controls } of entries) {
      const rec = {};
      for (const [field, c] of Object.entries(controls)) {
        const r = c.read();
        if (r.error) { c.show(r.error); bad = r.error; }
        else if (r.empty && required.includes(field)) { c.show("required"); bad = "required"; }
        else if (!r.empty) rec[field] = r.value;
      }
      list.push(rec);
    }
    return bad ? { error: bad } : { value: list };
  };
  return { node: box, focus: () => $(`${id}-add`).focus(), show, read };
}

// The awards already received, asked per benefit paid once: "received before? yes / no, year".
function historyControl(id, s, once, initial) {
  const box = el("div", { class: "field", id });
  const error = el("div", { class: "error", id: `${id}-error`, role: "alert" });
  const rows = [];
  for (const p of once) {
    const had = (initial || []).find((a) => a.provision === p.id);
    const rid = `${id}-${p.id.replace(/[^a-z0-9]/gi, "_")}`;
    const answer = choiceControl(rid, [[true, t("yes")], [false, t("no")]],
      initial === undefined ? undefined : !!had);
    const year = textControl(`${rid}-year`, { "x-elig-type": "year" }, had ? had.year : undefined);
    const yearBox = el("div", { class: "year" }, el("label", { for: `${rid}-year`, text: t("receivedYear") }), year.node);
    const sync = () => { yearBox.hidden = answer.read().value !== true; };
    answer.node.addEventListener("change", sync);
    sync();
    box.append(el("div", { class: "once", "data-provision": p.id },
      el("label", { text: t("receivedBefore", { title: pick(p.title) }) }), answer.node, yearBox));
    rows.push({ p, answer, year });
  }
  box.append(error);
  const show = (key) => { error.textContent = key ? t(key) : ""; };
  const read = () => {
    const list = [];
    let answered = 0, bad = null;
    for (const { p, answer, year } of rows) {
      const a = answer.read();
      if (a.empty) continue;
      answered++;
      if (a.value !== true) continue;
      const y = year.read();
      if (y.error || y.empty) { year.show(y.error || "required"); bad = y.error || "required"; continue; }
      list.push({ provision: p.id, year: y.value });
    }
    if (bad) return { error: bad };
    if (answered === 0) return { empty: true };
    if (answered < rows.length) return { error: "required" };  // the list is known whole or not at all
    return { value: list };
  };
  return { node: box, focus: () => {}, show, read };
}

// The control for fact NAME; `once` lists the benefits paid once (for the history).
function control(name, s, once, initial) {
  const id = `q-${name}`;
  if (s["x-elig-history"]) return historyControl(id, s, once, initial);
  if (s.type === "boolean") return choiceControl(id, [[true, t("yes")], [false, t("no")]], initial);
  if (s.enum) return choiceControl(id, s.enum.map((m) => [m, memberLabel(s, m)]), initial);
  if (s.type === "array" && s.items.enum) return setControl(id, s, initial);
  if (s.type === "array" && s.items.properties) return recordsControl(id, s, initial);
  return textControl(id, s, initial);
}

// An answer as the applicant reads it back; `titleOf` names a benefit by its id.
function answerText(s, v, titleOf) {
  if (v === undefined) return t("skipped");
  if (s["x-elig-history"])
    return v.length ? v.map((a) => `${titleOf(a.provision)} ${a.year}`).join(lang === "zh" ? "、" : ", ") : t("none");
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (Array.isArray(v)) {
    if (!v.length) return t("none");
    if (s.items.enum) return v.map((m) => memberLabel(s.items, m)).join(lang === "zh" ? "、" : ", ");
    return `${v.length} × ${pick(s.items["x-label"]) || label(s)}`;
  }
  if (s.enum) return memberLabel(s, v);
  if (s["x-elig-type"] === "money") return `${grouped(v)} ${t("yuan")}`;
  return String(v);
}
