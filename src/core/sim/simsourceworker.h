#pragma once

#include "io/sourceworker.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <memory>

class QTimer;

namespace fw {

class Simulator;

// sim://PROFILE: the built-in simulator as a live source. Lives on the source thread. Sample i
// has t = (Unix time at open) + i / rate; every kTickMs it makes all samples due by the
// monotonic clock, so the rate holds over time whatever the timer's jitter. A fault scenario
// repeats every kSchedulePeriodS, so a demo shows faults within half a minute of start and again
// and again; "mixed" goes through every fault type in that period.
class SimSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimSourceWorker)

public:
    static constexpr int kTickMs = 10;
    static constexpr double kSchedulePeriodS = 240;
    static constexpr double kMaxRateHz = 1e6;

    // rateHz 0: the profile's rate; scenario empty: nominal.
    SimSourceWorker(Profile profile, double rateHz, QString scenario, std::uint64_t seed,
                    std::shared_ptr<SourceCounters> counters);
    ~SimSourceWorker() override;

    // How often a fault scenario repeats (default kSchedulePeriodS); tests shorten it. Call
    // before the source starts.
    void setSchedulePeriodS(double periodS) { m_schedulePeriodS = periodS; }

protected:
    void open() override;
    void close() override;

private:
    void tick();

    double m_rateHz;
    QString m_scenario;
    std::uint64_t m_seed;
    double m_schedulePeriodS = kSchedulePeriodS;
    std::unique_ptr<Simulator> m_simulator;
    QTimer *m_timer = nullptr; // child of this, on the source thread
    QElapsedTimer m_clock;
};

} // namespace fw
