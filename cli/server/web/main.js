// The page's start: words in the chosen language, the as-of date read as people write it, then
// the interview (or the whole form).
"use strict";

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const [id, key] of [["title", "title"], ["l-lang", "lang"], ["l-asof", "asof"], ["l-drafts", "drafts"],
                           ["l-whole", "wholeForm"], ["intro", "intro"], ["l-running", "running"],
                           ["l-possible", "stillPossible"], ["print", "print"]])
    $(id).textContent = t(key);
}

function readAsOf() {
  const r = parseDate($("as-of").value);
  $("as-of").classList.toggle("invalid", !!r.error);
  if (r.value) $("as-of-value").value = r.value;
  return !r.error;
}

async function start() {
  const today = new Date().toISOString().slice(0, 10);
  $("as-of").value = today;
  $("as-of-value").value = today;
  [state.schema, state.provisions] = await Promise.all([
    fetch("/v1/schema").then((r) => r.json()),
    fetch("/v1/provisions").then((r) => r.json()).then((p) => p.provisions)]);
  applyLanguage();
  $("lang").addEventListener("change", () => {
    lang = $("lang").value;
    applyLanguage();
    if (state.whole) buildWholeForm(); else step();
  });
  $("as-of").addEventListener("change", () => {
    const before = $("as-of-value").value;
    if (readAsOf() && $("as-of-value").value !== before && !state.whole) step();
  });
  $("drafts").addEventListener("change", () => { if (!state.whole) step(); });
  $("whole").addEventListener("change", () => setWhole($("whole").checked));
  $("print").addEventListener("click", () => window.print());
  await step();
  document.body.setAttribute("data-ready", "true");
}
start();
