// TOML++'s implementation, compiled here from the Debian package's headers (see elig_toml in the
// top-level CMakeLists.txt for why not its shared library). Every other file sees declarations.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
