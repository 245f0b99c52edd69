#include "spacecraftmodel.h"

#include "random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fw {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// Thermal balance of the battery module: equilibria in sunlight and in eclipse and the time
// constant of the lag between them.
constexpr double kSunTempC = 21.0;
constexpr double kEclipseTempC = 7.0;
constexpr double kThermalTauS = 1200.0;

// The battery is recharged with this time constant after sunrise; eclipse discharges it
// linearly to kMaxDepth.
constexpr double kRechargeTauS = 900.0;
constexpr double kMaxDepth = 0.2;

// Propellant use empties the tank toward (1 - kBlowdown) of its initial pressure over days.
constexpr double kInitialPressureBar = 18.0;
constexpr double kBlowdown = 0.25;
constexpr double kUsageTauS = 3 * 86400.0;
constexpr double kTankRefTempC = 15.0;

constexpr std::array<double, 4> kNoise{0.08, 0.02, 0.004, 0.02};
constexpr std::array<double, 4> kScale{4.0, 0.4, 0.02, 0.3};
constexpr std::array<double, 4> kSign{1, -1, 1, -1};

enum Stream : std::uint64_t { TempWander = 1, VoltWander, WheelWander, VibWander, PressWander };

} // namespace

SpacecraftModel::SpacecraftModel(std::uint64_t seed, double orbitPeriodS)
    : m_seed(seed)
    , m_period(orbitPeriodS)
    , m_sunS(orbitPeriodS * (1 - kEclipseFraction))
    , m_eclipseS(orbitPeriodS * kEclipseFraction)
{
    // Start at the periodic steady state so the run has no warm-up transient:
    // T(sunset) = Ts + (T(sunrise) - Ts) a and T(sunrise) = Te + (T(sunset) - Te) b.
    const double a = std::exp(-m_sunS / kThermalTauS);
    const double b = std::exp(-m_eclipseS / kThermalTauS);
    m_tempAtSunrise = (kEclipseTempC * (1 - b) + kSunTempC * b * (1 - a)) / (1 - a * b);
    m_tempAtSunset = kSunTempC + (m_tempAtSunrise - kSunTempC) * a;
}

bool SpacecraftModel::isEclipse(double relS, double orbitPeriodS)
{
    const double phase = std::fmod(relS, orbitPeriodS);
    return phase >= orbitPeriodS * (1 - kEclipseFraction);
}

double SpacecraftModel::orbitTemperature(double relS) const
{
    const double phase = std::fmod(relS, m_period);
    if (phase < m_sunS) {
        return kSunTempC + (m_tempAtSunrise - kSunTempC) * std::exp(-phase / kThermalTauS);
    }
    return kEclipseTempC
           + (m_tempAtSunset - kEclipseTempC) * std::exp(-(phase - m_sunS) / kThermalTauS);
}

double SpacecraftModel::wheelSpeedRpm(double relS) const
{
    return 2500 + 1200 * std::sin(kTwoPi * 2 * relS / m_period + 0.7)
           + 300 * Random::smoothNoise(Random::key(m_seed, WheelWander), relS, 300);
}

void SpacecraftModel::evaluate(double relS, std::span<double> values)
{
    const double phase = std::fmod(relS, m_period);
    const bool eclipse = phase >= m_sunS;

    const double orbitTemp = orbitTemperature(relS);
    values[0] = orbitTemp + 0.8 * Random::smoothNoise(Random::key(m_seed, TempWander), relS, 900);

    // Depth of discharge: what the last eclipse took, being recharged in sunlight.
    double voltage = 0;
    if (eclipse) {
        const double depth = kMaxDepth * (phase - m_sunS) / m_eclipseS;
        voltage = 27.8 - 4.0 * depth;
    } else {
        const double depth = kMaxDepth * std::exp(-phase / kRechargeTauS);
        voltage = 28.6 - 1.5 * depth;
    }
    // A cold battery has a slightly higher internal resistance.
    voltage += 0.004 * (orbitTemp - kSunTempC);
    values[1] = voltage + 0.03 * Random::smoothNoise(Random::key(m_seed, VoltWander), relS, 120);

    const double speed = wheelSpeedRpm(relS) / 4000;
    const double vibration
        = 0.02 + 0.09 * speed * speed + 0.006 * speed * std::sin(kTwoPi * relS / 47)
          + 0.003 * Random::smoothNoise(Random::key(m_seed, VibWander), relS, 20);
    values[2] = std::max(0.0, vibration);

    const double used = kBlowdown * (1 - std::exp(-relS / kUsageTauS));
    const double tankTemp = kTankRefTempC + 0.4 * (orbitTemp - 14);
    const double pressure
        = kInitialPressureBar * (1 - used) * (273.15 + tankTemp) / (273.15 + kTankRefTempC);
    values[3] = pressure + 0.04 * Random::smoothNoise(Random::key(m_seed, PressWander), relS, 600);
}

double SpacecraftModel::noiseSigma(int channel) const
{
    return kNoise[std::size_t(channel)];
}

double SpacecraftModel::faultScale(int channel) const
{
    return kScale[std::size_t(channel)];
}

double SpacecraftModel::faultSign(int channel) const
{
    return kSign[std::size_t(channel)];
}

} // namespace fw
