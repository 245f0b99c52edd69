#include "plot/historychunk.h"
#include "plot/samplehistory.h"
#include "plottestutil.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using fw::PlotColumn;
using fw::SampleHistory;
using fw::detect::Severity;
using fw::plottest::makeBlock;
using fw::plottest::makeResults;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRateHz = 100;
constexpr double kHistoryS = 4000; // 400 k samples: seven chunks
constexpr double kStart = 1.7e9;   // epoch seconds, as sources send them
constexpr double kSpike = 50;      // far above the ±1 baseline

double baseline(std::size_t row)
{
    return std::sin(double(row) * 0.01);
}

// Channel 0 spikes up and channel 1 down at spikeRow; nothing else leaves [−1, 1].
SampleHistory *historyWithSpikeAt(std::size_t spikeRow)
{
    static std::size_t builtFor = std::size_t(-1);
    static SampleHistory history(2);
    if (builtFor != spikeRow) {
        history.clear();
        const auto rows = std::size_t(kHistoryS * kRateHz);
        history.appendSamples(*makeBlock(2, kStart, 1 / kRateHz, rows, [&](std::size_t row, int c) {
            const double v = baseline(row);
            return row == spikeRow ? (c == 0 ? kSpike : -kSpike) : v;
        }));
        builtFor = spikeRow;
    }
    return &history;
}

// What columns() must return, from the samples one by one.
std::vector<PlotColumn> bruteForce(const SampleHistory &history, int channel, double t0, double t1,
                                   int width)
{
    std::vector<PlotColumn> out(static_cast<std::size_t>(width));
    std::vector<double> edges(static_cast<std::size_t>(width));
    for (int c = 0; c < width; ++c) {
        edges[std::size_t(c)] = t0 + (t1 - t0) * c / width;
    }
    for (std::int64_t i = history.firstIndex(); i < history.endIndex(); ++i) {
        const double t = history.time(i);
        if (t < t0 || t > t1) {
            continue;
        }
        const auto c
            = std::size_t(std::upper_bound(edges.begin(), edges.end(), t) - edges.begin() - 1);
        PlotColumn &column = out[c];
        const double v = history.value(i, channel);
        if (column.count == 0) {
            column.first = v;
        }
        column.last = v;
        ++column.count;
        column.severity = std::max(column.severity, std::uint8_t(history.severity(i)));
        if (!std::isnan(v)) {
            column.min = std::isnan(column.min) ? v : std::min(column.min, v);
            column.max = std::isnan(column.max) ? v : std::max(column.max, v);
        }
    }
    return out;
}

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

class TestDecimation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aOneSampleSpikeSurvivesEveryZoomLevel_data();
    void aOneSampleSpikeSurvivesEveryZoomLevel();
    void columnsMatchABruteForceMinMaxOnRandomData_data();
    void columnsMatchABruteForceMinMaxOnRandomData();
    void missingValuesMakeGapsNotZeros();
    void emptyOrInvertedRangesGiveNoColumns();
};

void TestDecimation::aOneSampleSpikeSurvivesEveryZoomLevel_data()
{
    QTest::addColumn<qsizetype>("spikeRow");
    QTest::addColumn<double>("span");    // seconds in view; 0 = the whole history
    QTest::addColumn<double>("spikeAt"); // where in the view the spike is, 0 … 1
    QTest::addColumn<int>("width");
    const auto chunk = qsizetype(fw::HistoryChunk::kSamples);
    const auto last = qsizetype(kHistoryS * kRateHz) - 1;
    const QList<std::pair<const char *, qsizetype>> spikes = {{"mid-chunk", 123457},
                                                              {"chunk start", 3 * chunk},
                                                              {"chunk end", 2 * chunk - 1},
                                                              {"newest sample", last}};
    for (const auto &[where, row] : spikes) {
        for (const double span : {10.0, 60.0, 600.0, 3600.0, 0.0}) {
            for (const int width : {1, 333, 1000, 2560}) {
                const double at = row == last ? 1.0 : 0.37;
                QTest::addRow("%s, %gs, %dpx", where, span, width) << row << span << at << width;
            }
        }
    }
}

void TestDecimation::aOneSampleSpikeSurvivesEveryZoomLevel()
{
    QFETCH(qsizetype, spikeRow);
    QFETCH(double, span);
    QFETCH(double, spikeAt);
    QFETCH(int, width);
    const SampleHistory &history = *historyWithSpikeAt(std::size_t(spikeRow));
    const double spikeT = history.time(history.firstIndex() + spikeRow);
    double t0 = history.firstTime();
    double t1 = history.newestTime();
    if (span > 0) {
        t0 = spikeT - spikeAt * span;
        t1 = t0 + span;
    }
    const std::vector<PlotColumn> up = history.columns(0, t0, t1, width);
    const std::vector<PlotColumn> down = history.columns(1, t0, t1, width);
    QCOMPARE(int(up.size()), width);
    QVERIFY(up.size() <= 2 * std::size_t(width));
    // Columns before the data have no value (NaN): they must not win.
    const auto peak = std::max_element(up.begin(), up.end(), [](const auto &a, const auto &b) {
        return b.hasValue() && !(a.max >= b.max);
    });
    const auto trough
        = std::min_element(down.begin(), down.end(), [](const auto &a, const auto &b) {
              return a.hasValue() && !(a.min >= b.min);
          });
    QCOMPARE(peak->max, kSpike);
    QCOMPARE(trough->min, -kSpike);
    // In the column that holds the spike's time.
    const auto expected
        = std::min(std::ptrdiff_t((spikeT - t0) / (t1 - t0) * width), std::ptrdiff_t(width - 1));
    QVERIFY(std::abs((peak - up.begin()) - expected) <= 1);
    QCOMPARE(peak - up.begin(), trough - down.begin());
}

void TestDecimation::columnsMatchABruteForceMinMaxOnRandomData_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("from"); // fraction of the history's span
    QTest::addColumn<double>("to");
    for (const int width : {1, 7, 640, 1999}) {
        QTest::addRow("%dpx, everything", width) << width << 0.0 << 1.0;
        QTest::addRow("%dpx, a sliver", width) << width << 0.4 << 0.4003;
        QTest::addRow("%dpx, across chunks", width) << width << 0.21 << 0.83;
        QTest::addRow("%dpx, beyond both ends", width) << width << -0.2 << 1.3;
        QTest::addRow("%dpx, before the data", width) << width << -0.5 << -0.1;
    }
}

void TestDecimation::columnsMatchABruteForceMinMaxOnRandomData()
{
    QFETCH(int, width);
    QFETCH(double, from);
    QFETCH(double, to);
    static SampleHistory *history = nullptr;
    if (!history) {
        // Irregular times (repeats included), random values, runs of missing values, severities.
        static SampleHistory random(3);
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> value(-1000, 1000);
        std::exponential_distribution<double> gap(1000);
        std::bernoulli_distribution missing(0.02);
        std::bernoulli_distribution repeat(0.05);
        double t = kStart;
        for (int b = 0; b < 30; ++b) {
            auto block = std::make_shared<fw::SampleBlock>(3);
            std::vector<double> row(3);
            for (int i = 0; i < 9000; ++i) {
                t += repeat(rng) ? 0.0 : gap(rng);
                for (double &v : row) {
                    v = missing(rng) || (b == 7 && i > 100 && i < 3000) ? kNaN : value(rng);
                }
                block->append(t, i, row);
            }
            const fw::SampleBlockPtr ptr = block;
            random.appendSamples(*ptr);
            std::vector<Severity> severities(block->size());
            std::uniform_int_distribution<int> level(0, 3);
            for (Severity &s : severities) {
                s = std::bernoulli_distribution(0.01)(rng) ? Severity(level(rng)) : Severity::None;
            }
            random.appendResults(makeResults(ptr, severities, true));
        }
        history = &random;
    }
    const double first = history->firstTime();
    const double span = history->newestTime() - first;
    const double t0 = first + from * span;
    const double t1 = first + to * span;

    for (int channel = 0; channel < 3; ++channel) {
        const std::vector<PlotColumn> got = history->columns(channel, t0, t1, width);
        const std::vector<PlotColumn> want = bruteForce(*history, channel, t0, t1, width);
        QCOMPARE(got.size(), want.size());
        for (std::size_t c = 0; c < got.size(); ++c) {
            const QByteArray where
                = QByteArray::number(channel) + ":" + QByteArray::number(qulonglong(c));
            QVERIFY2(got[c].count == want[c].count, where.constData());
            QVERIFY2(sameValue(got[c].min, want[c].min), where.constData());
            QVERIFY2(sameValue(got[c].max, want[c].max), where.constData());
            QVERIFY2(sameValue(got[c].first, want[c].first), where.constData());
            QVERIFY2(sameValue(got[c].last, want[c].last), where.constData());
            QVERIFY2(got[c].severity == want[c].severity, where.constData());
        }
    }
}

void TestDecimation::missingValuesMakeGapsNotZeros()
{
    // Values far from zero with a missing stretch in the middle: no column may report 0.
    SampleHistory history(1);
    history.appendSamples(*makeBlock(1, 0, 0.001, 100000, [](std::size_t row, int) {
        return row >= 40000 && row < 60000 ? kNaN : 500.0 + double(row % 7);
    }));
    for (const int width : {10, 100, 1000}) {
        const std::vector<PlotColumn> columns = history.columns(0, 0, 99.999, width);
        int gaps = 0;
        for (const PlotColumn &column : columns) {
            QVERIFY(!column.isEmpty());
            if (!column.hasValue()) {
                ++gaps;
                QVERIFY(std::isnan(column.min) && std::isnan(column.max));
                continue;
            }
            QVERIFY(column.min >= 500 && column.max <= 506);
        }
        // 20 % of the span is missing: whole columns inside it are gaps.
        QVERIFY2(gaps >= width / 5 - 2 && gaps <= width / 5, qPrintable(QString::number(gaps)));
    }
}

void TestDecimation::emptyOrInvertedRangesGiveNoColumns()
{
    SampleHistory history(1);
    history.appendSamples(*makeBlock(1, 0, 1, 10, [](std::size_t, int) { return 1.0; }));
    QVERIFY(history.columns(0, 5, 5, 100).empty());
    QVERIFY(history.columns(0, 6, 5, 100).empty());
    QVERIFY(history.columns(0, 0, 10, 0).empty());
    QVERIFY(history.columns(1, 0, 10, 10).empty()); // no such channel
    QVERIFY(history.columns(0, kNaN, 10, 10).empty());
    const std::vector<PlotColumn> sparse = history.columns(0, 0, 9, 90);
    QCOMPARE(sparse.size(), 90u);
    QCOMPARE(
        std::count_if(sparse.begin(), sparse.end(), [](const auto &c) { return !c.isEmpty(); }),
        10);
}

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
