#include "detect/pathlength.h"

#include <array>
#include <cmath>

namespace fw::detect {

namespace {

constexpr double kEulerGamma = 0.5772156649015329;

const std::array<double, kHarmonicTableSize + 1> &harmonicTable()
{
    // Built once, in ascending k, so every caller sees the same rounding.
    static const auto table = [] {
        std::array<double, kHarmonicTableSize + 1> t{};
        for (std::int64_t k = 1; k <= kHarmonicTableSize; ++k) {
            t[std::size_t(k)] = t[std::size_t(k - 1)] + 1.0 / double(k);
        }
        return t;
    }();
    return table;
}

} // namespace

double harmonicNumber(std::int64_t i)
{
    if (i <= 0) {
        return 0;
    }
    if (i <= kHarmonicTableSize) {
        return harmonicTable()[std::size_t(i)];
    }
    // ln i + gamma + 1/(2i) - 1/(12 i^2) + 1/(120 i^4); the next term is below 1e-22 here.
    const double x = double(i);
    const double inv2 = 1.0 / (x * x);
    return std::log(x) + kEulerGamma + 0.5 / x - inv2 / 12.0 + inv2 * inv2 / 120.0;
}

double averagePathLength(std::int64_t n, PathLengthFormula formula)
{
    if (n <= 1) {
        return 0;
    }
    if (n == 2) {
        return 1;
    }
    const double nd = double(n);
    if (formula == PathLengthFormula::ScikitLearn) {
        return 2.0 * (std::log(nd - 1.0) + kEulerGamma) - 2.0 * (nd - 1.0) / nd;
    }
    return 2.0 * harmonicNumber(n - 1) - 2.0 * (nd - 1.0) / nd;
}

} // namespace fw::detect
