#include "numberparse.h"

#include <array>
#include <charconv>
#include <cstdlib>
#include <system_error>

namespace fw::text {

namespace {

// from_chars reports values outside the double range as an error and leaves out unchanged;
// strtod gives the IEEE answer (inf, 0 or a subnormal). Rare enough to copy for.
double outOfRangeValue(std::string_view s)
{
    std::string copy(s);
    return std::strtod(copy.c_str(), nullptr);
}

} // namespace

bool parseDouble(std::string_view s, double &out)
{
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') {
            return false;
        }
    }
    if (s.empty()) {
        return false;
    }
    const char *end = s.data() + s.size();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), end, value, std::chars_format::general);
    if (ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        return false;
    }
    out = ec == std::errc() ? value : outOfRangeValue(s);
    return true;
}

bool parseSeq(std::string_view s, std::int64_t &out)
{
    if (s.empty() || s.front() < '0' || s.front() > '9') {
        return false;
    }
    const char *end = s.data() + s.size();
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        return false;
    }
    out = value;
    return true;
}

void appendDouble(std::string &out, double v)
{
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    out.append(buffer.data(), result.ptr);
}

void appendInt(std::string &out, std::int64_t v)
{
    std::array<char, 24> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    out.append(buffer.data(), result.ptr);
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace fw::text
