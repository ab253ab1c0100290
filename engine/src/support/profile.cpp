#include "support/profile_data.hpp"

namespace elig {

const std::string& profile::name() const { return data_->name; }
const std::vector<value>& profile::facts() const { return data_->facts; }
const detail::profile_data& detail::data_of(const profile& p) { return *p.data_; }
std::string_view profile::id() const { return data_->id; }
std::string_view profile::company() const { return data_->company; }

}  // namespace elig
