#include "genericmodel.h"

#include "random.h"
#include "telemetry/profile.h"

#include <cmath>
#include <numbers>

namespace fw {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;
constexpr double kWalkAmplitude = 0.22; // of the half width: ~3.5 deviations stay inside
constexpr double kWaveAmplitude = 0.1;
constexpr double kNoiseFraction = 0.02;
constexpr double kScaleFraction = 0.2;
constexpr double kAlarmNarrowing = 0.6;

enum Stream : std::uint64_t { Shape = 1, Shared, Walk };

} // namespace

GenericModel::GenericModel(const Profile &profile, std::uint64_t seed)
    : m_seed(seed)
{
    for (int i = 0; i < profile.channelCount(); ++i) {
        const Channel &channel = profile.channels[std::size_t(i)];
        ChannelShape shape;
        if (channel.warn) {
            shape.centre = (channel.warn->low + channel.warn->high) / 2;
            shape.halfWidth = (channel.warn->high - channel.warn->low) / 2;
        } else if (channel.alarm) {
            shape.centre = (channel.alarm->low + channel.alarm->high) / 2;
            shape.halfWidth = kAlarmNarrowing * (channel.alarm->high - channel.alarm->low) / 2;
        }
        const auto draw = [&](std::uint64_t which) {
            return Random::hashUniform(Random::key(seed, Shape, std::uint64_t(i) * 8 + which));
        };
        shape.walkSpacingS = 30 + 60 * draw(0);
        shape.periodS = 200 + 600 * draw(1);
        shape.phase = kTwoPi * draw(2);
        shape.shared = 0.4 + 0.4 * draw(3);
        m_channels.push_back(shape);
    }
}

void GenericModel::evaluate(double relS, std::span<double> values)
{
    const double shared = Random::smoothNoise(Random::key(m_seed, Shared), relS, 120);
    for (std::size_t i = 0; i < m_channels.size(); ++i) {
        const ChannelShape &shape = m_channels[i];
        const double own
            = Random::smoothNoise(Random::key(m_seed, Walk, i), relS, shape.walkSpacingS);
        // Weights with unit sum of squares keep the mix at the scale of its parts.
        const double walk
            = shape.shared * shared + std::sqrt(1 - shape.shared * shape.shared) * own;
        const double wave = std::sin(kTwoPi * relS / shape.periodS + shape.phase);
        values[i]
            = shape.centre + shape.halfWidth * (kWalkAmplitude * walk + kWaveAmplitude * wave);
    }
}

double GenericModel::noiseSigma(int channel) const
{
    return kNoiseFraction * m_channels[std::size_t(channel)].halfWidth;
}

double GenericModel::faultScale(int channel) const
{
    return kScaleFraction * m_channels[std::size_t(channel)].halfWidth;
}

double GenericModel::faultSign(int /*channel*/) const
{
    return 1;
}

} // namespace fw
