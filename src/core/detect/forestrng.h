#pragma once

#include "common/xoshiro256.h"

#include <cstdint>

namespace fw::detect {

// The forest's own generator (xoshiro256** seeded through splitmix64). Every deviate is built
// from IEEE basic operations only (no libm, no <random> distributions, both of which differ
// between platforms), so the same data and seed give the same forest bytes everywhere.
class ForestRng
{
public:
    explicit ForestRng(std::uint64_t seed);

    [[nodiscard]] std::uint64_t next();
    // Uniform in [0, 1) with 53 random bits.
    [[nodiscard]] double uniform();
    // Uniform integer in [0, n), unbiased; n must be positive.
    [[nodiscard]] std::uint64_t below(std::uint64_t n);
    // Standard normal deviate (Marsaglia's polar method with a portable logarithm).
    [[nodiscard]] double normal();

    // Independent stream for tree `index` of a forest seeded with `seed`: trees do not depend on
    // one another, so they could be trained in any order or in parallel.
    [[nodiscard]] static std::uint64_t treeSeed(std::uint64_t seed, std::uint64_t index);

private:
    Xoshiro256 m_bits;
};

// Natural logarithm of a positive finite x from frexp and an atanh series: slower than std::log
// but bit-identical on every IEEE-754 platform.
[[nodiscard]] double portableLog(double x);

} // namespace fw::detect
