#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Number reading and writing for the wire formats: locale-free, allocation-free on the common
// path, exact both ways (the writer emits the shortest text that reads back to the same double).
namespace fw::text {

// Reads all of s as a decimal number: an optional sign, digits with an optional '.' fraction and
// exponent, or nan / inf / infinity (any case). A value beyond the double range reads as +-inf,
// one below it as 0 or a subnormal, as strtod would. False unless every byte is used; out is
// only written on success.
[[nodiscard]] bool parseDouble(std::string_view s, double &out);

// Reads all of s as a non-negative decimal integer (digits only) that fits in int64.
[[nodiscard]] bool parseSeq(std::string_view s, std::int64_t &out);

// Appends the shortest decimal text that parseDouble() reads back as exactly v.
void appendDouble(std::string &out, double v);
void appendInt(std::string &out, std::int64_t v);

// Space and tab are trimmed around csv fields and names.
[[nodiscard]] std::string_view trimmed(std::string_view s);

} // namespace fw::text
