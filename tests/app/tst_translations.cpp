#include "mainwindow.h"
#include "profilelabels.h"
#include "service/pipeline.h"
#include "translations.h"

#include <QFile>
#include <QKeySequence>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void germanIsBuiltInAndShownInTheMenus();
    void germanCoversEveryStringInTheSources();
    void qtsOwnStringsAreGermanToo();
    void everyBuiltinProfileLabelIsTranslated();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTranslations::germanIsBuiltInAndShownInTheMenus()
{
    QVERIFY(!fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)));
    QCOMPARE(QCoreApplication::translate("fw::MainWindow", "&File"), QStringLiteral("&File"));

    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)));
    QCOMPARE(QCoreApplication::translate("fw::MainWindow", "&File"), QStringLiteral("&Datei"));
    fw::MainWindow window;
    QStringList menus;
    for (QAction *action : window.menuBar()->actions()) {
        menus << action->text();
    }
    QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(u',')));
    QVERIFY2(menus.contains(QStringLiteral("&Ansicht")), qPrintable(menus.join(u',')));
}

// lupdate over the console's sources and forms finds nothing the German file lacks: a string
// added without its translation fails here.
void TestTranslations::germanCoversEveryStringInTheSources()
{
    const QString lupdate
        = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    if (!QFile::exists(lupdate)) {
        QSKIP("lupdate is not installed (packaging/setup.sh installs qt6-l10n-tools)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ts = dir.filePath(QStringLiteral("faultwatch_de.ts"));
    QVERIFY(QFile::copy(QStringLiteral(FW_SOURCE_DIR "/translations/faultwatch_de.ts"), ts));
    QProcess process;
    process.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                            QStringLiteral("none"), QStringLiteral(FW_SOURCE_DIR "/src/app"),
                            QStringLiteral(FW_SOURCE_DIR "/ui"), QStringLiteral("-ts"), ts});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QFile file(ts);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<name>fw::MainWindow</name>"));
    QVERIFY2(!text.contains("type=\"unfinished\""),
             "translations/faultwatch_de.ts lacks strings: run `cmake --build build --target "
             "update_translations` and translate the unfinished ones");
}

void TestTranslations::qtsOwnStringsAreGermanToo()
{
    // File dialogs and key names come from Qt's own catalogue: "Ctrl" read "Ctrl", not "Strg".
    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)));
    const QString key = QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText);
    QVERIFY2(key.startsWith(QStringLiteral("Strg")), qPrintable(key));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
}

void TestTranslations::everyBuiltinProfileLabelIsTranslated()
{
    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)));
    const QStringList listed = fw::translatableProfileTexts();
    for (const QString &name : fw::Profile::builtinNames()) {
        QString error;
        const std::optional<fw::Profile> profile = fw::Profile::load(name, &error);
        QVERIFY2(profile, qPrintable(error));
        QStringList texts{profile->description};
        for (const fw::Channel &channel : profile->channels) {
            texts << channel.label;
        }
        const fw::Profile german = fw::localizedProfile(*profile);
        for (int i = 0; i < texts.size(); ++i) {
            // A label added to a profile file without listing it for the translators fails here.
            QVERIFY2(listed.contains(texts[i]), qPrintable(name + QStringLiteral(": ") + texts[i]));
        }
        for (std::size_t c = 0; c < profile->channels.size(); ++c) {
            QVERIFY2(german.channels[c].label != profile->channels[c].label,
                     qPrintable(german.channels[c].label));
            QCOMPARE(german.channels[c].id, profile->channels[c].id);
            QCOMPARE(german.channels[c].unit, profile->channels[c].unit);
        }
    }
    fw::MainWindow window;
    QCOMPARE(window.pipeline()->profile().channels[1].label, QStringLiteral("Busspannung"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
