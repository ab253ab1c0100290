// The Chinese wording of rule diagnostics, as a catalogue keyed by the English template (as
// gettext keys on the English msgid): the checker keeps one message per site, and everything a
// translator touches is in this file. `{}` in an English template captures a piece of the
// message; `{0}`, `{1}`... put the pieces, themselves translated when they are phrases of this
// catalogue ("an amount", "the `if` condition"), into the Chinese one. A message the catalogue
// does not know stays in English.
#include "support/diagnostic_zh.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <array>
#include <vector>

namespace elig {
namespace {

struct entry {
  std::string_view en;
  std::string_view zh;
};

// Longer and more specific templates first: the first that matches wins.
constexpr std::array k_catalogue = std::to_array<entry>({
    // Syntax.
    {"expected `}` to close the document", "缺少与 `document` 配对的 `}`"},
    {"expected a list to go through, found {}", "此处应为可逐项查看的列表，实际是 {0}"},
    {"expected {}, found {}", "此处应为 {0}，实际是 {1}"},
    {"expressions nest deeper than {} levels", "表达式嵌套超过 {0} 层"},
    {"`{}` is {} bytes; rule files are limited to {} bytes",
     "`{0}` 有 {1} 字节；规则文件最多 {2} 字节"},
    {"the file is not valid UTF-8", "文件不是有效的 UTF-8 编码"},
    {"a declaration (`document`, `schema`, `parameter`, `define`, `brackets`, `ladder`, `take "
     "highest`, `cap` or `exclusion`)",
     "声明（`document`、`schema`、`parameter`、`define`、`brackets`、`ladder`、`take highest`、"
     "`cap` 或 `exclusion`）"},
    {"a document header (`document ID {`)", "文件头（`document 标识 {`）"},
    {"a document item (`title`, `issuer`, `announced`, `source`, `status`, `valid`, "
     "`interpretation`, `when`, `unless` or `provision`)",
     "文件条目（`title`、`issuer`、`announced`、`source`、`status`、`valid`、`interpretation`、"
     "`when`、`unless` 或 `provision`）"},
    {"end of file", "文件结尾"},
    {"an expression", "表达式"},
    {"an identifier", "名称"},
    {"a name", "名称"},
    {"a string", "字符串"},
    {"a number", "数字"},
    {"a date", "日期"},
    {"a value", "值"},
    {"a type", "类型"},
    {"an amount", "金额"},
    {"an item", "条目"},
    // The grammar's names for what it expected.
    {"text (\"中文\" / \"English\")", "双语文本（\"中文\" / \"English\"）"},
    {"`*` or `/`", "`*` 或 `/`"},
    {"`+` or `-`", "`+` 或 `-`"},
    {"`and` operand", "`and` 的操作数"},
    {"`or` operand", "`or` 的操作数"},
    {"`otherwise` operand", "`otherwise` 的操作数"},
    {"`for each` clause", "`for each` 子句"},
    {"`if` expression", "`if` 表达式"},
    {"`not` expression", "`not` 表达式"},
    {"`sum of` expression", "`sum of` 表达式"},
    {"bracket row", "分档行"},
    {"bracket table", "分档表"},
    {"comparison operand", "比较的操作数"},
    {"comparison operator", "比较运算符"},
    {"date item", "日期条目"},
    {"document header", "文件头"},
    {"document item", "文件条目"},
    {"enumeration members", "枚举成员"},
    {"enumeration member", "枚举成员"},
    {"fact declaration", "事实声明"},
    {"field name", "字段名"},
    {"function call", "函数调用"},
    {"history declaration", "历史记录声明"},
    {"ladder row", "阶梯行"},
    {"list items", "列表项"},
    {"parameter (`name : type`)", "参数（`名称 : 类型`）"},
    {"parameter value", "参数值"},
    {"parenthesised expression", "括号内的表达式"},
    {"provision ids", "条款标识"},
    {"provision id", "条款标识"},
    {"provision items", "条款条目"},
    {"provision item", "条款条目"},
    {"record declaration", "记录声明"},
    {"schema items", "schema 条目"},
    {"take-highest group", "择高组"},
    {"total cap", "合计封顶"},
    {"true or false", "true 或 false"},
    {"year limit", "年限"},
    {"compare with `==`; `=` only gives a parameter its value",
     "比较请写 `==`；`=` 只用于给参数赋值"},
    {"write `and`", "请写 `and`"},
    {"write `or`", "请写 `or`"},
    {"write `not`", "请写 `not`"},
    {"`{}` is full-width punctuation: write the ASCII `{}`", "`{0}` 是全角标点：请写半角的 `{1}`"},
    {"check that every `{` has a matching `}`", "检查每个 `{` 是否都有配对的 `}`"},
    {"strings end on the same line they start", "字符串须在同一行内结束"},
    {"an expression is a name, a number (`200万`, `50%`), a date, a string or a call",
     "表达式可以是名称、数字（`200万`、`50%`）、日期、字符串或函数调用"},
    {"write the Chinese text, then `/` and the English text", "先写中文，再写 `/` 和英文"},
    {"every `document ... {` needs a matching `}`", "每个 `document ... {` 都需要配对的 `}`"},
    {"split the expression with `define` names", "用 `define` 定义的名称拆分表达式"},
    {"split the rules into several files", "把规则拆成几个文件"},
    {"save the file as UTF-8", "请以 UTF-8 编码保存文件"},
    {"did you mean `{}`?", "是否想写 `{0}`？"},
    // Literals.
    {"`{}` is not a number elig can represent", "`{0}` 不是 elig 能表示的数字"},
    {"numbers have at most 12 decimal places and 26 whole digits", "数字最多 12 位小数、26 位整数"},
    {"a duration must be whole: `{}`", "时长必须是整数：`{0}`"},
    {"`{}` is longer than any two dates are apart (at most {} {})",
     "`{0}` 超过任意两个日期之间的间隔（最多 {1} {2}）"},
    {"`{}` is too large", "`{0}` 太大"},
    {"`{}` is not a real date", "`{0}` 不是真实存在的日期"},
    {"dates are written YYYY-MM-DD", "日期写作 YYYY-MM-DD"},
    // Declarations.
    {"an enumeration needs members: `enum(a, b)`", "枚举需要成员：`enum(a, b)`"},
    {"enumeration member `{}` is listed twice", "枚举成员 `{0}` 列了两次"},
    {"`{}` labels enumeration member `{}` but already names `{}`",
     "`{0}` 是枚举成员 `{1}` 的标签，但已经指 `{2}`"},
    {"only `enum` takes members, not `{}`", "只有 `enum` 可以带成员，`{0}` 不行"},
    {"record `{}` cannot be used here", "此处不能使用记录 `{0}`"},
    {"unknown type `{}`", "未知类型 `{0}`"},
    {"types: bool, integer, decimal, money, percent, date, year, text, enum(...), list of T, or a "
     "record",
     "类型有：bool、integer、decimal、money、percent、date、year、text、enum(...)、list of T "
     "或记录"},
    {"record `{}` is declared twice", "记录 `{0}` 声明了两次"},
    {"field `{}` is declared twice", "字段 `{0}` 声明了两次"},
    {"part `{}` is declared twice", "部分 `{0}` 声明了两次"},
    {"provision `{}` is declared twice", "条款 `{0}` 声明了两次"},
    {"document `{}` is declared twice", "文件 `{0}` 声明了两次"},
    {"exclusion `{}` is declared twice", "排除情形 `{0}` 声明了两次"},
    {"`{}` is declared twice", "`{0}` 声明了两次"},
    {"first declared here", "首次声明在此"},
    {"a record fact must be a list: `list of {}`", "记录类型的事实必须是列表：`list of {0}`"},
    {"only a top-level fact can be the `period`", "只有顶层事实可以作为 `period`"},
    {"only one fact can be the `period`", "只能有一个事实作为 `period`"},
    {"the `period` fact must be a `year`", "`period` 事实必须是 `year`"},
    {"only one `history` can be declared", "只能声明一个 `history`"},
    {"{} must be a constant, such as `200万` or `50%`", "{0}必须是常量，例如 `200万` 或 `50%`"},
    {"every fact, definition, parameter and table needs its own name",
     "每个事实、定义、参数和表都需要各自的名称"},
    {"a value of `{}`", "`{0}` 的取值"},
    {"a parameter value", "参数值"},
    {"`{}` has two values from {}", "`{0}` 自 {1} 起有两个取值"},
    {"parameter `{}` has no values", "参数 `{0}` 没有取值"},
    {"add rows such as `from 2024-01-01 = 3.45%`", "添加形如 `from 2024-01-01 = 3.45%` 的行"},
    {"a bracket bound", "分档界限"},
    {"bracket bounds must all be {}", "分档界限都必须是 {0}"},
    {"a bracket value", "分档取值"},
    {"a bracket row needs `from`, `below` or both", "分档行需要 `from`、`below` 或两者"},
    {"a bracket row's `from` must be below its `below`", "分档行的 `from` 必须小于其 `below`"},
    {"only the first row may leave out `from`", "只有第一行可以省略 `from`"},
    {"this row starts at {} but the previous row ends below {}: rows must neither overlap nor "
     "leave gaps",
     "本行从 {0} 开始，但上一行止于 {1} 以下：各行既不能重叠也不能留空档"},
    {"a row follows an open-ended row", "无上限的行之后还有行"},
    {"a bracket table needs rows", "分档表需要至少一行"},
    {"a ladder threshold", "阶梯门槛"},
    {"a ladder award", "阶梯奖励"},
    {"ladder thresholds must rise from row to row", "阶梯门槛必须逐行递增"},
    {"a ladder needs rows", "阶梯需要至少一行"},
    {"definitions refer to each other: {}", "定义相互引用：{0}"},
    {"a definition cannot use itself, directly or through others", "定义不能直接或间接地引用自身"},
    // Expressions.
    {"unknown name `{}`", "未知名称 `{0}`"},
    {"`{}` is not one of {}", "`{0}` 不是以下之一：{1}"},
    {"declare it in the schema, or with `define`", "请在 schema 中声明，或用 `define` 定义"},
    {"`{}` takes {} argument(s); call it as `{}(...)`", "`{0}` 需要 {1} 个参数；请写 `{2}(...)`"},
    {"`{}` is a bracket table; look a value up with `{}(x)`", "`{0}` 是分档表；请用 `{1}(x)` 查值"},
    {"`not` needs a condition (bool), found {}", "`not` 需要条件（bool），实际是 {0}"},
    {"`-` needs a number, found {}", "`-` 需要数值，实际是 {0}"},
    {"lists cannot contain lists", "列表不能包含列表"},
    {"list items must have one type: {} after {}", "列表各项必须同一类型：{1} 之后出现 {0}"},
    {"the `if` condition", "`if` 的条件"},
    {"the branches of `if` differ: {} and {}", "`if` 的两个分支类型不同：{0} 和 {1}"},
    {"both branches must give the same kind of value", "两个分支必须给出同一类值"},
    {"the `where` condition", "`where` 的条件"},
    {"`{}` needs a `where` condition", "`{0}` 需要 `where` 条件"},
    {"`{} of` needs numbers, found {}", "`{0} of` 需要数值，实际是 {1}"},
    {"argument {} of `{}` must be {}, found {}", "`{1}` 的第 {0} 个参数必须是 {2}，实际是 {3}"},
    {"{} must be {}, found {}", "{0}必须是 {1}，实际是 {2}"},
    {"compare it, e.g. `x >= 10万`", "请写成比较，例如 `x >= 10万`"},
    {"an expression of {} operations in a row (at most {})",
     "表达式连续 {0} 个运算（最多 {1} 个）"},
    {"split it into named definitions (`define part_1 = …`)",
     "拆成有名称的定义（`define part_1 = …`）"},
    {"`.{}` needs a record, found {}", "`.{0}` 需要记录，实际是 {1}"},
    {"go through the list with `any x in ... where x.field ...`",
     "用 `any x in ... where x.field ...` 逐项查看列表"},
    {"record `{}` has no field `{}`", "记录 `{0}` 没有字段 `{1}`"},
    {"only a dated parameter can be read `at` a date", "只有带日期的参数才能用 `at` 读取某日的值"},
    {"write `lpr_1y at l.drawdown_date`", "请写 `lpr_1y at l.drawdown_date`"},
    {"`at` needs a date, found {}", "`at` 需要日期，实际是 {0}"},
    {"`{}` joins conditions (bool), found {} and {}",
     "`{0}` 连接的是条件（bool），实际是 {1} 和 {2}"},
    {"`otherwise` needs a fall-back of the same kind: {} and {}",
     "`otherwise` 的备选值须为同一类：{0} 和 {1}"},
    {"write `relocated_date otherwise registered_date`",
     "请写 `relocated_date otherwise registered_date`"},
    {"`{}` needs a value and a list of such values, found {} and {}",
     "`{0}` 需要一个值和同类值的列表，实际是 {1} 和 {2}"},
    {"comparisons do not chain", "比较不能连写"},
    {"join them with `and`: `a < b and b < c`", "请用 `and` 连接：`a < b and b < c`"},
    {"cannot compare {} with {}", "{0} 不能与 {1} 比较"},
    {"compare their items: `any x in list where x == ...`",
     "请比较其中各项：`any x in list where x == ...`"},
    {"compare their fields, or their places with `position(...)`",
     "请比较其字段，或用 `position(...)` 比较位次"},
    {"write money with a unit: `1000万`, `10,000,000 yuan`",
     "金额请带单位：`1000万`、`10,000,000 yuan`"},
    {"write money with a unit: `0 yuan`, `200万`", "金额请带单位：`0 yuan`、`200万`"},
    {"cannot apply `{}` to {} and {}", "`{0}` 不能用于 {1} 和 {2}"},
    // Calls.
    {"`{}` takes {} argument(s), given {}", "`{0}` 的参数个数应为 {1}，实际给了 {2} 个"},
    {"{} or more", "{0} 个或以上"},
    {"`{}` looks up a {}, given {}", "`{0}` 查找的是 {1}，实际给了 {2}"},
    {"unknown function `{}`", "未知函数 `{0}`"},
    {"`{}` compares values of one kind: {} and {}", "`{0}` 比较同一类的值：{1} 和 {2}"},
    {"`{}` needs numbers, dates or years, found {}", "`{0}` 需要数值、日期或年度，实际是 {1}"},
    {"the places of `{}` must be a whole number from 0 to 12",
     "`{0}` 的小数位数必须是 0 到 12 的整数"},
    {"`{}(x, 2)` rounds to the fen; `{}(x)` to a whole number",
     "`{0}(x, 2)` 取整到分；`{1}(x)` 取整到元"},
    {"a year", "年度"},
    {"a month", "月份"},
    {"a day", "日"},
    {"a list item", "列表项"},
    // Provisions and documents.
    {"`{}` does not belong in a {}", "`{0}` 不能出现在{1}中"},
    {"a provision takes `title`, `article`, `interpretation`, `valid`, `when`, `unless`, `for at "
     "most`, `pays`, `part` and `not encodable`",
     "条款可包含 `title`、`article`、`interpretation`、`valid`、`when`、`unless`、`for at most`、"
     "`pays`、`part` 和 `not encodable`"},
    {"a part has no validity of its own", "部分没有单独的有效期"},
    {"a `{}` condition", "`{0}` 条件"},
    {"the start of `for at most`", "`for at most` 的起算值"},
    {"`for at most` counts whole years, not `{}`", "`for at most` 按整年计算，不能用 `{0}`"},
    {"write `for at most 3 years from first_year`", "请写 `for at most 3 years from first_year`"},
    {"`for at most` needs a `period` fact in the schema",
     "`for at most` 需要 schema 中有 `period` 事实"},
    {"mark the claimed year: `fact claimed_year : year required period`",
     "标出申报年度：`fact claimed_year : year required period`"},
    {"a second `pays`: a provision or part pays one way",
     "第二个 `pays`：一个条款或部分只有一种给付方式"},
    {"use `part` for a benefit made of several parts", "由几部分组成的补助请用 `part`"},
    {"`pays once` needs a `history` in the schema", "`pays once` 需要 schema 中有 `history`"},
    {"declare `history awards` in the schema", "请在 schema 中声明 `history awards`"},
    {"a range needs both ends: `pays from A to B`", "区间需要两端：`pays from A to B`"},
    {"`to` belongs to a range: `pays from A to B`", "`to` 用于区间：`pays from A to B`"},
    {"`for each` needs a list, found {}", "`for each` 需要列表，实际是 {0}"},
    {"a provision cannot pay a negative amount ({})", "条款不能给付负数金额（{0}）"},
    {"write the amount without a sign; a condition says when nothing is paid",
     "金额不写符号；不给付的情形用条件表达"},
    {"the range runs backwards: from {} to {}", "区间颠倒：从 {0} 到 {1}"},
    {"write the smaller amount first: `pays from A to B` with A ≤ B",
     "先写较小的金额：`pays from A to B`，A ≤ B"},
    {"parts do not nest", "部分不能嵌套"},
    {"part `{}` neither pays nor is marked `not encodable`",
     "部分 `{0}` 既不给付也未标为 `not encodable`"},
    {"`{}` belongs in a provision, not a document", "`{0}` 应写在条款中，而不是文件中"},
    {"unknown status `{}`", "未知状态 `{0}`"},
    {"a status is `in_force`, `draft` or `superseded`",
     "状态为 `in_force`、`draft` 或 `superseded`"},
    {"provision `{}` has no `title`", "条款 `{0}` 没有 `title`"},
    {"add `title \"中文\" / \"English\"`", "请添加 `title \"中文\" / \"English\"`"},
    {"provision `{}` has no `article`", "条款 `{0}` 没有 `article`（所依据的条文）"},
    {"accepted here", "在此接受"},
    {"unknown parameter `{}`", "未知参数 `{0}`"},
    {"`{}` is not a parameter: only parameters can be set", "`{0}` 不是参数：只能设置参数"},
    {"name the number in the rules with `parameter NAME : TYPE { from DATE = VALUE }`, then set "
     "it",
     "请先在规则中用 `parameter 名称 : 类型 { from 日期 = 值 }` 命名该数值，再设置"},
    {"`{}` is not `NAME=VALUE`", "`{0}` 不是 `名称=值` 的形式"},
    {"e.g. --set shangcheng_rd_revenue_min=800万", "例如 --set shangcheng_rd_revenue_min=800万"},
    {"expected the end of the value, found {}", "值应到此结束，实际是 {0}"},
    {"a value is one expression, such as `800万`", "一个值只是一个表达式，如 `800万`"},
    {"`allow {}` accepts no warning of `{}`", "`allow {0}` 没有接受 `{1}` 的任何警告"},
    {"remove it: the warning it accepted no longer arises here",
     "请删除：它接受的警告在此已不再出现"},
    {"`{}` is not a warning that can be allowed", "`{0}` 不是可以接受的警告"},
    {"`allow {}` gives no reason", "`allow {0}` 没有写明理由"},
    {"say why the warning does not apply: `allow W1008 \"理由\" / \"reason\"`",
     "请写明警告为何不适用：`allow W1008 \"理由\" / \"reason\"`"},
    {"only warnings (W1001 to W1009) can be allowed, never an error",
     "只能接受警告（W1001 至 W1009），不能接受错误"},
    {"cite the article it rests on: `article \"第三条\" / \"Article 3\"`",
     "请注明所依据的条文：`article \"第三条\" / \"Article 3\"`"},
    {"provision `{}` is marked `not encodable` but also pays",
     "条款 `{0}` 标为 `not encodable` 却又给付"},
    {"provision `{}` neither pays nor is marked `not encodable`",
     "条款 `{0}` 既不给付也未标为 `not encodable`"},
    {"add `pays ...`, `part ...`, or `not encodable \"why\" / \"why\"`",
     "请添加 `pays ...`、`part ...` 或 `not encodable \"原因\" / \"why\"`"},
    {"document `{}` has no `title`", "文件 `{0}` 没有 `title`"},
    {"unknown provision `{}`", "未知条款 `{0}`"},
    {"a take-highest group needs at least two members", "择高组至少需要两个条款"},
    {"`{}` is named in `{}` both whole and through its part `{}`",
     "`{0}` 在 `{1}` 中既作为整条出现，又通过其子项 `{2}` 出现"},
    {"`{}` is named twice in `{}`", "`{0}` 在 `{1}` 中出现了两次"},
    {"name the provision or its parts, not both", "请写整条条款或其子项，不要同时写"},
    {"name each member once", "每个条款只写一次"},
    {"a cap needs `at most AMOUNT`", "封顶需要 `at most 金额`"},
    {"a cap must be a constant amount", "封顶必须是常量金额"},
    {"a cap", "封顶额"},
    {"an exclusion neither pays nor has parts or validity", "排除情形不给付，也没有部分或有效期"},
    {"an exclusion takes `title`, `article`, `interpretation`, `when` and `unless`",
     "排除情形可包含 `title`、`article`、`interpretation`、`when` 和 `unless`"},
    {"exclusion `{}` has no `title`", "排除情形 `{0}` 没有 `title`"},
    {"exclusion `{}` has no condition", "排除情形 `{0}` 没有条件"},
    {"add `when ...`: the exclusion holds when its conditions do",
     "请添加 `when ...`：条件成立时排除"},
    {"the rules declare no `schema`", "规则没有声明 `schema`"},
    {"add a file with `schema { fact ... }` describing the profile",
     "添加一个用 `schema { fact ... }` 描述企业信息的文件"},
    {"provision", "条款"},
    {"part", "部分"},
    // Files.
    {"cannot read `{}`: {}", "无法读取 `{0}`：{1}"},
    {"cannot read `{}`", "无法读取 `{0}`"},
    {"give a rules directory or `.elig` files", "请给出规则目录或 `.elig` 文件"},
    {"no `.elig` rule files in {}", "{0} 中没有 `.elig` 规则文件"},
    {"give a folder that holds `.elig` files, or the files themselves",
     "请给出含 `.elig` 文件的目录，或这些文件本身"},
    {"no test files (`*.toml`) found", "没有找到测试文件（`*.toml`）"},
    {"officers' cases live in `tests/` beside the rules (docs/testing.md)",
     "测试用例放在规则旁的 `tests/` 中（见 docs/testing.md）"},
    // Analysis (lint).
    {"`{}` here hides the fact or definition of the same name",
     "此处的 `{0}` 遮蔽了同名的事实或定义"},
    {"give the local name another name, e.g. the first letter", "给局部名称换个名字，例如取首字母"},
    {"fact `{}` is read by no rule", "没有规则读取事实 `{0}`"},
    {"remove it from the schema, or use it in a rule", "从 schema 中删除，或在规则中使用"},
    {"field `{}` of record `{}` is read by no rule", "没有规则读取记录 `{1}` 的字段 `{0}`"},
    {"remove it from the record, or use it in a rule", "从记录中删除，或在规则中使用"},
    {"parameter `{}` is never used", "参数 `{0}` 从未使用"},
    {"definition `{}` is never used", "定义 `{0}` 从未使用"},
    {"this condition can never hold: {}", "此条件永远不成立：{0}"},
    {"check the thresholds and the operators", "请检查门槛和运算符"},
    {"this condition is always true: it reads no fact", "此条件恒为真：它不读取任何事实"},
    {"remove it, or compare a fact", "删除它，或改为比较某个事实"},
    {"this condition is always false: it reads no fact", "此条件恒为假：它不读取任何事实"},
    {"provision `{}` is never in force: valid until {} before {}",
     "条款 `{0}` 从未生效：有效期止于 {1}，早于 {2}"},
    {"provision `{}` closed on {}", "条款 `{0}` 已于 {1} 失效"},
    {"document `{}` closed on {}", "文件 `{0}` 已于 {1} 失效"},
    {"mark the document `superseded`, or extend `valid ... until`",
     "将文件标为 `superseded`，或延长 `valid ... until`"},
    {"document `{}` is superseded: none of its provisions pays",
     "文件 `{0}` 已被取代：其条款都不给付"},
    {"provision `{}` can never be eligible: {}", "条款 `{0}` 永远不会符合：{1}"},
    {"two of its conditions (or its document's) contradict", "其（或所属文件的）两个条件相互矛盾"},
    {"a condition", "一个条件"},
    {"`{}` can never pay anything: its amount is at most {}",
     "`{0}` 永远不会给付：其金额最多为 {1}"},
    {"check the cap", "请检查封顶额"},
    {"`{}` has a range whose lower end {} is above its upper end {}",
     "`{0}` 的区间下限 {1} 高于上限 {2}"},
    {"`{}` and `{}` both pay `{}` funds and no combination rule is between them",
     "`{0}` 和 `{1}` 都给付 `{2}` 类资金，且两者之间没有合并规则"},
    {"add `take highest ... { {}, {} }` if only one may be paid",
     "如只能给付其一，请添加 `take highest ... {{ {0}, {1} }}`"},
    {"`{}` is here", "`{0}` 在此"},
    {"`{}` must be both true and false", "`{0}` 须同时为真和假"},
    {"a constant condition is false", "一个常量条件为假"},
    {"no value of `{}` satisfies every condition on it", "`{0}` 没有能满足其全部条件的取值"},
    {"in provision `{}`: the amount overflowed", "条款 `{0}`：金额溢出"},
});

// Splits an English template at its `{}`: the literal pieces around the captures.
std::vector<std::string_view> pieces(std::string_view en) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    std::size_t hole = en.find("{}", at);
    out.push_back(en.substr(at, hole == std::string_view::npos ? en.size() - at : hole - at));
    if (hole == std::string_view::npos) return out;
    at = hole + 2;
  }
}

// The captures of `text` under the template, when it matches.
std::optional<std::vector<std::string_view>> match(std::string_view text, std::string_view en) {
  auto lit = pieces(en);
  if (!text.starts_with(lit.front())) return std::nullopt;
  std::vector<std::string_view> caps;
  std::size_t at = lit.front().size();
  for (std::size_t i = 1; i < lit.size(); ++i) {
    std::size_t next;
    if (i + 1 == lit.size()) {  // the last piece ends the text
      if (!text.ends_with(lit[i]) || text.size() - lit[i].size() < at) return std::nullopt;
      next = text.size() - lit[i].size();
    } else {
      next = text.find(lit[i], at);
      if (next == std::string_view::npos) return std::nullopt;
    }
    if (next == at) return std::nullopt;  // a capture is never empty
    caps.push_back(text.substr(at, next - at));
    at = next + lit[i].size();
  }
  if (lit.size() == 1 && text.size() != lit.front().size()) return std::nullopt;
  return caps;
}

std::optional<std::string> translate(std::string_view text, int depth) {
  for (const auto& e : k_catalogue) {
    auto caps = match(text, e.en);
    if (!caps) continue;
    if (caps->empty()) return std::string(e.zh);  // no `{}` to fill: braces are literal
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    auto lit = pieces(e.en);
    for (std::size_t i = 0; i < caps->size(); ++i) {
      // A captured phrase ("an amount") is translated too; user text in backticks is not.
      std::string_view c = (*caps)[i];
      bool quoted = c.starts_with('`') || lit[i].ends_with('`');
      std::optional<std::string> inner;
      if (depth < 2 && !quoted) inner = translate(c, depth + 1);
      args.push_back(inner ? *inner : std::string(c));
    }
    try {
      return fmt::vformat(fmt::string_view(e.zh.data(), e.zh.size()), args);
    } catch (const fmt::format_error&) {
      return std::nullopt;  // caught by the catalogue test; English rather than nothing
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> translate_zh(std::string_view english) { return translate(english, 0); }

std::vector<std::pair<std::string_view, std::string_view>> zh_catalogue() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& e : k_catalogue) out.emplace_back(e.en, e.zh);
  return out;
}

}  // namespace elig
