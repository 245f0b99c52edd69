#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("faultwatch"));
    QApplication::setOrganizationName(QStringLiteral("FaultWatch"));
    QApplication::setApplicationVersion(QStringLiteral(FW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "FaultWatch operator console: live telemetry plots and fault detection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Run the built-in demo."));
    const QCommandLineOption quitAfterOption(
        QStringLiteral("quit-after"), QApplication::translate("main", "Quit after S seconds."),
        QStringLiteral("S"));
    parser.addOptions({demoOption, quitAfterOption});
    parser.process(app);

    fw::MainWindow window;
    window.show();
    if (parser.isSet(quitAfterOption)) {
        bool ok = false;
        const double seconds = parser.value(quitAfterOption).toDouble(&ok);
        if (!ok || seconds < 0) {
            qCritical("--quit-after: expected a number of seconds");
            return 2;
        }
        QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    }
    return QApplication::exec();
}
