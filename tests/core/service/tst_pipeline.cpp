// The pipeline with real parts: the simulator as a live source on its thread, the bundled
// spacecraft model on the detector thread, and model files on disk.
#include "../sim/simtestutil.h"
#include "detect/modelfile.h"
#include "service/pipeline.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    // Results still on their way when the source stopped come in after it.
    QTRY_COMPARE(resultSeqs.size(), sampleSeqs.size());
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

QTEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
