#include "isotime.h"

#include "numberparse.h"

#include <cmath>
#include <cstdint>

namespace fw::text {

namespace {

class Reader
{
public:
    explicit Reader(std::string_view s)
        : m_s(s)
    {}

    [[nodiscard]] bool atEnd() const { return m_pos == m_s.size(); }
    [[nodiscard]] char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }
    bool accept(char c)
    {
        if (peek() != c) {
            return false;
        }
        ++m_pos;
        return true;
    }
    // Exactly n decimal digits.
    bool digits(int n, int &out)
    {
        if (m_s.size() - m_pos < std::size_t(n)) {
            return false;
        }
        int value = 0;
        for (int i = 0; i < n; ++i) {
            const char c = m_s[m_pos + std::size_t(i)];
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        m_pos += std::size_t(n);
        out = value;
        return true;
    }
    // One or more digits after a decimal point, as a fraction of a second.
    bool fraction(double &out)
    {
        std::int64_t numerator = 0;
        std::int64_t denominator = 1;
        const std::size_t start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            // Beyond nanoseconds the digits cannot change a double near 1.7e9 s.
            if (denominator < 1'000'000'000) {
                numerator = numerator * 10 + (peek() - '0');
                denominator *= 10;
            }
            ++m_pos;
        }
        out = double(numerator) / double(denominator);
        return m_pos > start;
    }

private:
    std::string_view m_s;
    std::size_t m_pos = 0;
};

bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + doe - 719468;
}

bool readZone(Reader &r, int &offsetSeconds)
{
    offsetSeconds = 0;
    if (r.atEnd()) {
        return true;
    }
    if (r.accept('Z') || r.accept('z')) {
        return r.atEnd();
    }
    int sign = 0;
    if (r.accept('+')) {
        sign = 1;
    } else if (r.accept('-')) {
        sign = -1;
    } else {
        return false;
    }
    int hours = 0;
    int minutes = 0;
    if (!r.digits(2, hours)) {
        return false;
    }
    if (!r.atEnd()) {
        r.accept(':');
        if (!r.digits(2, minutes)) {
            return false;
        }
    }
    if (hours > 23 || minutes > 59 || !r.atEnd()) {
        return false;
    }
    offsetSeconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

} // namespace

bool parseIsoTime(std::string_view s, double &out)
{
    Reader r(s);
    int year = 0;
    int month = 0;
    int day = 0;
    if (!r.digits(4, year) || !r.accept('-') || !r.digits(2, month) || !r.accept('-')
        || !r.digits(2, day) || month < 1 || month > 12 || day < 1
        || day > daysInMonth(year, month)) {
        return false;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    double fraction = 0;
    if (r.accept('T') || r.accept('t') || r.accept(' ')) {
        if (!r.digits(2, hour) || !r.accept(':') || !r.digits(2, minute) || hour > 23
            || minute > 59) {
            return false;
        }
        if (r.accept(':')) {
            if (!r.digits(2, second) || second > 60) {
                return false;
            }
            if (r.accept('.') && !r.fraction(fraction)) {
                return false;
            }
        }
    }
    int offsetSeconds = 0;
    if (!readZone(r, offsetSeconds)) {
        return false;
    }
    const std::int64_t seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60
                                 + second - offsetSeconds;
    out = double(seconds) + fraction;
    return true;
}

bool parseTime(std::string_view s, double &out)
{
    return (parseDouble(s, out) || parseIsoTime(s, out)) && std::isfinite(out);
}

} // namespace fw::text
