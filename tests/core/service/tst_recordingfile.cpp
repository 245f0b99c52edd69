// Reading a whole recording for train and score: formats by extension, a labels column, skipped
// lines counted by reason, and files that do not fit the profile refused with a reason.
#include "service/recordingfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fw;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

Profile profileOf(const char *name)
{
    QString error;
    auto profile = Profile::load(QString::fromLatin1(name), &error);
    if (!profile) {
        qFatal("%s", qPrintable(error));
    }
    return *profile;
}

const QByteArray kSkabLike
    = "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;"
      "Voltage;Volume Flow RateRMS;anomaly;changepoint\n"
      "2020-03-09 10:14:33;0.02;0.04;1.3;0.05;69.6;24.9;241;32.0;0.0;0.0\n"
      "2020-03-09 10:14:34;0.03;0.04;x;0.05;69.6;24.9;241;32.0;0.0;0.0\n"
      "2020-03-09 10:14:35;0.02;0.04;1.3;0.05;69.7;24.9;230;32.0;1.0;0.0\n"
      "2020-03-09 10:14:36;0.02;0.04;1.3;0.05;69.7;24.9;230;32.0;;0.0\n";

} // namespace

class TestRecordingFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvWithLabelsColumnReadsChannelsAndLabels();
    void jsonlReadsByExtension();
    void badInputIsRefusedWithAReason_data();
    void badInputIsRefusedWithAReason();
    void skippedTextListsReasons();
};

void TestRecordingFile::csvWithLabelsColumnReadsChannelsAndLabels()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("1.csv"), kSkabLike);
    const Profile skab = profileOf("skab");
    QString error;
    const auto recording = readRecording(path, skab, QStringLiteral("anomaly"), &error);
    QVERIFY2(recording, qPrintable(error));
    // The row with "x" in Current is skipped and counted; the others keep their order.
    QCOMPARE(recording->samples.size(), 3u);
    QCOMPARE(recording->samples.channelCount(), skab.channelCount());
    QCOMPARE(skippedCount(recording->errors), 1u);
    QCOMPARE(recording->errors.count(DecodeError::Malformed), 1u);
    QCOMPARE(recording->samples.t(0), 1583748873.0);
    QCOMPARE(recording->samples.t(1), 1583748875.0);
    QCOMPARE(recording->samples.value(1, skab.indexOf(u"voltage")), 230.0);
    QCOMPARE(recording->labels.size(), 3u);
    QCOMPARE(recording->labels[0], 0.0);
    QCOMPARE(recording->labels[1], 1.0);
    QVERIFY(std::isnan(recording->labels[2])); // an empty label is no label, not a 0

    const auto unlabeled = readRecording(path, skab, QString(), &error);
    QVERIFY2(unlabeled, qPrintable(error));
    QVERIFY(unlabeled->labels.empty());
    QCOMPARE(unlabeled->samples.values(), recording->samples.values());
}

void TestRecordingFile::jsonlReadsByExtension()
{
    QTemporaryDir dir;
    const QString path = writeFile(
        dir, QStringLiteral("r.jsonl"),
        "{\"t\":1,\"seq\":0,\"temperature\":20,\"voltage\":28,\"vibration\":0.1,\"pressure\":17,"
        "\"label\":1}\nnot json\n"
        "{\"t\":2,\"seq\":1,\"temperature\":21,\"voltage\":28,\"vibration\":0.1,\"pressure\":17}"
        "\n");
    QString error;
    const auto recording
        = readRecording(path, profileOf("spacecraft"), QStringLiteral("label"), &error);
    QVERIFY2(recording, qPrintable(error));
    QCOMPARE(recording->format, WireFormat::Jsonl);
    QCOMPARE(recording->samples.size(), 2u);
    QCOMPARE(recording->samples.seq(1), 1);
    QCOMPARE(recording->labels[0], 1.0);
    QVERIFY(std::isnan(recording->labels[1]));
    QCOMPARE(skippedCount(recording->errors), 1u);
}

void TestRecordingFile::badInputIsRefusedWithAReason_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("labelsColumn");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown extension") << "r.txt" << kSkabLike << "skab"
                                       << ""
                                       << "cannot tell the format";
    QTest::newRow("another profile's columns")
        << "r.csv" << kSkabLike << "spacecraft"
        << ""
        << "no spacecraft samples in it (skipped: unknown_channel 4)";
    QTest::newRow("one column missing")
        << "r.csv" << QByteArray("t,temperature,voltage,vibration\n1,20,28,0.1\n") << "spacecraft"
        << ""
        << "no value for channel 'pressure' (column 'pressure') of profile spacecraft";
    QTest::newRow("no labels column") << "r.csv" << kSkabLike << "skab"
                                      << "label"
                                      << "no labels column 'label'";
    QTest::newRow("labels column is a channel") << "r.csv" << kSkabLike << "skab"
                                                << "Voltage"
                                                << "is channel 'voltage' of profile skab";
    QTest::newRow("empty file") << "r.csv" << QByteArray() << "skab"
                                << ""
                                << "no skab samples in it";
    QTest::newRow("only malformed rows")
        << "r.csv" << QByteArray("t,temperature,voltage,vibration,pressure\n1,a,b,c,d\n2,1\n")
        << "spacecraft"
        << ""
        << "(skipped: malformed 2)";
}

void TestRecordingFile::badInputIsRefusedWithAReason()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, profile);
    QFETCH(QString, labelsColumn);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeFile(dir, name, content);
    QString error;
    QVERIFY(!readRecording(path, profileOf(qPrintable(profile)), labelsColumn, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.startsWith(path) || error.contains(u"labels column"), qPrintable(error));
}

void TestRecordingFile::skippedTextListsReasons()
{
    DecodeCounts counts;
    QCOMPARE(skippedText(counts), QString());
    counts.add(DecodeError::BadTime, 2);
    counts.add(DecodeError::Malformed, 3);
    counts.add(DecodeError::NonFinite, 7); // kept as missing values, not skipped
    QCOMPARE(skippedCount(counts), 5u);
    QCOMPARE(skippedText(counts), QStringLiteral("bad_time 2, malformed 3"));
    QCOMPARE(skippedJson(counts).size(), 2);
}

QTEST_GUILESS_MAIN(TestRecordingFile)
#include "tst_recordingfile.moc"
