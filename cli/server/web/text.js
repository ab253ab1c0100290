// Every word the page says, in Chinese and English. Nothing here names a type, a JSON pointer or a
// provision id: the applicant reads the company's facts and the benefits by their titles.
"use strict";

const T = {
  zh: {
    title: "元宇宙政策资格自查", lang: "语言", asof: "核查日期", drafts: "合计含征求意见稿",
    wholeForm: "显示完整表单", intro: "先回答几个问题；每答一题，下面会更新可能获得的扶持。不知道的可以跳过（视为未知，不视为零）。",
    basics: "基本信息", next: "下一步", skip: "跳过", change: "修改", skipped: "已跳过", yes: "是", no: "否",
    none: "没有", noneOfThese: "都没有", add: "添加", remove: "删除", item: "第 {n} 项",
    forBenefits: "用于判断：{list}", check: "检查资格", print: "打印",
    running: "目前可得", stillPossible: "可能获得的扶持", nothingYet: "尚无",
    done: "问题已全部回答。", answers: "已回答",
    total: "合计可得", upTo: "最多", between: "", eligible: "符合", ineligible: "不符合",
    undetermined: "待定", not_in_force: "不在有效期", not_encodable: "需人工审核",
    couldPay: "若符合可得：", ask: "还需回答：", why: "不符合的原因：", met: "满足的条件：",
    how: "金额计算：", common: "本文件各项共同条件：", source: "依据", draft: "征求意见稿",
    superseded: "与同组其他项目择高，未计入合计", notCounted: "未计入合计",
    ruledOut: "不适用于本企业", howToQualify: "怎样才能符合：", pays: "可获 {amount}",
    loses: "但「{title}」将不再发放", amountWaits: "此后还需回答：{list}", atLeast: "至少 {v}", atMost: "至多 {v}", oneOf: "{v} 之一",
    answerIt: "请回答“{fact}”（{v} 即可）", by: "（差 {v}）", receivedBefore: "此前已获得过「{title}」？",
    receivedYear: "获得年度", history: "此前获得过的扶持", checking: "正在检查…", failed: "请求失败，请稍后再试",
    fixErrors: "请先改正标出的项目。", required: "此项必填", notAmount: "请填写金额，例如 1,200,000 或 120万",
    tooPrecise: "金额最多精确到分", notDate: "请填写日期，例如 2022-09-01 或 2022年9月1日",
    notRealDate: "没有这一天，请检查月份和日期", notYear: "请填写四位年份，例如 2024",
    notNumber: "请填写整数", notPercent: "请填写百分比，例如 3.5%", badValue: "此项填写有误，请检查",
    printedOn: "核查日期：{d}", company: "企业：{c}", curve: "收入与可得扶持", curveOf: "按“{fact}”变化",
    cliff: "断崖", curveNote: "横轴：{fact}；纵轴：合计可得（元）。红点：多一元反而少得的位置。",
    yuan: "元",
  },
  en: {
    title: "Metaverse incentive eligibility check", lang: "Language", asof: "As of",
    drafts: "Count drafts in the total", wholeForm: "Show the whole form",
    intro: "Answer a few questions; after each answer the benefits you may get are updated below. Skip what you do not know (it is then unknown, never zero).",
    basics: "About the company", next: "Next", skip: "Skip", change: "Change", skipped: "skipped",
    yes: "yes", no: "no", none: "None", noneOfThese: "None of these", add: "Add", remove: "Remove",
    item: "Item {n}", forBenefits: "Needed for: {list}", check: "Check eligibility", print: "Print",
    running: "Payable so far", stillPossible: "Benefits still possible", nothingYet: "none yet",
    done: "Every question is answered.", answers: "Your answers",
    total: "Total payable", upTo: "up to", between: "", eligible: "eligible", ineligible: "not eligible",
    undetermined: "undetermined", not_in_force: "not in force", not_encodable: "decided by the office",
    couldPay: "Could pay:", ask: "Still to answer:", why: "Why not:", met: "Conditions met:",
    how: "How the amount is worked out:", common: "Conditions every benefit of this document shares:",
    source: "Source", draft: "draft for comment", superseded: "another benefit of its group is paid instead",
    notCounted: "not counted in the total", ruledOut: "Not for this company",
    howToQualify: "How to qualify:", pays: "pays {amount}",
    amountWaits: "then still to answer: {list}", loses: "but “{title}” would no longer be paid",
    atLeast: "at least {v}", atMost: "at most {v}", oneOf: "one of {v}",
    answerIt: "answer “{fact}” ({v} will do)", by: " (by {v})", receivedBefore: "Have you received “{title}” before?",
    receivedYear: "Year received", history: "Benefits received before", checking: "Checking…", failed: "The request failed; please try again",
    fixErrors: "Please correct the marked answers first.", required: "This is required",
    notAmount: "Write an amount, e.g. 1,200,000 or 120万", tooPrecise: "An amount goes to the fen at most",
    notDate: "Write a date, e.g. 2022-09-01 or 2022/9/1", notRealDate: "There is no such day: check the month and day",
    notYear: "Write a four-digit year, e.g. 2024", notNumber: "Write a whole number",
    notPercent: "Write a percentage, e.g. 3.5%", badValue: "This answer is not right; please check it",
    printedOn: "As of: {d}", company: "Company: {c}", curve: "Revenue and benefits", curveOf: "as “{fact}” varies",
    cliff: "cliff", curveNote: "Across: {fact}; up: the total payable (yuan). Red dots: one more yuan pays less.",
    yuan: "yuan",
  },
};

let lang = "zh";
// The page's word for KEY, with {name} filled in.
function t(key, values = {}) {
  const s = (T[lang] && T[lang][key]) || T.en[key] || key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : `{${k}}`));
}
const pick = (b) => (b ? b[lang] || b.zh || b.en || "" : "");
