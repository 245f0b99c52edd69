#include "random.h"

#include <cmath>
#include <numbers>

namespace fw {

namespace {

constexpr std::uint64_t kGolden = Xoshiro256::kGolden;

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
    : m_bits(seed)
{}

std::uint64_t Random::next()
{
    return m_bits.next();
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
    return Xoshiro256::mix(x);
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
