#pragma once

#include "simulatormodel.h"

#include <vector>

namespace fw {

struct Profile;

// Any profile without a physical model (user files, skab): each channel wanders around the
// centre of its warn range (its alarm range, narrowed, or 0..1 without limits) as a mix of a
// factor shared by all channels, its own slow random walk and a slow sinusoid, so channels are
// correlated and stay inside the warn range.
class GenericModel : public SimulatorModel
{
public:
    GenericModel(const Profile &profile, std::uint64_t seed);

    void evaluate(double relS, std::span<double> values) override;
    [[nodiscard]] double noiseSigma(int channel) const override;
    [[nodiscard]] double faultScale(int channel) const override;
    [[nodiscard]] double faultSign(int channel) const override;

private:
    struct ChannelShape
    {
        double centre = 0.5;
        double halfWidth = 0.5;
        double walkSpacingS = 60;
        double periodS = 400;
        double phase = 0;
        double shared = 0.6; // weight of the shared factor
    };

    std::uint64_t m_seed;
    std::vector<ChannelShape> m_channels;
};

} // namespace fw
