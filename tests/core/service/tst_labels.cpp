// Confusion counts and their rates, the simulator's labels file, and matching labels to samples.
#include "service/labels.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fw;

namespace {

QString writeFile(const QTemporaryDir &dir, const QByteArray &content)
{
    const QString path = dir.filePath(QStringLiteral("labels.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

// NaN compares equal to NaN here: an undefined rate must stay undefined.
bool sameRate(double actual, double expected)
{
    return std::isnan(expected) ? std::isnan(actual) : qFuzzyCompare(actual, expected);
}

} // namespace

class TestLabels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratesFollowTheirDefinitions_data();
    void ratesFollowTheirDefinitions();
    void addCountsEachCaseOnce();
    void undefinedRatesAreNullInJson();
    void labelsFileReadsByColumnName();
    void badLabelsFileNamesTheLine_data();
    void badLabelsFileNamesTheLine();
    void missingLabelsFileFails();
    void labelsMatchSamplesByNearestTime();
};

void TestLabels::ratesFollowTheirDefinitions_data()
{
    QTest::addColumn<int>("tp");
    QTest::addColumn<int>("fp");
    QTest::addColumn<int>("fn");
    QTest::addColumn<int>("tn");
    QTest::addColumn<double>("precision");
    QTest::addColumn<double>("recall");
    QTest::addColumn<double>("f1");
    QTest::addColumn<double>("far");
    QTest::addColumn<double>("mar");
    const double nan = std::nan("");
    // F1 = TP / (TP + (FN + FP) / 2): 6 / (6 + 3) here.
    QTest::newRow("mixed") << 6 << 2 << 4 << 8 << 0.75 << 0.6 << 6.0 / 9.0 << 0.2 << 0.4;
    QTest::newRow("perfect") << 5 << 0 << 0 << 5 << 1.0 << 1.0 << 1.0 << 0.0 << 0.0;
    // Flagging everything: F1 is not zero, which is why FAR is always reported next to it.
    QTest::newRow("all flagged") << 54 << 46 << 0 << 0 << 0.54 << 1.0 << 108.0 / 154.0 << 1.0
                                 << 0.0;
    QTest::newRow("no alarms, no anomalies")
        << 0 << 0 << 0 << 10 << nan << nan << nan << 0.0 << nan;
    QTest::newRow("nothing") << 0 << 0 << 0 << 0 << nan << nan << nan << nan << nan;
}

void TestLabels::ratesFollowTheirDefinitions()
{
    QFETCH(int, tp);
    QFETCH(int, fp);
    QFETCH(int, fn);
    QFETCH(int, tn);
    QFETCH(double, precision);
    QFETCH(double, recall);
    QFETCH(double, f1);
    QFETCH(double, far);
    QFETCH(double, mar);
    Confusion c;
    c.tp = std::uint64_t(tp);
    c.fp = std::uint64_t(fp);
    c.fn = std::uint64_t(fn);
    c.tn = std::uint64_t(tn);
    QVERIFY2(sameRate(c.precision(), precision), qPrintable(QString::number(c.precision())));
    QVERIFY2(sameRate(c.recall(), recall), qPrintable(QString::number(c.recall())));
    QVERIFY2(sameRate(c.f1(), f1), qPrintable(QString::number(c.f1())));
    QVERIFY2(sameRate(c.falseAlarmRate(), far), qPrintable(QString::number(c.falseAlarmRate())));
    QVERIFY2(sameRate(c.missedAlarmRate(), mar), qPrintable(QString::number(c.missedAlarmRate())));
}

void TestLabels::addCountsEachCaseOnce()
{
    Confusion c;
    c.add(true, true);
    c.add(true, false);
    c.add(true, false);
    c.add(false, true);
    c.add(false, false);
    QCOMPARE(c.tp, 1u);
    QCOMPARE(c.fp, 2u);
    QCOMPARE(c.fn, 1u);
    QCOMPARE(c.tn, 1u);
    Confusion pooled = c;
    pooled += c;
    QCOMPARE(pooled.total(), 10u);
    QCOMPARE(pooled.fp, 4u);
}

void TestLabels::undefinedRatesAreNullInJson()
{
    Confusion c;
    c.tn = 3;
    const QJsonObject json = c.toJson();
    QCOMPARE(json.value(QStringLiteral("tn")).toInteger(), 3);
    QCOMPARE(json.value(QStringLiteral("far")).toDouble(-1), 0.0);
    QVERIFY(json.value(QStringLiteral("f1")).isNull());
    QVERIFY(json.value(QStringLiteral("mar")).isNull());
}

void TestLabels::labelsFileReadsByColumnName()
{
    QTemporaryDir dir;
    // Columns in another order than the simulator writes them, a CRLF and a blank line.
    const QString path = writeFile(dir, "label,channel,t,seq\r\n0,,10.5,0\r\n\n1,temperature,"
                                        "10.6,1\n0,,10.7,2");
    QString error;
    const auto track = readLabelsFile(path, &error);
    QVERIFY2(track, qPrintable(error));
    QCOMPARE(track->t, (std::vector<double>{10.5, 10.6, 10.7}));
    QCOMPARE(track->anomalous, (std::vector<std::uint8_t>{0, 1, 0}));
}

void TestLabels::badLabelsFileNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("no header") << QByteArray("1,0,0,\n") << "labels.csv:1: not a labels file";
    QTest::newRow("label not 0 or 1")
        << QByteArray("t,seq,label,channel\n1,0,0,\n2,1,2,\n") << "labels.csv:3: expected";
    QTest::newRow("bad time") << QByteArray("t,seq,label,channel\nnan,0,0,\n")
                              << "labels.csv:2: expected";
    QTest::newRow("short row") << QByteArray("t,seq,label,channel\n1\n") << "labels.csv:2:";
    QTest::newRow("header only") << QByteArray("t,seq,label,channel\n") << "no labels";
}

void TestLabels::badLabelsFileNamesTheLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString error;
    QVERIFY(!readLabelsFile(writeFile(dir, content), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestLabels::missingLabelsFileFails()
{
    QString error;
    QVERIFY(!readLabelsFile(QStringLiteral("/nonexistent/labels.csv"), &error));
    QVERIFY2(error.startsWith(u"/nonexistent/labels.csv: cannot open labels"), qPrintable(error));
}

void TestLabels::labelsMatchSamplesByNearestTime()
{
    LabelTrack track;
    // Times exact in binary, so that "half the spacing" is exact too.
    track.t = {100.0, 100.25, 100.5, 100.75};
    track.anomalous = {0, 1, 1, 0};
    // 100.25 was skipped by the decoder (no sample); 100.5 arrives rounded as a CUC time would
    // be; 100.625 is exactly between two labels and 99 and 101 are far from any.
    const std::vector<double> times{99.0, 100.0, 100.5000153, 100.75, 100.625, 101.0};
    const std::vector<double> labels = labelsAt(track, times);
    QCOMPARE(labels.size(), times.size());
    QVERIFY(std::isnan(labels[0]));
    QCOMPARE(labels[1], 0.0);
    QCOMPARE(labels[2], 1.0);
    QCOMPARE(labels[3], 0.0);
    QVERIFY(std::isnan(labels[4]));
    QVERIFY(std::isnan(labels[5]));
}

QTEST_GUILESS_MAIN(TestLabels)
#include "tst_labels.moc"
