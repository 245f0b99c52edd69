#include "mainwindow.h"
#include "profilelabels.h"
#include "service/pipeline.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QKeySequence>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QProcess>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void germanIsBuiltInAndShownInTheMenus();
    void frenchIsBuiltInAndShownInTheMenus();
    void frenchConsoleShowsNoEnglish();
    void everyLanguageCoversEveryStringInTheSources_data();
    void everyLanguageCoversEveryStringInTheSources();
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

void TestTranslations::frenchIsBuiltInAndShownInTheMenus()
{
    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::French)));
    QCOMPARE(QCoreApplication::translate("fw::MainWindow", "&File"), QStringLiteral("&Fichier"));
    fw::MainWindow window;
    QStringList menus;
    for (QAction *action : window.menuBar()->actions()) {
        menus << action->text();
    }
    QVERIFY2(menus.contains(QStringLiteral("&Fichier")), qPrintable(menus.join(u',')));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));
    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)));
}

// The demo console in French: no text on screen (menus, labels, buttons, tabs, docks, table
// headers, combo entries, tooltips) is an English source text whose French differs.
void TestTranslations::frenchConsoleShowsNoEnglish()
{
    QFile file(QStringLiteral(FW_SOURCE_DIR "/translations/faultwatch_fr.ts"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QSet<QString> english;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == u"translation") {
            if (xml.readElementText(QXmlStreamReader::IncludeChildElements) != source) {
                english.insert(QString(source).remove(u'&'));
            }
        }
    }
    QVERIFY(english.size() > 300);

    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::French)));
    fw::MainWindow window;
    fw::ConsoleOptions options;
    options.demo = true;
    options.noHttp = true;
    QString error;
    QVERIFY2(window.start(options, &error), qPrintable(error));
    window.show();
    window.showModelView(0);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(1500);
    window.refreshNow();
    QStringList texts;
    for (const QAction *action : window.findChildren<QAction *>()) {
        texts << action->text() << action->toolTip() << action->statusTip();
    }
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        texts << label->text() << label->toolTip();
    }
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        texts << button->text() << button->toolTip();
    }
    for (const QTabWidget *tabs : window.findChildren<QTabWidget *>()) {
        for (int i = 0; i < tabs->count(); ++i) {
            texts << tabs->tabText(i);
        }
    }
    for (const QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        texts << dock->windowTitle();
    }
    for (const QComboBox *box : window.findChildren<QComboBox *>()) {
        for (int i = 0; i < box->count(); ++i) {
            texts << box->itemText(i);
        }
    }
    for (const QAbstractItemView *view : window.findChildren<QAbstractItemView *>()) {
        if (const QAbstractItemModel *model = view->model()) {
            for (int c = 0; c < model->columnCount(); ++c) {
                texts << model->headerData(c, Qt::Horizontal).toString();
            }
        }
    }
    for (const QWidget *widget : window.findChildren<QWidget *>()) {
        texts << widget->accessibleName();
    }
    QStringList found;
    for (QString text : texts) {
        text.remove(u'&');
        if (english.contains(text)) {
            found << text;
        }
    }
    found.removeDuplicates();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(" | "))));
    QVERIFY(fw::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)));
}

void TestTranslations::everyLanguageCoversEveryStringInTheSources_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("fr") << QStringLiteral("fr");
}

// lupdate over the console's sources and forms finds nothing a language's file lacks: a string
// added without its translation fails here.
void TestTranslations::everyLanguageCoversEveryStringInTheSources()
{
    QFETCH(QString, language);
    const QString lupdate
        = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    if (!QFile::exists(lupdate)) {
        QSKIP("lupdate is not installed (packaging/setup.sh installs qt6-l10n-tools)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = QStringLiteral("faultwatch_%1.ts").arg(language);
    const QString ts = dir.filePath(name);
    QVERIFY(QFile::copy(QStringLiteral(FW_SOURCE_DIR "/translations/") + name, ts));
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
             qPrintable(QStringLiteral("translations/%1 lacks strings: run `cmake --build build "
                                       "--target update_translations` and translate the "
                                       "unfinished ones")
                            .arg(name)));
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
