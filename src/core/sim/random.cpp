#include "random.h"

#include <cmath>
#include <numbers>

namespace fw {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

double toUnit(std::uint64_t bits)
{
    return double(bits >> 11) * 0x1.0p-53;
}

// Box-Muller on two uniforms; u1 is moved off zero so the logarithm stays finite.
double boxMuller(double u1, double u2, double *second)
{
    const double radius = std::sqrt(-2.0 * std::log(1.0 - u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    if (second) {
        *second = radius * std::sin(angle);
    }
    return radius * std::cos(angle);
}

} // namespace

Random::Random(std::uint64_t seed)
{
    std::uint64_t x = seed;
    for (auto &word : m_state) {
        x += kGolden;
        word = mix(x);
    }
}

std::uint64_t Random::next()
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

double Random::uniform()
{
    return toUnit(next());
}

double Random::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    const double u1 = uniform();
    const double u2 = uniform();
    m_hasSpare = true;
    return boxMuller(u1, u2, &m_spare);
}

std::uint64_t Random::mix(std::uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t Random::key(std::uint64_t a, std::uint64_t b, std::uint64_t c)
{
    return mix(mix(mix(a + kGolden) ^ (b + 2 * kGolden)) ^ (c + 3 * kGolden));
}

double Random::hashUniform(std::uint64_t key)
{
    return toUnit(mix(key + kGolden));
}

double Random::hashNormal(std::uint64_t key)
{
    return boxMuller(toUnit(mix(key + kGolden)), toUnit(mix(key + 2 * kGolden)), nullptr);
}

double Random::smoothNoise(std::uint64_t key, double timeS, double spacingS)
{
    const double position = timeS / spacingS;
    const double knot = std::floor(position);
    const double f = position - knot;
    const auto index = std::uint64_t(std::int64_t(knot));
    const double a = hashNormal(Random::key(key, index));
    const double b = hashNormal(Random::key(key, index + 1));
    const double fade = f * f * f * (f * (f * 6 - 15) + 10);
    return a + (b - a) * fade;
}

} // namespace fw
