#pragma once

#include "telemetry/profile.h"
#include "telemetry/sampleblock.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace fw {

enum class FaultType { Drift, Step, Spike, Stuck, Oscillation, Noise, Dropout };

[[nodiscard]] std::optional<FaultType> faultTypeFromName(QStringView name);
[[nodiscard]] QString faultTypeName(FaultType type);
[[nodiscard]] QStringList faultTypeNames();

struct Fault
{
    FaultType type = FaultType::Drift;
    int channel = 0;   // index into the profile's channels
    double onsetS = 0; // seconds after the start of the run (of each period when looping)
    double durationS = 0;
    double magnitude = 1; // scale of the fault relative to its default size
};

// Ground truth for one sample.
struct Label
{
    bool anomalous = false;
    int channel = -1; // the faulty channel, -1 when nominal
};

struct ScenarioOptions
{
    double runDurationS = 600; // used to place default onsets
    std::optional<double> onsetS;
    std::optional<double> faultDurationS;
    double magnitude = 1;
};

struct Scenario
{
    QString name = QStringLiteral("nominal");
    std::vector<Fault> faults;
    double periodS = 0; // > 0: the fault schedule repeats with this period

    // spec: "nominal", a fault type ("drift", "stuck:voltage", ...), or "mixed" (every type in
    // turn on changing channels). Unknown names or channels are refused with a message.
    [[nodiscard]] static std::optional<Scenario> make(const QString &spec, const Profile &profile,
                                                      const ScenarioOptions &options,
                                                      QString *error);
    [[nodiscard]] static QStringList names();
};

class SimulatorModel;

// Deterministic telemetry: the same profile, rate, seed and scenario give the same values.
// Physics per profile: "spacecraft" (orbit with eclipse), "ev" (drive cycles), anything else a
// generic correlated model inside each channel's warn limits.
class Simulator
{
public:
    Simulator(const Profile &profile, double rateHz, std::uint64_t seed, Scenario scenario,
              double startTime);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    // Appends the next n samples: t = startTime + i / rate, seq = i. Labels, if given, get one
    // entry per sample.
    void generate(std::size_t n, SampleBlock &out, std::vector<Label> *labels = nullptr);

    [[nodiscard]] std::uint64_t generated() const { return m_index; }
    [[nodiscard]] const Scenario &scenario() const { return m_scenario; }
    [[nodiscard]] double rateHz() const { return m_rateHz; }

private:
    Profile m_profile;
    double m_rateHz;
    Scenario m_scenario;
    double m_startTime;
    std::uint64_t m_index = 0;
    std::unique_ptr<SimulatorModel> m_model;
    struct State; // sensor-noise generator, per-fault state and scratch rows
    std::unique_ptr<State> m_state;
};

} // namespace fw
