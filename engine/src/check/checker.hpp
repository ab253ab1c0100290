#pragma once
// Private to check/: the state shared by the passes that lower the parse tree to IR.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "check/ir.hpp"
#include "syntax/ast.hpp"

namespace elig::check {

enum class symbol_kind { fact, define, param, bracket, ladder };
struct symbol {
  symbol_kind kind;
  std::uint32_t index;
};

struct local_var {
  std::string name;
  std::uint32_t slot;
  type t;
};

class checker {
 public:
  checker(program& prog, diagnostic_list& diags, const std::vector<override_value>& overrides = {})
      : p_(prog), diags_(diags), overrides_(overrides), override_used_(overrides.size(), false) {}

  void run(const std::vector<std::pair<std::uint32_t, const syntax::ast::rule_file*>>& files);

  // ---- expressions (check_expr.cpp) ----
  node_id lower(const syntax::ast::expression& e);
  node_id lower_operand(const syntax::ast::operand& o);
  node_id lower_expected(const syntax::ast::expression& e, type want, std::string_view what);
  node_id add_node(node n);
  const type& type_of(node_id id) const { return p_.nodes[static_cast<std::size_t>(id)].t; }
  std::uint32_t new_var(std::string name);

  // ---- literals (literals.cpp) ----
  std::optional<value> parse_number(const syntax::ast::number_lit& n, type& t);
  std::optional<date> parse_date(const syntax::ast::date_lit& d);
  bitext to_bitext(const syntax::ast::bitext& b) const;
  bitext to_bitext(const boost::optional<syntax::ast::bitext>& b) const;

  // ---- declarations (check_decls.cpp) ----
  void declare_schema(const syntax::ast::schema_decl& s);
  std::optional<type> resolve_type(const syntax::ast::type_ref& t, bool allow_record);
  void declare(const syntax::ast::declaration& d);
  void lower_define(std::uint32_t index);
  void finish_declarations();

  // ---- provisions (check_provisions.cpp) ----
  void lower_document(const syntax::ast::document_decl& d);
  void lower_combinations();
  void lower_exclusions();

  source_span span(const syntax::ast::spanned& s) const { return {file_, s.begin, s.end}; }
  diagnostic& error(diag_code code, std::string msg, source_span at,
                    std::optional<std::string> help = {}) {
    return diags_.add(code, std::move(msg), at, std::move(help));
  }
  std::vector<std::string> visible_names() const;

  program& p_;
  diagnostic_list& diags_;
  std::uint32_t file_ = 0;
  std::map<std::string, symbol, std::less<>> globals_;
  const std::vector<override_value>& overrides_;
  std::vector<bool> override_used_;
  void check_overrides_used();
  std::map<std::string, source_span, std::less<>> global_spans_;  // where each was declared first
  std::map<std::string, std::uint32_t, std::less<>> record_names_;
  std::vector<local_var> locals_;
  // Define bodies are lowered on first use, so order in the files does not matter.
  struct pending_define {
    const syntax::ast::define_decl* ast = nullptr;
    std::uint32_t file = 0;
    int state = 0;  // 0 not lowered, 1 lowering (cycle if seen again), 2 done
  };
  std::vector<pending_define> pending_defines_;
  std::vector<std::uint32_t> define_stack_;
  struct pending_combination {
    const syntax::ast::combine_decl* ast;
    std::uint32_t file;
  };
  std::vector<pending_combination> pending_combinations_;
  struct pending_exclusion {
    const syntax::ast::exclusion_decl* ast;
    std::uint32_t file;
  };
  std::vector<pending_exclusion> pending_exclusions_;
  std::vector<std::uint32_t>* uses_ = nullptr;  // collects defines used by the current item
};

}  // namespace elig::check
