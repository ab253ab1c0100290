#include "support/profile_data.hpp"

namespace elig {

const std::string& profile::name() const { return data_->name; }
const std::vector<value>& profile::facts() const { return data_->facts; }
const std::string& profile::id() const { return data_->id; }
const std::string& profile::company() const { return data_->company; }

}  // namespace elig
