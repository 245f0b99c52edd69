// The Model view against the model file it shows: facts, the calibration histogram and its
// thresholds, each channel's envelope, the live trace, and the session's alarms and labelled
// precision and recall. The file is read here as plain JSON, apart from the loader the view uses.
#include "detect/calibration.h"
#include "detect/modelfile.h"
#include "mainwindow.h"
#include "model/modelcharts.h"
#include "model/modelview.h"

#include <QBarSet>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace fw;

namespace {

const QString kModelFile = QStringLiteral(FW_SOURCE_DIR "/resources/models/spacecraft.json");

QJsonObject modelJson()
{
    QFile file(kModelFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<double> doubles(const QJsonArray &array)
{
    std::vector<double> out;
    for (const QJsonValue &v : array) {
        out.push_back(v.toDouble());
    }
    return out;
}

// A block of one row per time, every channel at value, alarms raised where raised is 1.
ResultBlock block(const std::vector<double> &times, int channels, double value,
                  const std::vector<int> &raised, const std::vector<int> &alarm)
{
    ResultBlock r;
    auto samples = std::make_shared<SampleBlock>(channels);
    for (std::size_t i = 0; i < times.size(); ++i) {
        r.t.push_back(times[i]);
        r.seq.push_back(std::int64_t(i));
        r.results.score.push_back(0.5 + 0.01 * double(i));
        r.results.confidence.push_back(0.5);
        r.results.alarm.push_back(std::uint8_t(alarm[i]));
        r.results.raisedNow.push_back(std::uint8_t(raised[i]));
        samples->append(times[i], std::int64_t(i),
                        std::vector<double>(std::size_t(channels), value + double(i)));
    }
    r.samples = samples;
    return r;
}

} // namespace

class TestModelView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void thresholdsMatchConformalConfidence();
    void factsAreTheFilesOwn();
    void histogramHoldsEveryCalibrationScore();
    void thresholdLinesSitWhereConfidenceReachesTheLevel();
    void envelopeIsTheGuardsOfEachChannel();
    void liveTraceAndRollingMean();
    void alarmsPerHourAndLabelledPrecisionRecall();
    void theConsoleShowsItsModelAndTakesLabels();

private:
    std::shared_ptr<const detect::DetectorModel> m_model;
    QJsonObject m_json;
    ModelIdentity m_identity;
};

void TestModelView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    std::optional<detect::DetectorModel> model = detect::loadModel(kModelFile, &error);
    QVERIFY2(model, qPrintable(error));
    m_model = std::make_shared<const detect::DetectorModel>(std::move(*model));
    m_json = modelJson();
    QVERIFY(m_json.contains(QStringLiteral("calibration")));
    m_identity.name = QStringLiteral("spacecraft.json");
    m_identity.sha256 = m_json.value(QStringLiteral("sha256")).toString();
}

void TestModelView::thresholdsMatchConformalConfidence()
{
    // Four scores: confidence can be 0, 0.2, 0.4, 0.6 or 0.8.
    const std::vector<double> scores{0.1, 0.2, 0.3, 0.4};
    QCOMPARE(scoreForConfidence(scores, 0.6).value(), 0.3);
    QCOMPARE(scoreForConfidence(scores, 0.8).value(), 0.4);
    QVERIFY(!scoreForConfidence(scores, 0.9));
    QCOMPARE(scoreForConfidence(scores, 0.0).value(), 0.1);
    const detect::Calibration calibration(scores);
    QVERIFY(calibration.confidence(0.3) < 0.6);
    QVERIFY(calibration.confidence(0.31) >= 0.6 - 1e-12);

    const auto bins = histogram(std::vector<double>{1, 1, 2, 3}, 2);
    QCOMPARE(bins.size(), std::size_t(2));
    QCOMPARE(bins[0].count, 2);
    QCOMPARE(bins[1].count, 2); // 2 is the upper bin's lower edge, 3 its closed upper edge
    QCOMPARE(histogram(std::vector<double>{5, 5}, 10).size(), std::size_t(1));
}

void TestModelView::factsAreTheFilesOwn()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    const QString facts = view.factsText();
    QVERIFY2(facts.contains(m_json.value(QStringLiteral("sha256")).toString()), qPrintable(facts));
    const QJsonObject provenance = m_json.value(QStringLiteral("provenance")).toObject();
    QVERIFY(facts.contains(provenance.value(QStringLiteral("source")).toString()));
    QVERIFY2(facts.contains(QLocale().toString(
                 qulonglong(provenance.value(QStringLiteral("rows")).toInteger()))),
             qPrintable(facts));
    QVERIFY(facts.contains(QStringLiteral("2023-11-14 22:13:20 UTC"))); // first_time 1700000000
    const int trees = int(m_json.value(QStringLiteral("forest"))
                              .toObject()
                              .value(QStringLiteral("trees"))
                              .toArray()
                              .size());
    QVERIFY2(facts.contains(QStringLiteral("%1 trees").arg(trees)), qPrintable(facts));
    QVERIFY(facts.contains(QStringLiteral("relation to the other channels")));
    QVERIFY(facts.contains(QStringLiteral("forecast of each channel")));
    QVERIFY(facts.contains(QStringLiteral("99.5 %")));

    view.setModel(nullptr, {});
    QVERIFY(view.factsText().contains(QStringLiteral("no model loaded")));
    QVERIFY(view.series(QStringLiteral("histogram"))->points().isEmpty());
    QCOMPARE(view.envelopeTable()->rowCount(), 0);
}

void TestModelView::histogramHoldsEveryCalibrationScore()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    std::vector<double> scores = doubles(m_json.value(QStringLiteral("calibration")).toArray());
    std::sort(scores.begin(), scores.end());
    const QList<QPointF> points = view.series(QStringLiteral("histogram"))->points();
    QCOMPARE(points.size(), 4 * ModelView::kBins);
    qint64 total = 0;
    for (qsizetype i = 0; i < points.size(); i += 4) {
        QCOMPARE(points[i + 1].y(), points[i + 2].y());
        total += qint64(points[i + 1].y());
    }
    QCOMPARE(total, qint64(scores.size()));
    QCOMPARE(points.front().x(), scores.front());
    QCOMPARE(points.back().x(), scores.back());
    // The first bin, counted here from the file.
    const double width = (scores.back() - scores.front()) / ModelView::kBins;
    const auto first = std::count_if(scores.begin(), scores.end(),
                                     [&](double s) { return s < scores.front() + width; });
    QCOMPARE(qint64(points[1].y()), qint64(first));
}

void TestModelView::thresholdLinesSitWhereConfidenceReachesTheLevel()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    const std::vector<double> scores
        = doubles(m_json.value(QStringLiteral("calibration")).toArray());
    const detect::Calibration calibration(scores);
    const QJsonObject policy = m_json.value(QStringLiteral("policy")).toObject();
    const std::pair<QString, double> levels[]
        = {{QStringLiteral("watch"), policy.value(QStringLiteral("threshold")).toDouble()},
           {QStringLiteral("warning"), policy.value(QStringLiteral("warning")).toDouble()},
           {QStringLiteral("critical"), policy.value(QStringLiteral("critical")).toDouble()}};
    for (const auto &level : levels) {
        const QList<QPointF> line = view.series(level.first)->points();
        QCOMPARE(line.size(), 2);
        const double x = line[0].x();
        QCOMPARE(line[1].x(), x);
        // Just below the line the level is not reached; the next score above it reaches it.
        QVERIFY2(calibration.confidence(x) < level.second, qPrintable(level.first));
        const auto above = std::upper_bound(calibration.sortedScores().begin(),
                                            calibration.sortedScores().end(), x);
        const double next
            = above == calibration.sortedScores().end() ? std::nextafter(x, 2.0) : (x + *above) / 2;
        QVERIFY2(calibration.confidence(next) >= level.second - 1e-12, qPrintable(level.first));
    }
    QVERIFY(view.calibrationNote().contains(QLocale().toString(qulonglong(scores.size()))));
}

void TestModelView::envelopeIsTheGuardsOfEachChannel()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    const QJsonArray channels = m_json.value(QStringLiteral("guard"))
                                    .toObject()
                                    .value(QStringLiteral("channels"))
                                    .toArray();
    QCOMPARE(view.channelBox()->count(), int(channels.size()));
    QCOMPARE(view.envelopeTable()->rowCount(), int(channels.size()));
    for (int c = 0; c < channels.size(); ++c) {
        view.channelBox()->setCurrentIndex(c);
        const QJsonObject guard = channels[c].toObject();
        for (const QString &side : {QStringLiteral("low"), QStringLiteral("high")}) {
            const QList<QPointF> line = view.series(side)->points();
            const QJsonValue bound = guard.value(side);
            if (!bound.isDouble()) { // null or "inf": no check on that side, no line
                QVERIFY2(line.isEmpty(), qPrintable(side));
                continue;
            }
            QCOMPARE(line.size(), 2);
            QCOMPARE(line[0].y(), bound.toDouble());
            QCOMPARE(line[1].y(), bound.toDouble());
        }
        const QJsonArray limits = guard.value(QStringLiteral("limits")).toArray();
        QCOMPARE(view.series(QStringLiteral("limitLow"))->points().value(0).y(),
                 limits.at(0).toDouble());
        QCOMPARE(view.series(QStringLiteral("limitHigh"))->points().value(0).y(),
                 limits.at(1).toDouble());
        QCOMPARE(view.envelopeTable()->currentRow(), c);
    }
    // The table names a one-sided range's reason (pressure drifted in training).
    QVERIFY(view.envelopeTable()->item(3, 1)->text().contains(QStringLiteral("drifted")));
}

void TestModelView::liveTraceAndRollingMean()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    const int window = m_model->guardOptions.window;
    const int rows = window + 10;
    std::vector<double> times;
    for (int i = 0; i < rows; ++i) {
        times.push_back(1000.0 + i);
    }
    view.addResults(block(times, m_model->channelCount(), 20.0, std::vector<int>(rows, 0),
                          std::vector<int>(rows, 0)));
    view.redraw();
    const QList<QPointF> values = view.series(QStringLiteral("value"))->points();
    const QList<QPointF> means = view.series(QStringLiteral("mean"))->points();
    QCOMPARE(values.size(), rows);
    QCOMPARE(values.back(), QPointF(0, 20.0 + rows - 1));
    QCOMPARE(values.front(), QPointF(-(rows - 1), 20.0));
    // The last mean covers the last `window` values: 20 + (rows − window) … 20 + rows − 1.
    const double expected = 20.0 + (rows - window + rows - 1) / 2.0;
    QVERIFY(std::abs(means.back().y() - expected) < 1e-9);
    QCOMPARE(means.front().y(), 20.0);
    // The newest score is marked on the calibration chart.
    const QList<QPointF> newest = view.series(QStringLiteral("newest"))->points();
    QCOMPARE(newest.size(), 2);
    QCOMPARE(newest[0].x(), 0.5 + 0.01 * (rows - 1));

    view.clearSession();
    view.redraw();
    QVERIFY(view.series(QStringLiteral("value"))->points().isEmpty());
    QVERIFY(view.series(QStringLiteral("newest"))->points().isEmpty());
}

void TestModelView::alarmsPerHourAndLabelledPrecisionRecall()
{
    ModelView view;
    view.setModel(m_model, m_identity);
    const double hour = 1700000000.0 - std::fmod(1700000000.0, 3600.0);
    // Two alarms in the first hour, one in the next.
    view.addResults(block({hour + 10, hour + 20, hour + 30}, 4, 1, {1, 0, 1}, {1, 1, 1}));
    view.addResults(block({hour + 3700}, 4, 1, {1}, {1}));
    view.redraw();
    QCOMPARE(view.alarmBars()->count(), 2);
    QCOMPARE(view.alarmBars()->at(0), 2.0);
    QCOMPARE(view.alarmBars()->at(1), 1.0);
    QCOMPARE(view.alarmHours().size(), 2);
    QVERIFY(view.series(QStringLiteral("precision"))->points().isEmpty());

    // Labels: the first two samples anomalous. Alarms on 1, 1, 0, 1 → tp 2, fp 1, fn 0, tn 1...
    LabelTrack labels;
    labels.t = {hour + 100, hour + 101, hour + 102, hour + 103};
    labels.anomalous = {1, 1, 0, 0};
    view.setLabels(labels);
    view.addResults(block({hour + 100, hour + 101}, 4, 1, {0, 0}, {1, 0}));
    view.addResults(block({hour + 102, hour + 103}, 4, 1, {0, 0}, {1, 0}));
    view.redraw();
    // After the first block: tp 1, fn 1 → precision 1, recall 0.5. After both: tp 1, fp 1, fn 1,
    // tn 1 → precision 0.5, recall 0.5.
    const QList<QPointF> precision = view.series(QStringLiteral("precision"))->points();
    const QList<QPointF> recall = view.series(QStringLiteral("recall"))->points();
    QCOMPARE(precision.size(), 2);
    QCOMPARE(precision[0], QPointF((hour + 101) * 1000, 1.0));
    QCOMPARE(precision[1], QPointF((hour + 103) * 1000, 0.5));
    QCOMPARE(recall[1].y(), 0.5);
    QCOMPARE(view.tally().confusion().total(), std::uint64_t(4));
}

void TestModelView::theConsoleShowsItsModelAndTakesLabels()
{
    QTemporaryDir dir;
    const QString labels = dir.filePath(QStringLiteral("truth.csv"));
    QFile file(labels);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("t,seq,label,channel\n1700000000,0,0,\n1700000000.1,1,1,voltage\n");
    file.close();

    MainWindow window;
    ConsoleOptions options;
    options.noHttp = true;
    options.modelPath = kModelFile;
    options.labelsPath = labels;
    QString error;
    QVERIFY2(window.start(options, &error), qPrintable(error));
    QVERIFY(window.modelView()->tally().hasLabels());
    QVERIFY(window.modelView()->factsText().contains(m_identity.sha256));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("modelDock"));
    QVERIFY(dock);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(!dock->isVisible());
    // File › Model details (Ctrl+I) opens it on the model's facts.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(dock->isVisible());
    QCOMPARE(window.modelView()->tabs()->currentIndex(), 0);

    MainWindow refused;
    options.labelsPath = dir.filePath(QStringLiteral("missing.csv"));
    QVERIFY(!refused.start(options, &error));
    QVERIFY2(error.contains(QStringLiteral("missing.csv")), qPrintable(error));
    QVERIFY(!refused.modelView()->tally().hasLabels());
}

QTEST_MAIN(TestModelView)
#include "tst_modelview.moc"
