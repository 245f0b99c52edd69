#include "evmodel.h"

#include "random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace fw {

namespace {

constexpr double kPi = std::numbers::pi;

constexpr double kTickS = 0.1;
constexpr double kIdleS = 10;

constexpr double kMassKg = 1800;
constexpr double kDragArea = 0.5 * 1.2 * 0.6; // ½ ρ Cd A
constexpr double kRollingN = 0.01 * kMassKg * 9.81;
constexpr double kDriveEfficiency = 0.9;
constexpr double kRegenEfficiency = 0.7;
constexpr double kRegenLimitW = -60e3;
constexpr double kAuxiliaryW = 600;
constexpr double kChargeCurrentA = -60;

constexpr double kCells = 96;
constexpr double kResistanceOhm = 0.06;
constexpr double kHeatCapacityJPerK = 4e4;
constexpr double kCoolantC = 25;
constexpr double kPumpTauS = 8;
constexpr double kWheelRadiusM = 0.33;
constexpr double kGearRatio = 9.0;

constexpr std::array<double, 4> kNoise{0.05, 0.3, 0.06, 0.8};
constexpr std::array<double, 4> kScale{2.0, 8.0, 0.5, 8.0};
constexpr std::array<double, 4> kSign{1, -1, 1, -1};

enum Stream : std::uint64_t { Cycle = 1, Road, Coolant, PumpRipple, VoltWander };

struct CycleShape
{
    double accelS;
    double cruiseS;
    double brakeS;
    double cruiseSpeed;
};

CycleShape cycleShape(std::uint64_t seed, std::uint64_t index)
{
    const auto draw = [&](std::uint64_t which) {
        return Random::hashUniform(Random::key(seed, Cycle, index * 8 + which));
    };
    return {15 + 10 * draw(0), 40 + 25 * draw(1), 10 + 6 * draw(2), 14 + 16 * draw(3)};
}

double openCircuitVoltage(double soc)
{
    return kCells * (3.35 + 0.85 * soc);
}

double pumpTarget(double temperature)
{
    return std::clamp(0.25 + 0.07 * (temperature - 27), 0.25, 1.0);
}

} // namespace

EvModel::EvModel(std::uint64_t seed)
    : m_seed(seed)
{
    m_now.temperature = 28;
    m_now.duty = pumpTarget(m_now.temperature);
    m_next = step(m_now, 0);
}

bool EvModel::isCharging(double relS)
{
    return std::fmod(relS, kDriveBlockS + kChargeS) >= kDriveBlockS;
}

double EvModel::stateOfCharge(double relS)
{
    const double phase = std::fmod(relS, kDriveBlockS + kChargeS);
    if (phase < kDriveBlockS) {
        return 0.9 - 0.35 * phase / kDriveBlockS;
    }
    return 0.55 + 0.35 * (phase - kDriveBlockS) / kChargeS;
}

double EvModel::speed(double relS, double *acceleration) const
{
    double a = 0;
    double v = 0;
    if (!isCharging(relS)) {
        const auto index = std::uint64_t(std::floor(relS / kCycleS));
        const CycleShape shape = cycleShape(m_seed, index);
        const double vc = shape.cruiseSpeed;
        // Time since the start of each phase; a phase is current while its time is inside it.
        const double accel = std::fmod(relS, kCycleS) - kIdleS;
        const double cruise = accel - shape.accelS;
        const double brake = cruise - shape.cruiseS;
        if (accel >= 0 && cruise < 0) {
            const double s = accel / shape.accelS;
            v = vc * (1 - std::cos(kPi * s)) / 2;
            a = vc * kPi / (2 * shape.accelS) * std::sin(kPi * s);
        } else if (cruise >= 0 && brake < 0) {
            // Throttle modulation that returns to the cruise speed at both ends.
            const double u = cruise / shape.cruiseS;
            v = vc * (1 + 0.03 * std::sin(2 * kPi * 3 * u));
            a = vc * 0.03 * 2 * kPi * 3 / shape.cruiseS * std::cos(2 * kPi * 3 * u);
        } else if (brake >= 0 && brake < shape.brakeS) {
            const double s = brake / shape.brakeS;
            v = vc * (1 + std::cos(kPi * s)) / 2;
            a = -vc * kPi / (2 * shape.brakeS) * std::sin(kPi * s);
        }
    }
    if (acceleration) {
        *acceleration = a;
    }
    return v;
}

double EvModel::current(double relS) const
{
    if (isCharging(relS)) {
        return kChargeCurrentA;
    }
    double a = 0;
    const double v = speed(relS, &a);
    const double wheelPower = (kMassKg * a + kDragArea * v * v + (v > 0 ? kRollingN : 0)) * v;
    double power = wheelPower >= 0 ? wheelPower / kDriveEfficiency
                                   : std::max(kRegenLimitW, wheelPower * kRegenEfficiency);
    power += kAuxiliaryW;
    return power / openCircuitVoltage(stateOfCharge(relS));
}

EvModel::Thermal EvModel::step(const Thermal &state, double timeS) const
{
    const double i = current(timeS + kTickS / 2);
    const double coolant
        = kCoolantC + 0.5 * Random::smoothNoise(Random::key(m_seed, Coolant), timeS, 1800);
    const double conductance = 15 + 30 * state.duty; // W/K
    const double heat = i * i * kResistanceOhm - conductance * (state.temperature - coolant);
    Thermal next;
    next.temperature = state.temperature + kTickS * heat / kHeatCapacityJPerK;
    next.duty
        = state.duty
          + (pumpTarget(state.temperature) - state.duty) * (1 - std::exp(-kTickS / kPumpTauS));
    return next;
}

void EvModel::evaluate(double relS, std::span<double> values)
{
    while (double(m_tick + 1) * kTickS <= relS) {
        ++m_tick;
        m_now = m_next;
        m_next = step(m_now, double(m_tick) * kTickS);
    }
    const double f = std::clamp((relS - double(m_tick) * kTickS) / kTickS, 0.0, 1.0);
    const double temperature = m_now.temperature + (m_next.temperature - m_now.temperature) * f;
    const double duty = m_now.duty + (m_next.duty - m_now.duty) * f;

    double a = 0;
    const double v = speed(relS, &a);
    const double i = current(relS);
    values[0] = temperature;
    values[1] = openCircuitVoltage(stateOfCharge(relS)) - i * kResistanceOhm
                + 0.5 * Random::smoothNoise(Random::key(m_seed, VoltWander), relS, 300);

    const double motorRpm = v / kWheelRadiusM * kGearRatio * 60 / (2 * kPi);
    const double road = Random::smoothNoise(Random::key(m_seed, Road), relS, 5);
    const double vibration
        = 0.35 + 2.2 * std::pow(motorRpm / 12000, 1.5) + 0.25 * std::abs(a) + 0.12 * road * v / 30;
    values[2] = std::max(0.0, vibration);
    values[3]
        = 110 + 80 * duty + 1.0 * Random::smoothNoise(Random::key(m_seed, PumpRipple), relS, 60);
}

double EvModel::noiseSigma(int channel) const
{
    return kNoise[std::size_t(channel)];
}

double EvModel::faultScale(int channel) const
{
    return kScale[std::size_t(channel)];
}

double EvModel::faultSign(int channel) const
{
    return kSign[std::size_t(channel)];
}

} // namespace fw
