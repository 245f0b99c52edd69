#include "simulator.h"

#include "evmodel.h"
#include "genericmodel.h"
#include "random.h"
#include "simulatormodel.h"
#include "spacecraftmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace fw {

namespace {

// Fault sizes in multiples of the channel's faultScale(): well beyond the nominal spread, and a
// drift only gets there by the end of its window.
constexpr double kDriftScales = 5;
constexpr double kStepScales = 4;
constexpr double kSpikeScales = 8;
constexpr double kOscillationScales = 3;
// Noise grows at least this much; for channels whose sensor noise is tiny next to their spread
// it grows to a fraction of the spread instead, or nothing could see it.
constexpr double kNoiseGain = 5;
constexpr double kNoiseSpread = 0.6;
// Spikes: about one every kSpikeSpacingS, each at least kSpikeWidthS wide and never narrower than
// one sample, so every spike is seen at any rate.
constexpr double kSpikeSpacingS = 2;
constexpr double kSpikeWidthS = 0.1;

constexpr std::uint64_t kNoiseStream = 0x6E6F697365ULL;
constexpr std::uint64_t kSpikeStream = 0x7370696B65ULL;

bool hasChannels(const Profile &profile, std::initializer_list<const char16_t *> ids)
{
    if (profile.channelCount() != int(ids.size())) {
        return false;
    }
    int i = 0;
    for (const char16_t *id : ids) {
        if (profile.channels[std::size_t(i++)].id != QStringView(id)) {
            return false;
        }
    }
    return true;
}

// The spike train of fault f at tau seconds into its window: 0 between spikes, else the size of
// the spike in units of kSpikeScales. Spike times are drawn per fault, not per sample, so they
// are the same at every rate.
double spikeSize(std::uint64_t seed, double rateHz, std::size_t f, const Fault &fault, double tau)
{
    const int count = std::max(3, int(std::lround(fault.durationS / kSpikeSpacingS)));
    const double slot = fault.durationS / count;
    const double halfWidth = std::max(kSpikeWidthS, 1 / rateHz) / 2;
    const int nearest = int(tau / slot);
    const int reach = int(std::ceil(halfWidth / slot)) + 1;
    for (int j = std::max(0, nearest - reach); j <= std::min(count - 1, nearest + reach); ++j) {
        const std::uint64_t key = Random::key(seed ^ kSpikeStream, f, std::uint64_t(j));
        const double at = (j + 0.2 + 0.6 * Random::hashUniform(key)) * slot;
        if (std::abs(tau - at) < halfWidth) {
            return 0.8 + 0.4 * Random::hashUniform(key + 1);
        }
    }
    return 0;
}

} // namespace

std::unique_ptr<SimulatorModel> SimulatorModel::make(const Profile &profile, std::uint64_t seed)
{
    const bool fourChannels
        = hasChannels(profile, {u"temperature", u"voltage", u"vibration", u"pressure"});
    if (fourChannels && profile.name == u"spacecraft") {
        return std::make_unique<SpacecraftModel>(seed);
    }
    if (fourChannels && profile.name == u"ev") {
        return std::make_unique<EvModel>(seed);
    }
    return std::make_unique<GenericModel>(profile, seed);
}

struct Simulator::State
{
    explicit State(std::uint64_t simulatorSeed, std::size_t channels, std::size_t faults)
        : seed(simulatorSeed)
        , noise(Random::key(simulatorSeed, kNoiseStream))
        , clean(channels)
        , draws(channels)
        , offset(channels)
        , gain(channels)
        , held(channels)
        , dropped(channels)
        , row(channels)
        , heldValue(faults)
        , heldOccurrence(faults, -1)
    {}

    std::uint64_t seed;
    Random noise;
    // Per channel, for the sample being made.
    std::vector<double> clean;
    std::vector<double> draws;
    std::vector<double> offset;
    std::vector<double> gain;
    std::vector<const double *> held;
    std::vector<std::uint8_t> dropped;
    std::vector<double> row;
    // Per fault: what a stuck sensor holds, and which repetition of the schedule it was taken in.
    std::vector<double> heldValue;
    std::vector<std::int64_t> heldOccurrence;
};

Simulator::Simulator(const Profile &profile, double rateHz, std::uint64_t seed, Scenario scenario,
                     double startTime)
    : m_profile(profile)
    , m_rateHz(std::isfinite(rateHz) && rateHz > 0 ? rateHz : profile.rateHz)
    , m_scenario(std::move(scenario))
    , m_startTime(startTime)
    , m_model(SimulatorModel::make(profile, seed))
    , m_state(std::make_unique<State>(seed, std::size_t(profile.channelCount()),
                                      m_scenario.faults.size()))
{}

Simulator::~Simulator() = default;

void Simulator::generate(std::size_t n, SampleBlock &out, std::vector<Label> *labels)
{
    State &s = *m_state;
    const int channels = m_profile.channelCount();
    const auto width = std::size_t(channels);
    out.reserve(out.size() + n);
    if (labels) {
        labels->reserve(labels->size() + n);
    }
    for (std::size_t k = 0; k < n; ++k, ++m_index) {
        // Relative time from the index, not from t - start, so that labels do not depend on how
        // the start time rounds.
        const double rel = double(m_index) / m_rateHz;
        m_model->evaluate(rel, s.clean);
        for (std::size_t c = 0; c < width; ++c) {
            // One draw per channel and sample whatever the faults do, so a fault leaves every
            // other channel and every sample outside its window exactly as in a nominal run.
            s.draws[c] = s.noise.normal();
            s.offset[c] = 0;
            s.gain[c] = 1;
            s.held[c] = nullptr;
            s.dropped[c] = 0;
        }
        Label label;
        for (std::size_t f = 0; f < m_scenario.faults.size(); ++f) {
            const Fault &fault = m_scenario.faults[f];
            if (fault.channel < 0 || fault.channel >= channels || fault.durationS <= 0) {
                continue;
            }
            double phase = rel;
            std::int64_t occurrence = 0;
            if (m_scenario.periodS > 0) {
                phase = std::fmod(rel, m_scenario.periodS);
                occurrence = std::llround((rel - phase) / m_scenario.periodS);
            }
            const double tau = phase - fault.onsetS;
            if (tau < 0 || tau >= fault.durationS) {
                continue;
            }
            if (!label.anomalous) {
                label = Label{true, fault.channel};
            }
            const auto c = std::size_t(fault.channel);
            const double scale = m_model->faultScale(fault.channel) * fault.magnitude;
            const double sign = m_model->faultSign(fault.channel);
            switch (fault.type) {
            case FaultType::Drift:
                s.offset[c] += sign * kDriftScales * scale * tau / fault.durationS;
                break;
            case FaultType::Step:
                s.offset[c] += sign * kStepScales * scale;
                break;
            case FaultType::Spike:
                s.offset[c]
                    += sign * spikeSize(s.seed, m_rateHz, f, fault, tau) * kSpikeScales * scale;
                break;
            case FaultType::Stuck:
                if (s.heldOccurrence[f] != occurrence) {
                    // Frozen at what the sensor read when it stuck, including that reading's
                    // noise and any earlier fault on the channel.
                    s.heldOccurrence[f] = occurrence;
                    s.heldValue[f] = s.clean[c] + s.offset[c]
                                     + s.gain[c] * m_model->noiseSigma(fault.channel) * s.draws[c];
                }
                s.held[c] = &s.heldValue[f];
                break;
            case FaultType::Oscillation: {
                const double period = std::clamp(fault.durationS / 6, 4.0, 30.0);
                s.offset[c]
                    += kOscillationScales * scale * std::sin(2 * std::numbers::pi * tau / period);
                break;
            }
            case FaultType::Noise: {
                const double sigma = m_model->noiseSigma(fault.channel);
                const double spread = kNoiseSpread * m_model->faultScale(fault.channel) / sigma;
                s.gain[c] *= std::max(1.0, fault.magnitude * std::max(kNoiseGain, spread));
                break;
            }
            case FaultType::Dropout:
                s.dropped[c] = 1;
                break;
            }
        }
        for (std::size_t c = 0; c < width; ++c) {
            if (s.dropped[c]) {
                s.row[c] = std::numeric_limits<double>::quiet_NaN();
            } else if (s.held[c]) {
                s.row[c] = *s.held[c];
            } else {
                s.row[c] = s.clean[c] + s.offset[c]
                           + s.gain[c] * m_model->noiseSigma(int(c)) * s.draws[c];
            }
        }
        out.append(m_startTime + rel, std::int64_t(m_index), s.row);
        if (labels) {
            labels->push_back(label);
        }
    }
}

} // namespace fw
