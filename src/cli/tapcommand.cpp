#include "commands.h"
#include "io/source.h"
#include "options.h"
#include "signalwatcher.h"
#include "telemetry/encoder.h"
#include "telemetry/profile.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace fw::cli {

namespace {

QJsonObject statsJson(const SourceStats &stats)
{
    QJsonObject errors;
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        const auto reason = DecodeError(i);
        errors.insert(QString::fromLatin1(decodeErrorName(reason)),
                      qint64(stats.decodeErrors.count(reason)));
    }
    return QJsonObject{
        {QStringLiteral("samples"), qint64(stats.samples)},
        {QStringLiteral("decode_errors"), errors},
        {QStringLiteral("lost"), qint64(stats.lost)},
        {QStringLiteral("duplicates"), qint64(stats.duplicates)},
        {QStringLiteral("out_of_order"), qint64(stats.outOfOrder)},
        {QStringLiteral("sequence_resets"), qint64(stats.sequenceResets)},
        {QStringLiteral("sequence_strays"), qint64(stats.sequenceStrays)},
        {QStringLiteral("kernel_drops"), qint64(stats.kernelDrops)},
        {QStringLiteral("bytes"), qint64(stats.bytes)},
        {QStringLiteral("reconnects"), qint64(stats.reconnects)},
    };
}

// Writes samples to stdout as JSONL (the format a jsonl source reads) and counts them.
class SamplePrinter
{
public:
    SamplePrinter(const Profile &profile, qulonglong limit, bool quiet)
        : m_encoder(makeEncoder(WireFormat::Jsonl, profile))
        , m_limit(limit)
        , m_quiet(quiet)
    {}

    // Returns false once the limit is reached.
    bool print(const SampleBlock &block)
    {
        m_buffer.clear();
        for (std::size_t row = 0; row < block.size() && !isDone(); ++row) {
            if (!m_quiet) {
                m_encoder->encode(block, row, m_buffer);
            }
            ++m_printed;
        }
        std::fwrite(m_buffer.data(), 1, m_buffer.size(), stdout);
        std::fflush(stdout);
        return !isDone();
    }
    [[nodiscard]] bool isDone() const { return m_limit > 0 && m_printed >= m_limit; }

private:
    std::unique_ptr<Encoder> m_encoder;
    qulonglong m_limit;
    bool m_quiet;
    qulonglong m_printed = 0;
    std::string m_buffer;
};

} // namespace

int tap(const QStringList &arguments)
{
    const QString command = QStringLiteral("tap");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "tap", "Prints the samples a source decodes as JSONL on stdout, until --count samples, "
               "--duration seconds, SIGINT or SIGTERM."));
    parser.addHelpOption();
    const QCommandLineOption sourceOption(
        QStringLiteral("source"),
        QCoreApplication::translate("tap", "udp://, tcp://, tcp-listen://, file:// or sim:// URI."),
        QStringLiteral("URI"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QCoreApplication::translate("tap", "spacecraft, ev, skab or a profile file (default: "
                                           "the sim:// profile, else spacecraft)."),
        QStringLiteral("P"));
    const QCommandLineOption countOption(
        QStringLiteral("count"), QCoreApplication::translate("tap", "Stop after N samples."),
        QStringLiteral("N"));
    const QCommandLineOption durationOption(
        QStringLiteral("duration"), QCoreApplication::translate("tap", "Stop after S seconds."),
        QStringLiteral("S"));
    const QCommandLineOption statsOption(
        QStringLiteral("stats"),
        QCoreApplication::translate("tap", "Print counters as one JSON line at the end."));
    const QCommandLineOption quietOption(
        QStringLiteral("quiet"),
        QCoreApplication::translate("tap", "Do not print samples (counters only)."));
    parser.addOptions(
        {sourceOption, profileOption, countOption, durationOption, statsOption, quietOption});
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    const auto count = integerOption(parser, countOption.names().constFirst(), 0);
    const auto duration = numberOption(parser, durationOption.names().constFirst(), 0, 0, 1e9);
    if (!count || !duration) {
        return kExitUsage;
    }

    QString error;
    std::optional<SourceChoice> choice = chosenSource(parser, command);
    if (!choice) {
        return kExitUsage;
    }
    const SourceUri *uri = &choice->uri;
    const Profile *profile = &choice->profile;
    auto source = createSource(*uri, *profile, &error);
    if (!source) {
        printError(command, error);
        return kExitUsage;
    }

    int exitCode = 0;
    SamplePrinter printer(*profile, *count, parser.isSet(quietOption));
    QTextStream err(stderr);
    auto finish = [&](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    };
    QObject::connect(source.get(), &Source::blockReady, source.get(),
                     [&](const SampleBlockPtr &block) {
                         if (!printer.print(*block)) {
                             finish(0);
                         }
                     });
    QObject::connect(source.get(), &Source::stateChanged, source.get(), [&](SourceState state) {
        err << "tap: " << uri->toString() << " " << sourceStateName(state) << "\n";
        err.flush();
    });
    QObject::connect(source.get(), &Source::failed, source.get(), [&](const QString &message) {
        printError(command, message);
        finish(kExitFailure);
    });
    QObject::connect(source.get(), &Source::finished, source.get(), [&] { finish(0); });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &watcher,
                     [&](int) { finish(0); });
    if (*duration > 0) {
        QTimer::singleShot(int(*duration * 1000), source.get(), [&] { finish(0); });
    }
    source->start();
    QCoreApplication::exec();
    source->stop();
    // Blocks queued before the stop still count; deliver them, then report.
    QCoreApplication::processEvents();
    if (parser.isSet(statsOption)) {
        QTextStream(stdout)
            << QJsonDocument(statsJson(source->stats())).toJson(QJsonDocument::Compact) << "\n";
    }
    return exitCode;
}

} // namespace fw::cli
