#include "simsourceworker.h"

#include "simulator.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace fw {

SimSourceWorker::SimSourceWorker(Profile profile, double rateHz, QString scenario,
                                 std::uint64_t seed, std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), WireFormat::Jsonl, std::move(counters))
    , m_rateHz(rateHz > 0 ? rateHz : this->profile().rateHz)
    , m_scenario(scenario.isEmpty() ? QStringLiteral("nominal") : std::move(scenario))
    , m_seed(seed)
{}

SimSourceWorker::~SimSourceWorker() = default;

void SimSourceWorker::open()
{
    if (!std::isfinite(m_rateHz) || m_rateHz <= 0 || m_rateHz > kMaxRateHz) {
        fail(QStringLiteral("sim://%1: rate must be above 0 and at most %2 Hz")
                 .arg(profile().name)
                 .arg(kMaxRateHz));
        return;
    }
    ScenarioOptions options;
    options.runDurationS = m_schedulePeriodS;
    QString error;
    std::optional<Scenario> scenario = Scenario::make(m_scenario, profile(), options, &error);
    if (!scenario) {
        fail(QStringLiteral("sim://%1: %2").arg(profile().name, error));
        return;
    }
    if (!scenario->faults.empty()) {
        scenario->periodS = m_schedulePeriodS;
    }
    const double start = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    m_simulator
        = std::make_unique<Simulator>(profile(), m_rateHz, m_seed, std::move(*scenario), start);
    m_clock.start();
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &SimSourceWorker::tick);
    m_timer->start();
    tick(); // sample 0 is due at once
}

void SimSourceWorker::close()
{
    if (m_timer) {
        m_timer->stop();
    }
}

void SimSourceWorker::tick()
{
    if (!m_simulator) {
        return;
    }
    const double elapsedS = double(m_clock.nsecsElapsed()) * 1e-9;
    const auto due = std::uint64_t(std::floor(elapsedS * m_rateHz)) + 1;
    SampleBlock block(profile().channelCount());
    // In bounded blocks, so catching up after a stall does not build one huge block.
    while (m_simulator->generated() < due) {
        const std::uint64_t n
            = std::min<std::uint64_t>(due - m_simulator->generated(), SourceWorker::kMaxBlockRows);
        block.clear();
        m_simulator->generate(std::size_t(n), block);
        ingestBlock(block);
    }
}

} // namespace fw
