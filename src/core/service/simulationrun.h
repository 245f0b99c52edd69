#pragma once

#include "io/sink.h"
#include "sim/simulator.h"
#include "telemetry/profile.h"
#include "telemetry/wireformat.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cmath>
#include <cstdint>

namespace fw {

struct SimulationOptions
{
    Profile profile;
    QString to; // a Sink target
    WireFormat format = WireFormat::Jsonl;
    double rateHz = 0; // 0: the profile's rate
    double durationS = 60;
    std::uint64_t seed = 1;
    QString scenario; // Scenario::make spec; empty = nominal
    ScenarioOptions scenarioOptions;
    QString labelsPath; // empty: no labels
    double corruptFraction = 0;
    double startTime = std::nan(""); // NaN: the current time
    bool realTime = true;            // pace samples by the clock, else as fast as possible
    Sink::Options sink;
    // A fleet: > 0 vehicles, each its own simulator (seed + index − 1) publishing to the MQTT
    // topic `to` names with {vehicle} replaced by its name (vehicleName). Only faultVehicle
    // (1-based) runs the scenario; the others are nominal. Each vehicle sends what it generated
    // over publishEveryS in one message (at least one sample).
    int vehicles = 0;
    int faultVehicle = 1;
    double publishEveryS = 0;
};

// "v0001" … : vehicle `index` (1-based) of `count`, zero-padded so names sort in order.
[[nodiscard]] QString vehicleName(int index, int count);

struct SimulationSummary
{
    bool started = false;   // the scenario was valid and the sink opened
    std::uint64_t sent = 0; // records sent, corrupted ones included
    std::uint64_t corrupted = 0;
    std::uint64_t bytes = 0;
    std::uint64_t datagrams = 0;
    std::uint64_t unsent = 0; // records let go while an MQTT broker was away (of sent)
    std::uint64_t vehicles = 0;
    double elapsedS = 0;
    Scenario scenario;

    [[nodiscard]] QJsonObject toJson(const Profile &profile,
                                     const SimulationOptions &options) const;
};

// One `faultwatch-cli simulate` run: generates the scenario, encodes each sample, corrupts the
// requested fraction of records and sends them through a Sink, paced in real time or not.
// Runs on the calling thread; requestStop() may be called from a signal handler.
class SimulationRun
{
public:
    explicit SimulationRun(SimulationOptions options);

    // Returns false with the reason in *error when it could not start or the sink failed; the
    // summary then still tells what was sent.
    bool run(QString *error);
    void requestStop() { m_stop.store(true, std::memory_order_relaxed); }

    [[nodiscard]] const SimulationSummary &summary() const { return m_summary; }
    [[nodiscard]] const SimulationOptions &options() const { return m_options; }

    // Whether record `index` of a run with this seed is corrupted: deterministic, and exactly
    // reproducible by tests.
    [[nodiscard]] static bool isCorrupted(std::uint64_t seed, std::uint64_t index, double fraction);

private:
    class Feed;
    bool runOne(const Scenario &scenario, Feed &feed, QString *error);
    bool runFleet(const Scenario &scenario, const QString &topic, Feed &feed, QString *error);

    SimulationOptions m_options;
    SimulationSummary m_summary;
    std::atomic<bool> m_stop{false};
};

} // namespace fw
