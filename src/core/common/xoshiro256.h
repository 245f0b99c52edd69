#pragma once

#include <cstdint>

namespace fw {

// xoshiro256** (Blackman and Vigna) seeded through splitmix64: the bit source of the simulator's
// and the forest's generators. Plain integer arithmetic, so a seed gives the same sequence on
// every platform, which the simulator's recordings and the forest's model bytes rely on.
class Xoshiro256
{
public:
    static constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

    explicit Xoshiro256(std::uint64_t seed)
    {
        for (std::uint64_t &word : m_state) {
            seed += kGolden;
            word = mix(seed);
        }
    }

    // splitmix64's finaliser: a bijective mix of 64 bits.
    [[nodiscard]] static std::uint64_t mix(std::uint64_t x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

    [[nodiscard]] std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    [[nodiscard]] double uniform() { return double(next() >> 11) * 0x1.0p-53; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k)
    {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t m_state[4];
};

} // namespace fw
