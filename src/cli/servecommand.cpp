#include "commands.h"
#include "common/loglevel.h"
#include "detect/modelfile.h"
#include "options.h"
#include "service/endpoints.h"
#include "service/learner.h"
#include "service/pipeline.h"
#include "service/pipelinemetrics.h"
#include "service/recorder.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace fw::cli {

namespace {

// The rank of a log level: debug 0, info 1, warning 2, error 3; -1 when unknown.
int levelRank(const QString &level)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    for (int rank = 0; rank < 4; ++rank) {
        if (level.compare(QLatin1String(names[rank]), Qt::CaseInsensitive) == 0) {
            return rank;
        }
    }
    return level.compare(QLatin1String("warn"), Qt::CaseInsensitive) == 0 ? 2 : -1;
}

// Log lines on stderr, as text or as one JSON object a line for a log collector. Lines below
// LOG_LEVEL (debug, info, warning, error; default info) are left out.
class Log
{
public:
    Log(bool json, int minimumRank)
        : m_json(json)
        , m_minimumRank(minimumRank)
    {}

    void write(const char *level, const QString &message) const
    {
        if (levelRank(QString::fromLatin1(level)) < m_minimumRank) {
            return;
        }
        QTextStream err(stderr);
        if (m_json) {
            const QJsonObject line{
                {QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                {QStringLiteral("level"), QLatin1String(level)},
                {QStringLiteral("msg"), message},
            };
            err << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
        } else {
            err << "serve: " << level << ": " << message << "\n";
        }
        err.flush();
    }

private:
    bool m_json;
    int m_minimumRank;
};

} // namespace

int serve(const QStringList &arguments)
{
    const QString command = QStringLiteral("serve");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "serve", "Runs the detector headless on a source and serves /metrics, /health, /ready "
                 "and /predict, until SIGINT or SIGTERM (or --duration)."));
    parser.addHelpOption();
    const QCommandLineOption sourceOption = makeOption(
        "serve", "source",
        "udp://, tcp://, tcp-listen://, file:// or sim:// URI (default $FAULTWATCH_SOURCE).",
        "URI");
    const QCommandLineOption profileOption = makeOption(
        "serve", "profile",
        "spacecraft, ev, skab or a profile file (default: the sim:// profile, else spacecraft).",
        "P");
    const QCommandLineOption modelOption
        = makeOption("serve", "model", "Model file (default $MODEL_PATH).", "FILE");
    const QCommandLineOption recordOption
        = makeOption("serve", "record", "Also write the samples to FILE (.csv or .jsonl).", "FILE");
    QCommandLineOption httpOption = makeOption(
        "serve", "http", "Address to serve on (default $FAULTWATCH_HTTP, else 127.0.0.1:9917).",
        "ADDR:PORT");
    httpOption.setDefaultValue(httpAddressDefault());
    const QCommandLineOption tokenOption
        = makeOption("serve", "http-token-file",
                     "Require the bearer token in FILE's first line (default: the token in "
                     "$FAULTWATCH_HTTP_TOKEN, if set).",
                     "FILE");
    const QCommandLineOption insecureOption
        = makeOption("serve", "http-insecure", "Allow a non-loopback address without a token.");
    QCommandLineOption logOption = makeOption(
        "serve", "log-format", "text (default) or json log lines on stderr.", "FORMAT");
    logOption.setDefaultValue(QStringLiteral("text"));
    const QCommandLineOption labelsOption = makeOption(
        "serve", "labels",
        "Ground truth (simulate --labels) for a labeled replay: running precision and recall "
        "in /metrics.",
        "FILE");
    const QCommandLineOption durationOption
        = makeOption("serve", "duration", "Stop after S seconds.", "S");
    const QCommandLineOption learnOption = makeOption(
        "serve", "learn",
        "Learn the model from the stream's first N samples, then score the rest (a bench whose "
        "levels change from session to session). Not with --model.",
        "N");
    const QCommandLineOption learnOutputOption
        = makeOption("serve", "learn-output", "Also save the learned model to FILE.", "FILE");
    parser.addOptions({sourceOption, profileOption, modelOption, recordOption, httpOption,
                       tokenOption, insecureOption, logOption, labelsOption, durationOption,
                       learnOption, learnOutputOption});
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    const QString logFormat = parser.value(logOption);
    if (logFormat != u"text" && logFormat != u"json") {
        printError(command, QStringLiteral("--log-format: expected text or json"));
        return kExitUsage;
    }
    const QString logLevel = qEnvironmentVariable("LOG_LEVEL").trimmed();
    const int minimumRank = logLevel.isEmpty() ? 1 : levelRank(logLevel);
    const Log log(logFormat == u"json", std::max(minimumRank, 0));
    if (minimumRank < 0) {
        log.write("warning", QStringLiteral("LOG_LEVEL=%1: expected debug, info, warning or error; "
                                            "using info")
                                 .arg(logLevel));
    } else if (!logLevel.isEmpty()) {
        // Qt's and the core's own messages (qWarning and friends) follow the same level.
        (void)applyLogLevel(logLevel);
    }
    const auto duration = numberOption(parser, durationOption.names().constFirst(), 0, 0, 1e9);
    if (!duration) {
        return kExitUsage;
    }
    const auto learnRows = integerOption(parser, learnOption.names().constFirst(), 0);
    if (!learnRows) {
        return kExitUsage;
    }
    const bool learn = parser.isSet(learnOption);
    if (learn && *learnRows < 2) {
        printError(command, QStringLiteral("--learn: expected at least 2 samples"));
        return kExitUsage;
    }
    if (learn && parser.isSet(modelOption)) {
        printError(command, QStringLiteral("--learn and --model: give one"));
        return kExitUsage;
    }
    if (parser.isSet(learnOutputOption) && !learn) {
        printError(command, QStringLiteral("--learn-output needs --learn"));
        return kExitUsage;
    }
    QString error;
    std::optional<SourceChoice> choice = chosenSourceOrEnvironment(parser, command);
    if (!choice) {
        return kExitUsage;
    }
    const SourceUri *uri = &choice->uri;
    const Profile *profile = &choice->profile;
    HttpOptions http;
    if (!parseHttpAddress(parser.value(httpOption), &http, &error)
        || !tokenFromOptions(parser, tokenOption, &http.token, &error)) {
        printError(command, error);
        return kExitUsage;
    }
    http.insecure = parser.isSet(insecureOption);

    Pipeline pipeline(*profile);
    QString modelPath = parser.isSet(modelOption) ? parser.value(modelOption)
                                                  : qEnvironmentVariable("MODEL_PATH");
    if (modelPath.isEmpty() && !learn) {
        modelPath = detect::bundledModelPath(profile->name, profile->channelIds());
    }
    Learner learner(&pipeline, std::size_t(*learnRows), parser.value(learnOutputOption));
    if (learn) {
        log.write("info", QStringLiteral("learning the model from the first %1 samples; they "
                                         "are not scored")
                              .arg(std::size_t(*learnRows)));
        QObject::connect(&learner, &Learner::learned, &learner,
                         [&log](const QString &message) { log.write("info", message); });
        QObject::connect(&learner, &Learner::failed, &learner, [&log](const QString &message) {
            log.write("error", message + QStringLiteral("; samples are counted but not scored"));
        });
        learner.start();
    } else if (modelPath.isEmpty()) {
        log.write("warning", QStringLiteral("no model (--model or MODEL_PATH, and profile %1 has "
                                            "no bundled model): samples are counted but not "
                                            "scored, and /ready answers 503")
                                 .arg(profile->name));
    } else if (!pipeline.loadModelFile(modelPath, &error)) {
        printError(command, error);
        return kExitFailure;
    }
    Endpoints endpoints(&pipeline);
    if (parser.isSet(labelsOption)) {
        std::optional<LabelTrack> labels = readLabelsFile(parser.value(labelsOption), &error);
        if (!labels) {
            printError(command, error);
            return kExitUsage;
        }
        endpoints.pipelineMetrics()->setLabels(std::move(*labels));
    }
    if (!endpoints.start(http, &error)) {
        printError(command, error);
        return kExitFailure;
    }
    Recorder recorder;
    if (parser.isSet(recordOption)) {
        if (!recorder.open(parser.value(recordOption), *profile, &error)) {
            printError(command, error);
            return kExitFailure;
        }
        QObject::connect(&pipeline, &Pipeline::samplesReady, &recorder,
                         [&recorder](const SampleBlockPtr &block) { recorder.append(*block); });
        endpoints.http()->setRecording(parser.value(recordOption), {});
        QObject::connect(&recorder, &Recorder::failed, &recorder,
                         [&log, &endpoints, &parser, &recordOption](const QString &message) {
                             log.write("error", message);
                             endpoints.http()->setRecording(parser.value(recordOption), message);
                         });
    }

    int exitCode = 0;
    auto finish = [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    };
    QObject::connect(&pipeline, &Pipeline::sourceStateChanged, &pipeline, [&](SourceState state) {
        log.write("info",
                  QStringLiteral("source %1 is %2").arg(uri->toString(), sourceStateName(state)));
    });
    QObject::connect(&pipeline, &Pipeline::sourceFailed, &pipeline, [&](const QString &message) {
        log.write("error", message);
        finish(kExitFailure);
    });
    QObject::connect(&pipeline, &Pipeline::sourceFinished, &pipeline, [&] {
        log.write("info", QStringLiteral("source finished; still serving until stopped"));
    });
    QObject::connect(&pipeline, &Pipeline::modelRejected, &pipeline,
                     [&](const QString &reason) { log.write("error", reason); });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &watcher, [&](int signal) {
        log.write("info", QStringLiteral("signal %1: stopping").arg(signal));
        finish(0);
    });
    if (*duration > 0) {
        QTimer::singleShot(int(*duration * 1000), &pipeline, [&] { finish(0); });
    }
    if (!pipeline.connectSource(*uri, &error)) {
        printError(command, error);
        return kExitFailure;
    }
    log.write("info", QStringLiteral("serving %1 on %2 (profile %3, model %4)")
                          .arg(uri->toString(), endpoints.http()->url(), profile->name,
                               pipeline.hasModel() ? pipeline.modelIdentity().name
                                                   : QStringLiteral("none")));
    QCoreApplication::exec();
    pipeline.disconnectSource();
    // Blocks the source delivered before it stopped are still scored and recorded.
    if (!pipeline.flush(Pipeline::kFlushTimeoutMs)) {
        log.write("warning", QStringLiteral("the detector did not finish within %1 ms; the "
                                            "samples still queued are not recorded")
                                 .arg(Pipeline::kFlushTimeoutMs));
    }
    recorder.close();
    endpoints.stop();
    log.write("info", QStringLiteral("stopped: %1 samples received, %2 scored%3")
                          .arg(pipeline.samplesReceived())
                          .arg(pipeline.samplesScored())
                          .arg(recorder.isOpen() || parser.isSet(recordOption)
                                   ? QStringLiteral(", %1 recorded").arg(recorder.samplesWritten())
                                   : QString()));
    return exitCode;
}

} // namespace fw::cli
