#include "support/profile_data.hpp"

namespace elig {

const std::string& profile::name() const { return data_->name; }
const std::vector<value>& profile::facts() const { return data_->facts; }
std::string_view profile::id() const { return data_->id; }
std::string_view profile::company() const { return data_->company; }

}  // namespace elig
