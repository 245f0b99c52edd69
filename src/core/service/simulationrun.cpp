#include "simulationrun.h"

#include "sim/corruptor.h"
#include "telemetry/encoder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>

#include <charconv>
#include <cstdio>
#include <thread>

namespace fw {

namespace {

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

void appendNumber(std::string &out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// Ground truth next to the data: one row per generated sample, corrupted or not.
class LabelWriter
{
public:
    bool open(const QString &path, QString *error)
    {
        m_file = std::fopen(path.toLocal8Bit().constData(), "wb");
        if (!m_file) {
            *error = QStringLiteral("cannot write labels %1").arg(path);
            return false;
        }
        std::fputs("t,seq,label,channel\n", m_file);
        return true;
    }
    ~LabelWriter()
    {
        if (m_file) {
            std::fclose(m_file);
        }
    }
    LabelWriter() = default;
    LabelWriter(const LabelWriter &) = delete;
    LabelWriter &operator=(const LabelWriter &) = delete;

    void write(const SampleBlock &block, const std::vector<Label> &labels, const Profile &profile)
    {
        if (!m_file) {
            return;
        }
        m_line.clear();
        for (std::size_t row = 0; row < block.size(); ++row) {
            appendNumber(m_line, block.t(row));
            m_line += ',';
            m_line += std::to_string(block.seq(row));
            m_line += labels[row].anomalous ? ",1," : ",0,";
            if (labels[row].channel >= 0) {
                m_line += profile.channels[std::size_t(labels[row].channel)].id.toStdString();
            }
            m_line += '\n';
        }
        std::fwrite(m_line.data(), 1, m_line.size(), m_file);
    }

private:
    std::FILE *m_file = nullptr;
    std::string m_line;
};

} // namespace

SimulationRun::SimulationRun(SimulationOptions options)
    : m_options(std::move(options))
{
    if (m_options.rateHz <= 0) {
        m_options.rateHz = m_options.profile.rateHz;
    }
}

bool SimulationRun::isCorrupted(std::uint64_t seed, std::uint64_t index, double fraction)
{
    if (fraction <= 0) {
        return false;
    }
    const double u = double(mix(seed * 0x100000001B3ULL ^ mix(index)) >> 11) * 0x1.0p-53;
    return u < fraction;
}

bool SimulationRun::run(QString *error)
{
    const SimulationOptions &o = m_options;
    ScenarioOptions scenarioOptions = o.scenarioOptions;
    scenarioOptions.runDurationS = o.durationS;
    const auto scenario
        = Scenario::make(o.scenario.isEmpty() ? QStringLiteral("nominal") : o.scenario, o.profile,
                         scenarioOptions, error);
    if (!scenario) {
        return false;
    }
    m_summary.scenario = *scenario;
    auto sink = Sink::open(o.to, o.sink, error);
    if (!sink) {
        return false;
    }
    LabelWriter labels;
    if (!o.labelsPath.isEmpty() && !labels.open(o.labelsPath, error)) {
        return false;
    }
    m_summary.started = true;
    const double start = std::isnan(o.startTime)
                             ? double(QDateTime::currentMSecsSinceEpoch()) / 1000.0
                             : o.startTime;
    Simulator simulator(o.profile, o.rateHz, o.seed, *scenario, start);
    const auto encoder = makeEncoder(o.format, o.profile);
    Corruptor corruptor(o.format, o.profile, o.seed);
    const std::string header = encoder->header();
    const auto total = std::uint64_t(std::llround(o.durationS * o.rateHz));
    // A late UDP listener has only what it receives, so a csv header is repeated every second.
    const auto headerEvery = std::uint64_t(std::max(1.0, o.rateHz));

    SampleBlock block(o.profile.channelCount());
    std::vector<Label> blockLabels;
    std::string record;
    QElapsedTimer clock;
    clock.start();
    bool ok = true;
    while (ok && m_summary.sent < total && !m_stop.load(std::memory_order_relaxed)) {
        std::uint64_t due = total;
        if (o.realTime) {
            due = std::min(total,
                           std::uint64_t(double(clock.nsecsElapsed()) * 1e-9 * o.rateHz) + 1);
        } else {
            due = std::min(total, m_summary.sent + 4096);
        }
        if (due > m_summary.sent) {
            block.clear();
            blockLabels.clear();
            simulator.generate(due - m_summary.sent, block, &blockLabels);
            labels.write(block, blockLabels, o.profile);
            for (std::size_t row = 0; ok && row < block.size(); ++row) {
                const std::uint64_t index = m_summary.sent;
                if (!header.empty()
                    && (index == 0 || (sink->isDatagram() && index % headerEvery == 0))) {
                    ok = sink->write(header);
                }
                record.clear();
                encoder->encode(block, row, record);
                if (isCorrupted(o.seed, index, o.corruptFraction)) {
                    corruptor.corrupt(record);
                    ++m_summary.corrupted;
                }
                ok = ok && sink->write(record);
                ++m_summary.sent;
            }
            ok = ok && sink->flush();
        }
        if (o.realTime && ok && m_summary.sent < total) {
            const double nextDue = double(m_summary.sent) / o.rateHz;
            const double wait = nextDue - double(clock.nsecsElapsed()) * 1e-9;
            std::this_thread::sleep_for(
                std::chrono::duration<double>(std::clamp(wait, 0.0002, 0.05)));
        }
    }
    ok = ok && sink->flush();
    m_summary.bytes = sink->bytes();
    m_summary.datagrams = sink->datagrams();
    m_summary.unsent = sink->unsent();
    m_summary.elapsedS = double(clock.nsecsElapsed()) * 1e-9;
    if (!ok) {
        *error = sink->errorString();
    }
    return ok;
}

QJsonObject SimulationSummary::toJson(const Profile &profile,
                                      const SimulationOptions &options) const
{
    QJsonArray faults;
    for (const Fault &fault : scenario.faults) {
        faults.append(QJsonObject{
            {QStringLiteral("type"), faultTypeName(fault.type)},
            {QStringLiteral("channel"), profile.channels[std::size_t(fault.channel)].id},
            {QStringLiteral("onset_s"), fault.onsetS},
            {QStringLiteral("duration_s"), fault.durationS},
        });
    }
    return QJsonObject{
        {QStringLiteral("sent"), qint64(sent)},
        {QStringLiteral("corrupted"), qint64(corrupted)},
        {QStringLiteral("bytes"), qint64(bytes)},
        {QStringLiteral("datagrams"), qint64(datagrams)},
        {QStringLiteral("unsent"), qint64(unsent)},
        {QStringLiteral("elapsed_s"), elapsedS},
        {QStringLiteral("rate_hz"), options.rateHz},
        {QStringLiteral("format"), wireFormatName(options.format)},
        {QStringLiteral("profile"), profile.name},
        {QStringLiteral("scenario"), scenario.name},
        {QStringLiteral("faults"), faults},
    };
}

} // namespace fw
