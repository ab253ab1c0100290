// TOML++'s implementation, compiled here from the Debian package's headers (see elig_toml in the
// top-level CMakeLists.txt for why not its shared library, and profile/toml.hpp for its fix).
// Every other file sees declarations.
#define TOML_IMPLEMENTATION
#include "profile/toml.hpp"
