// What applicants type, read exactly: amounts as decimal strings (never floating point), dates
// in the forms people write them, whatever the browser. Each reader returns {value}, {empty} or
// {error: KEY} where KEY names a message of T (text.js).
"use strict";

const UNIT_DIGITS = { "万": 4, "亿": 8 };

// "1,200,000", "120万", "1.2亿", "120 万元", "¥1,200,000.50" → "1200000", "1200000.50".
function parseAmount(text, places = 2) {
  const t = String(text).replace(/[,，\s]/g, "").replace(/^[¥￥]/, "").replace(/元$/, "");
  if (t === "") return { empty: true };
  const m = /^(\d+)(?:\.(\d+))?(万|亿)?$/.exec(t);
  if (!m) return { error: "notAmount" };
  const [, whole, frac = "", unit] = m;
  let digits = whole + frac;
  const point = whole.length + (unit ? UNIT_DIGITS[unit] : 0);
  while (digits.length < point) digits += "0";
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = digits.slice(point).replace(/0+$/, "");
  if (fracPart.length > places) return { error: places === 2 ? "tooPrecise" : "notAmount" };
  return { value: fracPart ? `${intPart}.${fracPart}` : intPart };
}

// "2022-09-01", "2022/9/1", "2022.9.1", "2022年9月1日" → "2022-09-01"; not a real day: an error.
function parseDate(text) {
  const t = String(text).trim();
  if (t === "") return { empty: true };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return { error: "notDate" };
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
    return { error: "notRealDate" };
  return { value: `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

// "2024" or "2024年".
function parseYear(text) {
  const t = String(text).trim().replace(/年$/, "");
  if (t === "") return { empty: true };
  if (!/^\d{4}$/.test(t)) return { error: "notYear" };
  return { value: Number(t) };
}

function parseInteger(text) {
  const t = String(text).replace(/[,，\s]/g, "");
  if (t === "") return { empty: true };
  if (!/^-?\d+$/.test(t)) return { error: "notNumber" };
  return { value: Number(t) };
}

// "3.5%" or "3.5" → "3.5%".
function parsePercent(text) {
  const t = String(text).replace(/\s/g, "").replace(/%$/, "");
  if (t === "") return { empty: true };
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: "notPercent" };
  return { value: `${t}%` };
}

// The reader for a schema node, by its elig type.
function readerFor(s) {
  const kind = s["x-elig-type"] || "";
  if (kind === "money") return (t) => parseAmount(t, 2);
  if (kind === "decimal" || kind === "number") return (t) => parseAmount(t, 12);
  if (kind === "percent") return parsePercent;
  if (kind === "year") return parseYear;
  if (kind === "integer") return parseInteger;
  if (kind === "date") return parseDate;
  return (t) => (String(t).trim() === "" ? { empty: true } : { value: String(t).trim() });
}

// Money as whole fen, exactly (BigInt): differences of amounts never go through floating point.
function cents(value) {
  const [i, f = ""] = String(value).split(".");
  return BigInt(i) * 100n + BigInt((f + "00").slice(0, 2));
}
const fromCents = (c) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;

// A money string as people read it: "8,200,000.00".
function grouped(value) {
  const [i, f = ""] = String(value).split(".");
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(f + "00").slice(0, 2)}`;
}
