#include "common/loglevel.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    // A file size limit must make a recording's write fail (and be reported), not kill us.
    std::signal(SIGXFSZ, SIG_IGN);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("faultwatch"));
    QApplication::setOrganizationName(QStringLiteral("FaultWatch"));
    QApplication::setApplicationVersion(QStringLiteral(FW_VERSION));
    const QString logLevel = qEnvironmentVariable("LOG_LEVEL");
    if (!logLevel.isEmpty() && !fw::applyLogLevel(logLevel)) {
        qWarning("LOG_LEVEL=%s: expected debug, info, warning or error", qPrintable(logLevel));
    }
    fw::installTranslations(app, QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "FaultWatch operator console: live telemetry plots and fault detection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Run the built-in demo: the simulated spacecraft with "
                                        "faults, scored by the bundled model."));
    const QCommandLineOption source(QStringLiteral("source"),
                                    QApplication::translate("main", "Connect to URI at start."),
                                    QStringLiteral("URI"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QApplication::translate("main", "Profile: spacecraft, ev, skab or a profile file."),
        QStringLiteral("P"));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QApplication::translate("main", "Model file (default: $MODEL_PATH, else the last one)."),
        QStringLiteral("PATH"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save the window as a PNG when --quit-after expires."),
        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                       QApplication::translate("main", "Quit after S seconds."),
                                       QStringLiteral("S"));
    const QCommandLineOption http(
        QStringLiteral("http"),
        QApplication::translate("main", "Serve /metrics, /health, /ready and /predict on "
                                        "ADDR:PORT (default: the setting, 127.0.0.1:9917)."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption noHttp(
        QStringLiteral("no-http"),
        QApplication::translate("main", "Do not serve the HTTP endpoints this time."));
    parser.addOptions({demo, source, profile, model, screenshot, quitAfter, http, noHttp});
    parser.process(app);

    double seconds = -1;
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        seconds = parser.value(quitAfter).toDouble(&ok);
        if (!ok || seconds < 0) {
            qCritical("--quit-after: expected a number of seconds");
            return 2;
        }
    }
    if (parser.isSet(screenshot) && seconds < 0) {
        qCritical("--screenshot needs --quit-after S: the time to wait before the picture");
        return 2;
    }

    fw::MainWindow window;
    window.show();
    fw::ConsoleOptions options;
    options.demo = parser.isSet(demo);
    options.source = parser.value(source);
    options.profile = parser.value(profile);
    options.modelPath = parser.value(model);
    options.http = parser.value(http);
    options.noHttp = parser.isSet(noHttp);
    QString error;
    if (!window.start(options, &error)) {
        qWarning("%s", qPrintable(error));
    }
    // Fault injection for the frozen-console test (tests/e2e/tst_consolestall): AFTER_MS:FOR_MS
    // blocks the GUI thread once, as a stuck paint or a slow dialog would.
    const QStringList stall = qEnvironmentVariable("FAULTWATCH_STALL_GUI").split(QLatin1Char(':'));
    if (stall.size() == 2) {
        const int forMs = stall[1].toInt();
        QTimer::singleShot(stall[0].toInt(), &app, [forMs] {
            std::fprintf(stderr, "faultwatch: GUI thread stalls for %d ms\n", forMs);
            QThread::msleep(std::max(0, forMs));
            std::fprintf(stderr, "faultwatch: GUI thread stall over\n");
        });
    }
    int status = 0;
    if (seconds >= 0) {
        const QString shot = parser.value(screenshot);
        QTimer::singleShot(int(seconds * 1000), &app, [&window, &status, shot] {
            if (!shot.isEmpty()) {
                window.refreshNow();
                if (!window.grab().save(shot, "PNG")) {
                    qCritical("--screenshot: could not write %s", qPrintable(shot));
                    status = 1;
                }
            }
            QApplication::quit();
        });
    }
    const int code = QApplication::exec();
    return code != 0 ? code : status;
}
