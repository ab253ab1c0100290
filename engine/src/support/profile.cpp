#include "support/profile_data.hpp"

namespace elig {

const std::string& profile::name() const { return data_->name; }
const std::vector<value>& profile::facts() const { return data_->facts; }

}  // namespace elig
