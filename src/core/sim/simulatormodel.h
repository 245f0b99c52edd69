#pragma once

#include <cstdint>
#include <memory>
#include <span>

namespace fw {

struct Profile;

// The physics behind one profile's channels. The Simulator adds sensor noise and faults on top.
// Signals are defined in continuous time (seconds since the start of the run), so the sample rate
// only changes where they are sampled; evaluate() is called with non-decreasing times, which lets
// a model keep integrated state (temperatures) on its own fixed internal clock.
class SimulatorModel
{
public:
    virtual ~SimulatorModel() = default;

    // Writes the noise-free value of every channel at relS seconds after the start.
    virtual void evaluate(double relS, std::span<double> values) = 0;
    // Standard deviation of the channel's sensor noise, in its unit.
    [[nodiscard]] virtual double noiseSigma(int channel) const = 0;
    // The channel's typical nominal spread, in its unit: faults are sized in multiples of it.
    [[nodiscard]] virtual double faultScale(int channel) const = 0;
    // The direction a fault pushes the channel (+1 up, -1 down), e.g. a leak lowers pressure.
    [[nodiscard]] virtual double faultSign(int channel) const = 0;

    // The spacecraft, ev or generic model for this profile (chosen by its name and channel ids).
    [[nodiscard]] static std::unique_ptr<SimulatorModel> make(const Profile &profile,
                                                              std::uint64_t seed);
};

} // namespace fw
