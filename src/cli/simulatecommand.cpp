#include "commands.h"
#include "options.h"
#include "service/simulationrun.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>

namespace fw::cli {

namespace {

// The run being made, for the signal handler: SIGINT/SIGTERM end it cleanly with a summary.
SimulationRun *g_run = nullptr;

void stopRun(int)
{
    if (g_run) {
        g_run->requestStop();
    }
}

QCommandLineOption option(const char *name, const char *description, const char *value = nullptr)
{
    const QString text = QCoreApplication::translate("simulate", description);
    return value ? QCommandLineOption(QString::fromLatin1(name), text, QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), text);
}

// As many as one serve keeps streams of (StreamTable::kDefaultLimit).
constexpr std::uint64_t kMaxVehicles = 100000;

} // namespace

int simulate(const QStringList &arguments)
{
    const QString command = QStringLiteral("simulate");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "simulate",
        "Generates physically plausible telemetry for a profile, with optional faults, and sends "
        "it to a receiver or a file. Prints one JSON summary line at exit."));
    parser.addHelpOption();
    parser.addOptions({
        option("profile", "Profile: spacecraft, ev or a profile file (default spacecraft).", "P"),
        option("to",
               "Where to send: udp://HOST:PORT, tcp://HOST:PORT (connect), "
               "tcp-listen://HOST:PORT (wait for receivers), mqtt://HOST:PORT/TOPIC (publish), a "
               "file path, or - for stdout.",
               "URI"),
        option("format",
               "Wire format: jsonl, csv or ccsds (default: the URI's, a file's extension, else "
               "jsonl).",
               "F"),
        option("rate", "Samples per second (default: the profile's rate).", "HZ"),
        option("duration", "Seconds of telemetry to send (default 60).", "S"),
        option("seed", "Random seed; the same seed gives the same samples (default 1).", "N"),
        option("scenario",
               "nominal, mixed, or a fault: drift, step, spike, stuck, oscillation, "
               "noise, dropout, optionally with :CHANNEL (default nominal).",
               "NAME"),
        option("onset", "Seconds from the start to the fault (default 30 % of the duration).", "S"),
        option("fault-duration", "How long the fault lasts (default 20 % of the duration).", "S"),
        option("magnitude", "Fault size relative to its default (default 1).", "X"),
        option("labels", "Write per-sample ground truth (t,seq,label,channel) to FILE.", "FILE"),
        option("corrupt", "Fraction of records sent malformed (0-1, default 0).", "FRACTION"),
        option("start", "Time of the first sample, Unix seconds (default now).", "T"),
        option("fast", "Send as fast as possible instead of in real time (default for files)."),
        option("datagram-bytes",
               "UDP: largest datagram payload; MQTT: largest message (default 1400).", "N"),
        option("vehicles",
               "A fleet of N vehicles (v0001, v0002, ...), each its own stream: on mqtt://, "
               "published to the topic of --to with {vehicle} replaced by the name; elsewhere, "
               "each record names its vehicle in a 'vehicle' field (jsonl, csv) or by its APID, "
               "counted up from the profile's (ccsds).",
               "N"),
        option("fault-vehicle",
               "The vehicle that runs --scenario; the others are nominal (default 1).", "K"),
        option("publish-every",
               "Fleet: each vehicle publishes what it generated over S seconds in one message "
               "(default: every sample).",
               "S"),
        option("connect-timeout",
               "tcp: seconds to keep trying to connect; tcp-listen: to wait "
               "for a receiver (default 10).",
               "S"),
    });
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(command, QStringLiteral("unexpected argument '%1'")
                                .arg(parser.positionalArguments().constFirst()));
        return kExitUsage;
    }
    if (!parser.isSet(QStringLiteral("to"))) {
        printError(command,
                   QStringLiteral("--to is required (udp://HOST:PORT, tcp://..., a file)"));
        return kExitUsage;
    }

    const std::optional<Profile> profile = profileOption(parser, command);
    if (!profile) {
        return kExitUsage;
    }
    QString error;
    SimulationOptions options;
    options.profile = *profile;
    options.to = parser.value(QStringLiteral("to"));
    const bool toNetwork = options.to.startsWith(u"udp://") || options.to.startsWith(u"tcp")
                           || options.to.startsWith(u"mqtt://");
    if (parser.isSet(QStringLiteral("format"))) {
        const auto format = wireFormatFromName(parser.value(QStringLiteral("format")));
        if (!format) {
            printError(command, QStringLiteral("--format: expected jsonl, csv or ccsds, got '%1'")
                                    .arg(parser.value(QStringLiteral("format"))));
            return kExitUsage;
        }
        options.format = *format;
    } else if (options.to.contains(u"://")) {
        const auto uri = SourceUri::parse(options.to, &error);
        if (!uri) {
            printError(command, QStringLiteral("--to: %1").arg(error));
            return kExitUsage;
        }
        options.format = uri->format;
    } else if (const auto byExtension = wireFormatFromExtension(options.to)) {
        // A file is written in the format its name says, as replay will read it back.
        options.format = *byExtension;
    }
    const auto rate = numberOption(parser, QStringLiteral("rate"), profile->rateHz, 1e-3, 1e7);
    const auto duration = numberOption(parser, QStringLiteral("duration"), 60, 0, 1e7);
    const auto seed = integerOption(parser, QStringLiteral("seed"), 1);
    const auto corrupt = numberOption(parser, QStringLiteral("corrupt"), 0, 0, 1);
    const auto magnitude = numberOption(parser, QStringLiteral("magnitude"), 1, 0, 1e3);
    const auto start = numberOption(parser, QStringLiteral("start"), std::nan(""), -1e12, 1e12);
    const auto datagram = numberOption(parser, QStringLiteral("datagram-bytes"), 1400, 64, 65507);
    const auto timeout = numberOption(parser, QStringLiteral("connect-timeout"), 10, 0, 86400);
    const auto onset = numberOption(parser, QStringLiteral("onset"), -1, 0, 1e9);
    const auto faultDuration = numberOption(parser, QStringLiteral("fault-duration"), -1, 0, 1e9);
    const auto vehicles = integerOption(parser, QStringLiteral("vehicles"), 0, 0, kMaxVehicles);
    const auto faultVehicle
        = integerOption(parser, QStringLiteral("fault-vehicle"), 1, 1, kMaxVehicles);
    const auto publishEvery = numberOption(parser, QStringLiteral("publish-every"), 0, 0, 3600);
    if (!rate || !duration || !seed || !corrupt || !magnitude || !start || !datagram || !timeout
        || !onset || !faultDuration || !vehicles || !faultVehicle || !publishEvery) {
        return kExitUsage;
    }
    options.rateHz = *rate;
    options.durationS = *duration;
    options.seed = *seed;
    options.corruptFraction = *corrupt;
    options.startTime = *start;
    options.scenario = parser.value(QStringLiteral("scenario"));
    options.scenarioOptions.magnitude = *magnitude;
    if (*onset >= 0) {
        options.scenarioOptions.onsetS = *onset;
    }
    if (*faultDuration >= 0) {
        options.scenarioOptions.faultDurationS = *faultDuration;
    }
    options.labelsPath = parser.value(QStringLiteral("labels"));
    options.realTime = toNetwork && !parser.isSet(QStringLiteral("fast"));
    options.sink.datagramBytes = int(*datagram);
    options.sink.connectTimeoutMs = int(*timeout * 1000);
    options.vehicles = int(*vehicles);
    options.faultVehicle = int(*faultVehicle);
    options.publishEveryS = *publishEvery;

    SimulationRun run(options);
    g_run = &run;
    std::signal(SIGINT, stopRun);
    std::signal(SIGTERM, stopRun);
    const bool ok = run.run(&error);
    g_run = nullptr;
    if (!run.summary().started) {
        printError(command, error);
        return kExitFailure;
    }
    const QJsonObject summary = run.summary().toJson(*profile, run.options());
    // The summary goes to stderr when the samples themselves go to stdout.
    QTextStream stream(options.to == u"-" ? stderr : stdout);
    stream << QJsonDocument(summary).toJson(QJsonDocument::Compact) << "\n";
    if (!ok) {
        printError(command, error);
        return kExitFailure;
    }
    return 0;
}

} // namespace fw::cli
