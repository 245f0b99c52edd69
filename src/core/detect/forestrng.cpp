#include "detect/forestrng.h"

#include <cmath>

namespace fw::detect {

ForestRng::ForestRng(std::uint64_t seed)
    : m_bits(seed)
{}

std::uint64_t ForestRng::next()
{
    return m_bits.next();
}

double ForestRng::uniform()
{
    return m_bits.uniform();
}

std::uint64_t ForestRng::below(std::uint64_t n)
{
    // Reject the top partial block so that every residue is equally likely.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t r = next();
    while (r >= limit) {
        r = next();
    }
    return r % n;
}

double ForestRng::normal()
{
    for (;;) {
        const double u = 2.0 * uniform() - 1.0;
        const double v = 2.0 * uniform() - 1.0;
        const double s = u * u + v * v;
        if (s > 0 && s < 1) {
            return u * std::sqrt(-2.0 * portableLog(s) / s);
        }
    }
}

std::uint64_t ForestRng::treeSeed(std::uint64_t seed, std::uint64_t index)
{
    // One splitmix64 step from a state that differs per tree.
    const std::uint64_t state = seed ^ (index * 0xd1b54a32d192ed03ULL);
    return Xoshiro256::mix(state + Xoshiro256::kGolden);
}

double portableLog(double x)
{
    int exponent = 0;
    double m = std::frexp(x, &exponent); // exact: m in [0.5, 1)
    if (m < 0.70710678118654752) {
        m *= 2.0;
        --exponent;
    }
    // ln m = 2 atanh(t), t = (m - 1) / (m + 1), |t| < 0.172; 14 odd terms reach double precision.
    const double t = (m - 1.0) / (m + 1.0);
    const double t2 = t * t;
    double term = t;
    double sum = 0;
    for (int k = 1; k <= 27; k += 2) {
        sum += term / double(k);
        term *= t2;
    }
    return 2.0 * sum + double(exponent) * 0.69314718055994531;
}

} // namespace fw::detect
