// The pipeline with real parts: the simulator as a live source on its thread, the bundled
// spacecraft model on the detector thread, and model files on disk.
#include "../sim/simtestutil.h"
#include "clirunner.h"
#include "detect/detector.h"
#include "detect/modelfile.h"
#include "service/endpoints.h"
#include "service/pipeline.h"
#include "sim/simulator.h"
#include "telemetry/encoder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace fw;

namespace {

const QString kModel = QStringLiteral(":/models/spacecraft.json");

SourceUri simUri(const QString &text)
{
    QString error;
    std::optional<SourceUri> uri = SourceUri::parse(text, &error);
    if (!uri) {
        qFatal("%s", qPrintable(error));
    }
    return *uri;
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySampleIsScoredOnceInOrder();
    void withoutAModelSamplesArriveAndAreCountedAsSkipped();
    void aBadModelFileIsRefusedAndThePreviousOneStays_data();
    void aBadModelFileIsRefusedAndThePreviousOneStays();
    void aProfileThatDoesNotFitDropsTheModel();
    void aBadSourceIsRefusedWithItsReason();
    void aSeekResetsTheDetectorAndDropsResultsFromBefore();
    void scoringAndScrapesGoOnWhileTheOwnerIsBusy();
};

void TestPipeline::everySampleIsScoredOnceInOrder()
{
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QString error;
    QVERIFY2(pipeline.loadModelFile(kModel, &error), qPrintable(error));
    QCOMPARE(pipeline.modelIdentity().name, QStringLiteral("spacecraft.json"));
    QCOMPARE(pipeline.modelIdentity().sha256.size(), 64);
    QVERIFY(pipeline.modelIdentity().trainedRows > 0);

    std::vector<std::int64_t> sampleSeqs;
    std::vector<std::int64_t> resultSeqs;
    connect(&pipeline, &Pipeline::samplesReady, this, [&](const SampleBlockPtr &block) {
        sampleSeqs.insert(sampleSeqs.end(), block->seqs().begin(), block->seqs().end());
    });
    connect(&pipeline, &Pipeline::resultsReady, this, [&](const ResultBlockPtr &results) {
        QCOMPARE(results->samples->size(), results->size());
        QCOMPARE(results->results.size(), results->size());
        resultSeqs.insert(resultSeqs.end(), results->seq.begin(), results->seq.end());
    });
    QSignalSpy states(&pipeline, &Pipeline::sourceStateChanged);
    QVERIFY2(pipeline.connectSource(simUri(QStringLiteral("sim://spacecraft?rate=2000")), &error),
             qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(resultSeqs.size() >= 4000, 10000);
    pipeline.disconnectSource();
    QCOMPARE(states.constLast().at(0).value<SourceState>(), SourceState::Disconnected);
    // Results still on their way when the source stopped come in after it: a block may still
    // be queued for the detector, so the two lists being of one length proves nothing yet.
    QVERIFY(pipeline.flush(10000));
    QTRY_COMPARE(std::uint64_t(resultSeqs.size()), pipeline.samplesReceived());
    QCOMPARE(resultSeqs, sampleSeqs);
    for (std::size_t i = 1; i < resultSeqs.size(); ++i) {
        QCOMPARE(resultSeqs[i], resultSeqs[i - 1] + 1);
    }
    QCOMPARE(pipeline.samplesScored(), pipeline.samplesReceived());
    QCOMPARE(pipeline.samplesSkipped(), 0U);
    QVERIFY(pipeline.detectorLatencyMs() > 0);
}

void TestPipeline::withoutAModelSamplesArriveAndAreCountedAsSkipped()
{
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QSignalSpy samples(&pipeline, &Pipeline::samplesReady);
    QSignalSpy skipped(&pipeline, &Pipeline::blockSkipped);
    QString error;
    QVERIFY(pipeline.connectSource(simUri(QStringLiteral("sim://spacecraft?rate=1000")), &error));
    QTRY_VERIFY(pipeline.samplesSkipped() >= 500);
    pipeline.disconnectSource();
    QVERIFY(samples.count() > 0);
    QCOMPARE(skipped.constFirst().at(1).toString(), QStringLiteral("no model loaded"));
    QCOMPARE(pipeline.samplesScored(), 0U);
}

void TestPipeline::aBadModelFileIsRefusedAndThePreviousOneStays_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QFile bundled(kModel);
    QVERIFY(bundled.open(QIODevice::ReadOnly));
    const QByteArray good = bundled.readAll();
    QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("JSON");
    QByteArray otherVersion = good;
    otherVersion.replace("\"version\":1}", "\"version\":99}");
    QTest::newRow("wrong version") << otherVersion << QStringLiteral("version");
    QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("JSON");
}

void TestPipeline::aBadModelFileIsRefusedAndThePreviousOneStays()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QString error;
    QVERIFY(pipeline.loadModelFile(kModel, &error));
    const QString sha = pipeline.modelIdentity().sha256;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QSignalSpy changed(&pipeline, &Pipeline::modelChanged);
    QVERIFY(!pipeline.loadModelFile(path, &error));
    QVERIFY2(error.contains(message, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QCOMPARE(pipeline.modelIdentity().sha256, sha);
    QCOMPARE(changed.count(), 0);
}

void TestPipeline::aProfileThatDoesNotFitDropsTheModel()
{
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QString error;
    QVERIFY(pipeline.loadModelFile(kModel, &error));
    QSignalSpy rejected(&pipeline, &Pipeline::modelRejected);
    pipeline.setProfile(test::loadProfile(QStringLiteral("skab")));
    QVERIFY(!pipeline.hasModel());
    QCOMPARE(rejected.count(), 1);
    // The same model does not load for the wrong profile either.
    QVERIFY(!pipeline.loadModelFile(kModel, &error));
    QVERIFY2(error.contains(QStringLiteral("channel")), qPrintable(error));
}

void TestPipeline::aBadSourceIsRefusedWithItsReason()
{
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QString error;
    QVERIFY(!pipeline.connectSource(simUri(QStringLiteral("sim://ev")), &error));
    QVERIFY2(error.contains(QStringLiteral("ev")), qPrintable(error));
    QVERIFY(!pipeline.isConnected());
}

void TestPipeline::aSeekResetsTheDetectorAndDropsResultsFromBefore()
{
    // 60 s at 10 Hz with a temperature step from 20 s to 50 s: the detector is in alarm and its
    // windows full of the fault when the replay jumps back to 5 s.
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    QString error;
    ScenarioOptions options;
    options.onsetS = 20;
    options.faultDurationS = 30;
    std::optional<Scenario> scenario
        = Scenario::make(QStringLiteral("step:temperature"), profile, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    Simulator simulator(profile, profile.rateHz, 5, *scenario, 1.7e9);
    SampleBlock recorded(profile.channelCount());
    simulator.generate(600, recorded);
    const auto encoder = makeEncoder(WireFormat::Csv, profile);
    std::string bytes = encoder->header();
    for (std::size_t row = 0; row < recorded.size(); ++row) {
        encoder->encode(recorded, row, bytes);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("step.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes.data(), qint64(bytes.size()));
    file.close();

    Pipeline pipeline(profile);
    QVERIFY2(pipeline.loadModelFile(kModel, &error), qPrintable(error));
    std::vector<ResultBlockPtr> results;
    std::size_t before = 0;
    connect(&pipeline, &Pipeline::resultsReady, this,
            [&](const ResultBlockPtr &block) { results.push_back(block); });
    connect(&pipeline, &Pipeline::sourceSeeked, this, [&] { before = results.size(); });
    QSignalSpy seeked(&pipeline, &Pipeline::sourceSeeked);
    QSignalSpy finished(&pipeline, &Pipeline::sourceFinished);
    QVERIFY(pipeline.connectSource(simUri(QStringLiteral("file://%1?speed=0&paused=1").arg(path)),
                                   &error));
    // 40 s in, deep in the fault, then at once back to 5 s: blocks of the first 40 s may still
    // be at the detector when the jump arrives.
    QVERIFY(pipeline.source()->stepBy(39.95));
    QTRY_COMPARE(pipeline.samplesReceived(), 400U);
    QVERIFY(pipeline.source()->seekTo(recorded.t(50)));
    QVERIFY(pipeline.source()->setPaused(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(seeked.count(), 1);
    QCOMPARE(seeked.at(0).at(0).toDouble(), recorded.t(50));
    QTRY_COMPARE(pipeline.samplesReceived(), 400U + 550U);
    const auto rowsAfter = [&] {
        std::size_t rows = 0;
        for (std::size_t b = before; b < results.size(); ++b) {
            rows += results[b]->size();
        }
        return rows;
    };
    QTRY_COMPARE(rowsAfter(), 550U);
    QTest::qWait(50);
    QCOMPARE(rowsAfter(), 550U); // nothing from before the jump came after it

    // After the jump: exactly the results of a fresh detector on the rows from 5 s on.
    detect::DetectionResults got;
    std::vector<double> times;
    std::vector<double> rows;
    for (std::size_t b = before; b < results.size(); ++b) {
        const detect::DetectionResults &r = results[b]->results;
        times.insert(times.end(), results[b]->t.begin(), results[b]->t.end());
        rows.insert(rows.end(), results[b]->samples->values().begin(),
                    results[b]->samples->values().end());
        got.score.insert(got.score.end(), r.score.begin(), r.score.end());
        got.alarm.insert(got.alarm.end(), r.alarm.begin(), r.alarm.end());
    }
    QCOMPARE(times.front(), recorded.t(50));
    std::string why;
    std::optional<detect::Detector> fresh = detect::Detector::create(pipeline.model(), &why);
    QVERIFY(fresh);
    detect::DetectionResults expected;
    expected.channels = profile.channelCount();
    fresh->process(rows, expected);
    QCOMPARE(got.alarm, expected.alarm);
    for (std::size_t i = 0; i < expected.score.size(); ++i) {
        const bool same = got.score[i] == expected.score[i]
                          || (std::isnan(got.score[i]) && std::isnan(expected.score[i]));
        QVERIFY2(same, qPrintable(QString::number(i)));
    }
    QVERIFY(std::find(got.alarm.begin(), got.alarm.end(), 1) != got.alarm.end());
}

void TestPipeline::scoringAndScrapesGoOnWhileTheOwnerIsBusy()
{
    // The owner's thread (this one) runs no events for 2 s, as a frozen console would not. The
    // source, the detector, the metrics and the HTTP service must not notice.
    Pipeline pipeline(test::loadProfile(QStringLiteral("spacecraft")));
    QString error;
    QVERIFY2(pipeline.loadModelFile(kModel, &error), qPrintable(error));
    Endpoints endpoints(&pipeline);
    HttpOptions http;
    http.port = 0;
    QVERIFY2(endpoints.start(http, &error), qPrintable(error));
    const quint16 port = endpoints.http()->port();
    QSignalSpy samples(&pipeline, &Pipeline::samplesReady);
    QVERIFY(pipeline.connectSource(simUri(QStringLiteral("sim://spacecraft?rate=2000")), &error));
    QTRY_VERIFY(pipeline.samplesScored() > 0);

    std::vector<double> scored;
    QElapsedTimer busy;
    busy.start();
    while (busy.elapsed() < 2000) {
        const auto [status, body] = test::httpGet(port, "/metrics");
        QCOMPARE(status, 200);
        scored.push_back(test::metricValue(body, "faultwatch_samples_scored_total"));
        QThread::msleep(100);
    }
    const qsizetype delivered = samples.size();
    QVERIFY(scored.size() >= 10);
    QVERIFY2(scored.back() >= scored.front() + 2000,
             qPrintable(QStringLiteral("%1 to %2").arg(scored.front()).arg(scored.back())));
    // What piled up for the owner is delivered once it looks again, in order, none dropped.
    QTRY_VERIFY(samples.size() > delivered);
    pipeline.disconnectSource();
    QVERIFY(pipeline.flush(Pipeline::kFlushTimeoutMs));
    QCOMPARE(pipeline.droppedAtDetector() + pipeline.droppedAtConsumers(), 0U);
    QCOMPARE(pipeline.samplesScored(), pipeline.samplesReceived());
    std::uint64_t rows = 0;
    std::int64_t last = -1;
    for (const QList<QVariant> &args : samples) {
        const auto block = args[0].value<SampleBlockPtr>();
        if (last >= 0) {
            QCOMPARE(block->seq(0), last + 1);
        }
        last = block->seq(block->size() - 1);
        rows += block->size();
    }
    QCOMPARE(rows, pipeline.samplesReceived());
}

QTEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
