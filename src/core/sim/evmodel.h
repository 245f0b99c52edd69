#pragma once

#include "simulatormodel.h"

namespace fw {

// An electric vehicle on a test bench driving repeated cycles (idle, accelerate, cruise, brake,
// idle), each with its own cruise speed and timing, for a few hours; then an hour on the
// charger, and again. Motor current follows the road-load power; pack voltage is the open-circuit
// voltage of its state of charge minus the internal-resistance drop; the pack heats with I²R and
// is cooled toward the coolant temperature by a pump whose duty follows pack temperature; coolant
// pressure follows the pump; drive-unit vibration follows motor speed and torque.
// Channels, in profile order: temperature (°C), voltage (V), vibration (m/s²), pressure (kPa).
class EvModel : public SimulatorModel
{
public:
    static constexpr double kCycleS = 120;
    static constexpr double kDriveBlockS = 3 * 3600;
    static constexpr double kChargeS = 3600;

    explicit EvModel(std::uint64_t seed);

    void evaluate(double relS, std::span<double> values) override;
    [[nodiscard]] double noiseSigma(int channel) const override;
    [[nodiscard]] double faultScale(int channel) const override;
    [[nodiscard]] double faultSign(int channel) const override;

    // Vehicle speed (m/s) and acceleration (m/s²) of the drive cycle.
    [[nodiscard]] double speed(double relS, double *acceleration = nullptr) const;
    // Pack current, A: positive when discharging, negative under regeneration or charging.
    [[nodiscard]] double current(double relS) const;
    [[nodiscard]] static double stateOfCharge(double relS);
    [[nodiscard]] static bool isCharging(double relS);

private:
    struct Thermal
    {
        double temperature = 0; // pack, °C
        double duty = 0;        // coolant pump, 0-1
    };

    [[nodiscard]] Thermal step(const Thermal &state, double timeS) const;

    std::uint64_t m_seed;
    // Pack temperature and pump duty integrate on a fixed internal clock, so the same physics
    // is sampled at every rate; values between its ticks are interpolated.
    std::int64_t m_tick = 0;
    Thermal m_now;
    Thermal m_next;
};

} // namespace fw
