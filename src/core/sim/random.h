#pragma once

#include "common/xoshiro256.h"

#include <cstdint>

namespace fw {

// A small seeded generator (xoshiro256** seeded through splitmix64) with its own uniform and
// normal deviates, so simulated telemetry is bit-identical across standard libraries, whose
// <random> distributions are implementation-defined.
class Random
{
public:
    explicit Random(std::uint64_t seed);

    [[nodiscard]] std::uint64_t next();
    // Uniform in [0, 1) with 53 random bits.
    [[nodiscard]] double uniform();
    // Standard normal (Box-Muller; the second deviate of each pair is kept for the next call).
    [[nodiscard]] double normal();

    // splitmix64's finaliser: a bijective mix of 64 bits, used to derive independent keys.
    [[nodiscard]] static std::uint64_t mix(std::uint64_t x);
    [[nodiscard]] static std::uint64_t key(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0);
    // Stateless deviates from a key: what a continuous-time signal uses so that its value at a
    // time does not depend on how often it was sampled before.
    [[nodiscard]] static double hashUniform(std::uint64_t key);
    [[nodiscard]] static double hashNormal(std::uint64_t key);
    // A smooth random signal of unit scale: normal values at knots every spacingS seconds,
    // blended with a quintic fade. Defined for any time, it looks the same at every sample rate.
    [[nodiscard]] static double smoothNoise(std::uint64_t key, double timeS, double spacingS);

private:
    Xoshiro256 m_bits;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace fw
