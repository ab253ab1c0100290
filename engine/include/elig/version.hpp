#pragma once
namespace elig {
inline constexpr const char* version = "0.1.0";
}
