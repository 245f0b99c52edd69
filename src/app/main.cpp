#include "alarms/alarmpanel.h"
#include "common/loglevel.h"
#include "mainwindow.h"
#include "plot/plotview.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    // A file size limit must make a recording's write fail (and be reported), not kill us.
    std::signal(SIGXFSZ, SIG_IGN);
    // A broker or peer gone away must be an error return from a write, not a signal that ends
    // the process: libmosquitto does not ask its writes to spare us SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("faultwatch"));
    QApplication::setOrganizationName(QStringLiteral("FaultWatch"));
    QApplication::setApplicationVersion(QStringLiteral(FW_VERSION));
    // Wayland compositors and docks match the window to the installed desktop entry by this.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.faultwatch.FaultWatch"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("faultwatch"));
    if (icon.isNull()) {
        for (const int size : {16, 32, 48, 64, 128, 256}) {
            icon.addFile(QStringLiteral(":/icons/faultwatch-%1.png").arg(size));
        }
    }
    QApplication::setWindowIcon(icon);
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
    // For pictures of the console (the README's are made so): the window's size, and a view
    // to freeze before the picture is taken.
    const QCommandLineOption size(
        QStringLiteral("size"),
        QApplication::translate("main", "Open the window at W×H pixels, e.g. 1366x768."),
        QStringLiteral("WxH"));
    const QCommandLineOption pauseAfter(
        QStringLiteral("pause-after"),
        QApplication::translate("main", "Pause the plots after S seconds."), QStringLiteral("S"));
    const QCommandLineOption tracker(
        QStringLiteral("tracker"),
        QApplication::translate("main", "Show the tracker at X (0 to 1) across the plots when "
                                        "they pause."),
        QStringLiteral("X"));
    const QCommandLineOption alarmTab(
        QStringLiteral("alarm-tab"),
        QApplication::translate("main", "Open the alarm panel's tab: active or history."),
        QStringLiteral("TAB"));
    const QCommandLineOption labels(
        QStringLiteral("labels"),
        QApplication::translate("main", "Ground truth for a labelled replay (written by "
                                        "faultwatch-cli simulate --labels): the Model view "
                                        "draws precision and recall."),
        QStringLiteral("FILE"));
    const QCommandLineOption modelView(
        QStringLiteral("model-view"),
        QApplication::translate("main", "Open the Model view on a tab: model, calibration, "
                                        "channels or session."),
        QStringLiteral("TAB"));
    parser.addOptions({demo, source, profile, model, labels, screenshot, quitAfter, http, noHttp,
                       size, pauseAfter, tracker, alarmTab, modelView});
    parser.process(app);
    const auto number
        = [&parser](const QCommandLineOption &option, double low, double high, double *value) {
              if (!parser.isSet(option)) {
                  return true;
              }
              bool ok = false;
              *value = parser.value(option).toDouble(&ok);
              if (!ok || !(*value >= low && *value <= high)) {
                  qCritical("--%s: expected a number from %g to %g",
                            qPrintable(option.names().constFirst()), low, high);
                  return false;
              }
              return true;
          };
    double pauseS = -1;
    double trackerAt = -1;
    if (!number(pauseAfter, 0, 1e6, &pauseS) || !number(tracker, 0, 1, &trackerAt)) {
        return 2;
    }
    QSize windowSize;
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        windowSize = parts.size() == 2 ? QSize(parts[0].toInt(), parts[1].toInt()) : QSize();
        if (windowSize.width() < 320 || windowSize.height() < 240) {
            qCritical("--size: expected WxH of at least 320x240, e.g. 1366x768");
            return 2;
        }
    }
    const QString tab = parser.value(alarmTab);
    if (!tab.isEmpty() && tab != QStringLiteral("active") && tab != QStringLiteral("history")) {
        qCritical("--alarm-tab: expected active or history");
        return 2;
    }

    const QStringList modelTabs{QStringLiteral("model"), QStringLiteral("calibration"),
                                QStringLiteral("channels"), QStringLiteral("session")};
    const auto modelTab = int(modelTabs.indexOf(parser.value(modelView)));
    if (parser.isSet(modelView) && modelTab < 0) {
        qCritical("--model-view: expected model, calibration, channels or session");
        return 2;
    }

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
    if (windowSize.isValid()) {
        window.resize(windowSize);
    }
    window.show();
    if (tab == QStringLiteral("history")) {
        window.alarmPanel()->tabs()->setCurrentIndex(1);
    }
    if (modelTab >= 0) {
        window.showModelView(modelTab);
    }
    if (pauseS >= 0) {
        QTimer::singleShot(int(pauseS * 1000), &window, [&window, trackerAt] {
            window.pauseAction()->setChecked(true);
            if (trackerAt >= 0) {
                const auto [t0, t1] = window.plotView()->visibleRange();
                window.plotView()->setTrackerTime(t0 + trackerAt * (t1 - t0));
            }
        });
    }
    fw::ConsoleOptions options;
    options.demo = parser.isSet(demo);
    options.source = parser.value(source);
    options.profile = parser.value(profile);
    options.modelPath = parser.value(model);
    options.http = parser.value(http);
    options.noHttp = parser.isSet(noHttp);
    options.labelsPath = parser.value(labels);
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
