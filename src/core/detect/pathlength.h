#pragma once

#include <cstdint>

namespace fw::detect {

// Which c(n) a forest uses for the unresolved part of a path that ends in a leaf holding n rows.
enum class PathLengthFormula : std::uint8_t {
    // Liu, Ting & Zhou: c(n) = 2 H(n-1) - 2 (n-1) / n with exact harmonic numbers.
    ExactHarmonic,
    // scikit-learn's approximation H(i) ~ ln(i) + gamma, kept so that scores can be checked
    // against scikit-learn to the last few bits.
    ScikitLearn,
};

// H(i) = sum_{k=1..i} 1/k. Exact summation from a table up to kHarmonicTableSize; beyond it the
// asymptotic series, whose truncation error there is far below one ulp.
[[nodiscard]] double harmonicNumber(std::int64_t i);

// Average path length c(n) of an unsuccessful binary-search-tree lookup among n rows: 0 for
// n <= 1, 1 for n == 2.
[[nodiscard]] double averagePathLength(std::int64_t n, PathLengthFormula formula);

inline constexpr std::int64_t kHarmonicTableSize = 4096;

} // namespace fw::detect
