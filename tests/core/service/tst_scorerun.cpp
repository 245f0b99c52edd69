// The pieces of score a test can check without a process: the results file and the metrics'
// row range.
#include "service/scorerun.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fw;
using detect::Severity;

namespace {

detect::DetectionResults results(const std::vector<std::uint8_t> &alarms)
{
    detect::DetectionResults r;
    r.channels = 2;
    for (const std::uint8_t alarm : alarms) {
        r.score.push_back(alarm ? 0.75 : 0.5);
        r.confidence.push_back(alarm ? 0.999 : 0.25);
        r.alarm.push_back(alarm);
        r.severity.push_back(alarm ? Severity::Warning : Severity::None);
        r.reason.push_back(detect::AlarmReason::None);
        r.raisedNow.push_back(0);
        r.clearedNow.push_back(0);
        r.attribution.push_back(alarm ? 0.25 : 0);
        r.attribution.push_back(alarm ? 0.75 : 0);
    }
    return r;
}

} // namespace

class TestScoreRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsHaveAHeaderAndOneRowPerSample();
    void confusionSkipsTrainingAndUnlabeledRows();
    void severitiesHaveNames();
};

void TestScoreRun::resultsHaveAHeaderAndOneRowPerSample()
{
    SampleBlock samples(2);
    const std::vector<double> row{1.0, 2.0};
    samples.append(10.5, 0, row);
    samples.append(11.0, 1, row);
    samples.append(11.5, 2, row);
    detect::DetectionResults r = results({0, 1, 0});
    r.score[2] = std::nan(""); // nothing to score: an empty field, never a number
    r.confidence[2] = std::nan("");
    r.reason[1] = detect::AlarmReason::RangeGuard;
    using detect::GuardFlag;
    r.guardFlags = {GuardFlag::Within, GuardFlag::Within, GuardFlag::Forecast,
                    GuardFlag::Jump,   GuardFlag::Within, GuardFlag::Within};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    QString error;
    QVERIFY2(writeResults(path, samples, r, {"temperature", "voltage"}, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("t,score,confidence,alarm,severity,attribution_temperature,"
                                        "attribution_voltage,reason,finding\n"
                                        "10.5,0.5,0.25,0,none,0,0,none,within\n"
                                        "11,0.75,0.999,1,warning,0.25,0.75,range-guard,jump\n"
                                        "11.5,,,0,none,0,0,none,within\n"));
}

void TestScoreRun::confusionSkipsTrainingAndUnlabeledRows()
{
    const detect::DetectionResults r = results({1, 1, 1, 0, 0, 1, 0});
    const double nan = std::nan("");
    const std::vector<double> labels{1, 0, nan, 1, 0, 0, 1};
    const Confusion all = confusionOf(r, labels, 0);
    QCOMPARE(all.tp, 1u);
    QCOMPARE(all.fp, 2u);
    QCOMPARE(all.fn, 2u);
    QCOMPARE(all.tn, 1u);
    // Rows 0 and 1 trained the model: only rows 2.. count, row 2 has no label.
    const Confusion scored = confusionOf(r, labels, 2);
    QCOMPARE(scored.tp, 0u);
    QCOMPARE(scored.fp, 1u);
    QCOMPARE(scored.fn, 2u);
    QCOMPARE(scored.tn, 1u);
}

void TestScoreRun::severitiesHaveNames()
{
    QCOMPARE(severityName(Severity::None), QStringLiteral("none"));
    QCOMPARE(severityName(Severity::Watch), QStringLiteral("watch"));
    QCOMPARE(severityName(Severity::Warning), QStringLiteral("warning"));
    QCOMPARE(severityName(Severity::Critical), QStringLiteral("critical"));
}

QTEST_GUILESS_MAIN(TestScoreRun)
#include "tst_scorerun.moc"
