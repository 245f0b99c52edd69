#pragma once

#include "simulatormodel.h"

#include <array>

namespace fw {

// A small satellite's bus in a low Earth orbit. Each orbit starts in sunlight and ends with an
// eclipse. In eclipse the battery module cools toward the eclipse equilibrium through a
// first-order thermal lag and the battery carries the bus, so its voltage steps down and sags
// with depth of discharge; in sunlight the array recharges it. Reaction-wheel vibration grows
// with the square of wheel speed, which momentum management swings twice per orbit. Tank
// pressure falls slowly with propellant use and follows the tank temperature (ideal gas), which
// is coupled to the battery module's.
// Channels, in profile order: temperature (°C), voltage (V), vibration (g), pressure (bar).
class SpacecraftModel : public SimulatorModel
{
public:
    static constexpr double kOrbitPeriodS = 95 * 60;
    static constexpr double kEclipseFraction = 0.35;

    // orbitPeriodS: tests may use a shorter orbit than the default ~95 min.
    explicit SpacecraftModel(std::uint64_t seed, double orbitPeriodS = kOrbitPeriodS);

    void evaluate(double relS, std::span<double> values) override;
    [[nodiscard]] double noiseSigma(int channel) const override;
    [[nodiscard]] double faultScale(int channel) const override;
    [[nodiscard]] double faultSign(int channel) const override;

    [[nodiscard]] static bool isEclipse(double relS, double orbitPeriodS = kOrbitPeriodS);
    // Battery-module temperature without noise or slow wander, °C.
    [[nodiscard]] double orbitTemperature(double relS) const;
    [[nodiscard]] double wheelSpeedRpm(double relS) const;

private:
    std::uint64_t m_seed;
    double m_period;
    double m_sunS;
    double m_eclipseS;
    double m_tempAtSunrise = 0; // periodic steady state of the thermal lag
    double m_tempAtSunset = 0;
};

} // namespace fw
