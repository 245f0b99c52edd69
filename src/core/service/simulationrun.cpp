#include "simulationrun.h"

#include "io/sourceuri.h"
#include "sim/corruptor.h"
#include "telemetry/ccsdsformat.h"
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

// What every simulated stream shares: the sink, the encoder, the corruptor and the labels.
class SimulationRun::Feed
{
public:
    Feed(const SimulationOptions &options, Sink &sink, SimulationSummary &summary)
        : m_options(options)
        , m_sink(sink)
        , m_summary(summary)
        , m_encoder(makeEncoder(options.format, options.profile))
        , m_corruptor(options.format, options.profile, options.seed)
        , m_header(m_encoder->header())
        // A late UDP listener has only what it receives, so a csv header is repeated every second.
        , m_headerEvery(std::uint64_t(std::max(1.0, options.rateHz)))
    {}

    LabelWriter labels;

    // Sends the block's rows as records; `index` counts the stream's records so far (its seed
    // picks which are corrupted).
    bool send(const SampleBlock &block, std::uint64_t seed, std::uint64_t &index)
    {
        bool ok = true;
        for (std::size_t row = 0; ok && row < block.size(); ++row, ++index) {
            // Vehicles that share one stream share its header too.
            const bool first = index == 0 && !(m_namesVehicles && m_headerSent);
            if (!m_header.empty()
                && (first || (m_sink.isDatagram() && index % m_headerEvery == 0))) {
                ok = m_sink.write(m_header);
                m_headerSent = true;
            }
            m_record.clear();
            m_encoder->encode(block, row, m_record);
            if (m_namesVehicles) {
                nameVehicle(m_record);
            }
            if (isCorrupted(seed, index, m_options.corruptFraction)) {
                m_corruptor.corrupt(m_record);
                ++m_summary.corrupted;
            }
            ok = ok && m_sink.write(m_record);
            ++m_summary.sent;
        }
        return ok;
    }

    [[nodiscard]] Sink &sink() { return m_sink; }

    // A fleet on one connection or file: each record names its vehicle, in a `vehicle` field
    // (jsonl, csv: a last column) or, for ccsds, by an APID counted up from the profile's.
    void nameVehicles()
    {
        m_namesVehicles = true;
        if (!m_header.empty()) {
            m_header.insert(m_header.size() - 1, ",vehicle");
        }
    }
    void setVehicle(const QString &name, int apid)
    {
        m_vehicle = name.toStdString();
        m_apid = apid;
    }

private:
    void nameVehicle(std::string &record) const
    {
        switch (m_options.format) {
        case WireFormat::Jsonl:
            record.insert(1, "\"vehicle\":\"" + m_vehicle + "\",");
            break;
        case WireFormat::Csv:
            record.insert(record.size() - 1, "," + m_vehicle);
            break;
        case WireFormat::Ccsds: {
            // Word 0: version, type and secondary header flag kept, the APID replaced.
            const auto word0 = std::uint16_t(((std::uint8_t(record[0]) << 8) & ~ccsds::kApidMask)
                                             | unsigned(m_apid));
            record[0] = char(word0 >> 8);
            record[1] = char(word0 & 0xFF);
            break;
        }
        }
    }

    const SimulationOptions &m_options;
    Sink &m_sink;
    SimulationSummary &m_summary;
    std::unique_ptr<Encoder> m_encoder;
    Corruptor m_corruptor;
    std::string m_header;
    std::uint64_t m_headerEvery;
    std::string m_record;
    bool m_namesVehicles = false;
    bool m_headerSent = false;
    std::string m_vehicle;
    int m_apid = 0;
};

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
    if (o.vehicles > 0 && (o.faultVehicle < 1 || o.faultVehicle > o.vehicles)) {
        *error = QStringLiteral("the fault vehicle must be one of 1 to %1").arg(o.vehicles);
        return false;
    }
    // The topic as the sink will publish it (percent-decoded), not the text of the URI; checked
    // before the sink connects.
    std::optional<SourceUri> uri;
    if (o.vehicles > 0 && o.to.startsWith(QStringLiteral("mqtt://"), Qt::CaseInsensitive)) {
        uri = SourceUri::parse(o.to, error);
        if (!uri || !uri->topic.contains(QStringLiteral("{vehicle}"))) {
            *error = QStringLiteral(
                "a fleet publishes to mqtt://HOST:PORT/TOPIC with {vehicle} in the topic, e.g. "
                "mqtt://127.0.0.1:1883/fleet/{vehicle}/telemetry");
            return false;
        }
    }
    if (const int lastApid = o.profile.apid + o.vehicles - 1;
        o.vehicles > 0 && !uri && o.format == WireFormat::Ccsds && lastApid >= ccsds::kIdleApid) {
        *error
            = QStringLiteral("a ccsds fleet gives each vehicle an APID from the profile's %1 on, "
                             "and %2 vehicles would need APIDs up to %3 (at most %4)")
                  .arg(o.profile.apid)
                  .arg(o.vehicles)
                  .arg(lastApid)
                  .arg(ccsds::kIdleApid - 1);
        return false;
    }
    auto sink = Sink::open(o.to, o.sink, error);
    if (!sink) {
        return false;
    }
    Feed feed(o, *sink, m_summary);
    if (o.vehicles > 0 && !uri) {
        feed.nameVehicles();
    }
    if (!o.labelsPath.isEmpty() && !feed.labels.open(o.labelsPath, error)) {
        return false;
    }
    m_summary.started = true;
    QElapsedTimer clock;
    clock.start();
    const bool ok = o.vehicles > 0 ? runFleet(*scenario, uri ? uri->topic : QString(), feed, error)
                                   : runOne(*scenario, feed, error);
    const bool flushed = ok && sink->flush();
    m_summary.bytes = sink->bytes();
    m_summary.datagrams = sink->datagrams();
    m_summary.unsent = sink->unsent();
    m_summary.elapsedS = double(clock.nsecsElapsed()) * 1e-9;
    if (ok && !flushed) {
        *error = sink->errorString();
    }
    return flushed;
}

bool SimulationRun::runOne(const Scenario &scenario, Feed &feed, QString *error)
{
    const SimulationOptions &o = m_options;
    const double start = std::isnan(o.startTime)
                             ? double(QDateTime::currentMSecsSinceEpoch()) / 1000.0
                             : o.startTime;
    Simulator simulator(o.profile, o.rateHz, o.seed, scenario, start);
    const auto total = std::uint64_t(std::llround(o.durationS * o.rateHz));
    SampleBlock block(o.profile.channelCount());
    std::vector<Label> blockLabels;
    std::uint64_t index = 0;
    QElapsedTimer clock;
    clock.start();
    bool ok = true;
    while (ok && index < total && !m_stop.load(std::memory_order_relaxed)) {
        std::uint64_t due = total;
        if (o.realTime) {
            due = std::min(total,
                           std::uint64_t(double(clock.nsecsElapsed()) * 1e-9 * o.rateHz) + 1);
        } else {
            due = std::min(total, index + 4096);
        }
        if (due > index) {
            block.clear();
            blockLabels.clear();
            simulator.generate(due - index, block, &blockLabels);
            feed.labels.write(block, blockLabels, o.profile);
            ok = feed.send(block, o.seed, index) && feed.sink().flush();
        }
        if (o.realTime && ok && index < total) {
            const double nextDue = double(index) / o.rateHz;
            const double wait = nextDue - double(clock.nsecsElapsed()) * 1e-9;
            std::this_thread::sleep_for(
                std::chrono::duration<double>(std::clamp(wait, 0.0002, 0.05)));
        }
    }
    if (!ok) {
        *error = feed.sink().errorString();
    }
    return ok;
}

bool SimulationRun::runFleet(const Scenario &scenario, const QString &topic, Feed &feed,
                             QString *error)
{
    const SimulationOptions &o = m_options;
    const double start = std::isnan(o.startTime)
                             ? double(QDateTime::currentMSecsSinceEpoch()) / 1000.0
                             : o.startTime;
    struct Vehicle
    {
        std::unique_ptr<Simulator> simulator;
        std::string topic; // empty: the records name their vehicle
        QString name;
        std::uint64_t index = 0; // records sent
    };
    std::vector<Vehicle> vehicles(std::size_t(o.vehicles));
    for (int i = 1; i <= o.vehicles; ++i) {
        Vehicle &vehicle = vehicles[std::size_t(i - 1)];
        const std::uint64_t seed = o.seed + std::uint64_t(i - 1);
        vehicle.simulator = std::make_unique<Simulator>(
            o.profile, o.rateHz, seed, i == o.faultVehicle ? scenario : Scenario{}, start);
        vehicle.name = vehicleName(i, o.vehicles);
        vehicle.topic
            = QString(topic).replace(QStringLiteral("{vehicle}"), vehicle.name).toStdString();
    }
    m_summary.vehicles = std::uint64_t(o.vehicles);
    const auto total = std::uint64_t(std::llround(o.durationS * o.rateHz)); // per vehicle
    const double every = std::max(o.publishEveryS, 1.0 / o.rateHz);
    const auto chunk = std::max<std::uint64_t>(1, std::uint64_t(std::llround(every * o.rateHz)));
    SampleBlock block(o.profile.channelCount());
    std::vector<Label> blockLabels;
    std::uint64_t done = 0; // samples generated per vehicle
    QElapsedTimer clock;
    clock.start();
    bool ok = true;
    while (ok && done < total && !m_stop.load(std::memory_order_relaxed)) {
        const double now = double(clock.nsecsElapsed()) * 1e-9;
        const std::uint64_t due
            = std::min(total, o.realTime ? std::uint64_t(now * o.rateHz) + 1 : done + chunk);
        for (std::size_t v = 0; ok && due > done && v < vehicles.size(); ++v) {
            Vehicle &vehicle = vehicles[v];
            const bool faulty = int(v) + 1 == o.faultVehicle;
            block.clear();
            blockLabels.clear();
            vehicle.simulator->generate(due - done, block, faulty ? &blockLabels : nullptr);
            if (faulty) {
                feed.labels.write(block, blockLabels, o.profile);
            }
            feed.setVehicle(vehicle.name, o.profile.apid + int(v));
            ok = (vehicle.topic.empty() || feed.sink().setTopic(vehicle.topic))
                 && feed.send(block, o.seed + v, vehicle.index);
        }
        ok = ok && feed.sink().flush();
        done = std::max(done, due);
        if (o.realTime && ok && done < total) {
            // Wakes at the next publication time, every vehicle's samples due by then in one go,
            // and no later than the last sample is due. In slices, so that a stop is prompt.
            const double last = double(total - 1) / o.rateHz;
            double elapsed = double(clock.nsecsElapsed()) * 1e-9;
            const double next = std::min((std::floor(elapsed / every) + 1) * every, last);
            while (elapsed < next && !m_stop.load(std::memory_order_relaxed)) {
                std::this_thread::sleep_for(
                    std::chrono::duration<double>(std::min(next - elapsed, 0.05)));
                elapsed = double(clock.nsecsElapsed()) * 1e-9;
            }
        }
    }
    if (!ok) {
        *error = feed.sink().errorString();
    }
    return ok;
}

QString vehicleName(int index, int count)
{
    const int width = std::max(4, int(QString::number(count).size()));
    return QStringLiteral("v%1").arg(index, width, 10, QLatin1Char('0'));
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
    QJsonObject json{
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
    if (vehicles > 0) {
        json.insert(QStringLiteral("vehicles"), qint64(vehicles));
        json.insert(QStringLiteral("fault_vehicle"),
                    vehicleName(options.faultVehicle, int(vehicles)));
    }
    return json;
}

} // namespace fw
