// simulate → train → score with the real executable and real files: the results line up with the
// input row for row, the metrics agree with the alarm column and the ground truth, and bad input
// fails with a reason and the right exit code.
#include "clirunner.h"
#include "service/simulationrun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fw;
using namespace fw::test;

namespace {

constexpr int kRate = 10;
constexpr int kDurationS = 200;
constexpr int kSamples = kRate * kDurationS;
constexpr std::uint64_t kFaultySeed = 5;
constexpr double kCorrupt = 0.01;
constexpr int kTrainRows = 400;

QJsonObject lastJsonLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.constLast()).object();
}

// A csv file's rows as fields, header first.
QList<QList<QByteArray>> readCsv(const QString &path, char delimiter = ',')
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QList<QByteArray>> rows;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty()) {
            rows.append(line.split(delimiter));
        }
    }
    return rows;
}

qint64 count(const QJsonObject &summary, const char *key)
{
    return summary.value(QString::fromLatin1(key)).toInteger(-1);
}

// Confusion counts recomputed from an output file, to hold against score's summary.
struct Confusion
{
    qint64 tp = 0;
    qint64 fp = 0;
    qint64 fn = 0;
    qint64 tn = 0;

    void add(bool alarm, bool anomalous)
    {
        (alarm ? (anomalous ? tp : fp) : (anomalous ? fn : tn)) += 1;
    }
    [[nodiscard]] bool matches(const QJsonObject &summary) const
    {
        const bool same = count(summary, "tp") == tp && count(summary, "fp") == fp
                          && count(summary, "fn") == fn && count(summary, "tn") == tn;
        if (!same) {
            qWarning("recounted tp %lld fp %lld fn %lld tn %lld", tp, fp, fn, tn);
        }
        return same;
    }
};

// The summary's rates follow from its own counts, as skab.sh relies on.
void verifyRates(const QJsonObject &summary)
{
    const double tp = double(count(summary, "tp"));
    const double fp = double(count(summary, "fp"));
    const double fn = double(count(summary, "fn"));
    const double tn = double(count(summary, "tn"));
    QVERIFY(tp + fn > 0 && fp + tn > 0);
    QCOMPARE(summary.value(QStringLiteral("f1")).toDouble(), tp / (tp + (fn + fp) / 2));
    QCOMPARE(summary.value(QStringLiteral("far")).toDouble(), fp / (fp + tn));
    QCOMPARE(summary.value(QStringLiteral("mar")).toDouble(), fn / (fn + tp));
    QCOMPARE(summary.value(QStringLiteral("recall")).toDouble(), tp / (tp + fn));
}

} // namespace

class TestTrainScore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainPrintsASummaryAndWritesTheModel();
    void scoreWithLabelsFileAgreesWithTheAlarmColumn();
    void trainRowsAreScoredButNotCounted();
    void modelPathComesFromTheEnvironment();
    void trainingOnTooLittleDataIsWarnedAbout();
    void aBuiltinProfileScoresWithItsBundledModel();
    void badInputFailsWithAReason_data();
    void badInputFailsWithAReason();

private:
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    void simulate(const char *to, std::uint64_t seed, const QStringList &more);

    QTemporaryDir m_dir;
    QJsonObject m_trainSummary;
};

void TestTrainScore::simulate(const char *to, std::uint64_t seed, const QStringList &more)
{
    const CliResult result = runCli(
        QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), path(to),
                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--rate"),
                    QString::number(kRate), QStringLiteral("--duration"),
                    QString::number(kDurationS), QStringLiteral("--seed"), QString::number(seed),
                    QStringLiteral("--start"), QStringLiteral("1732400000")}
        + more);
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
}

void TestTrainScore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qunsetenv("MODEL_PATH");
    simulate("nominal.csv", 1, {});
    simulate("faulty.csv", kFaultySeed,
             {QStringLiteral("--scenario"), QStringLiteral("step:pressure"),
              QStringLiteral("--labels"), path("faulty.labels.csv"), QStringLiteral("--corrupt"),
              QString::number(kCorrupt)});
    // The same fault without corruption, and its labels as a column of the data, ';'-separated
    // as SKAB's files are.
    simulate("clean.csv", kFaultySeed,
             {QStringLiteral("--scenario"), QStringLiteral("step:pressure"),
              QStringLiteral("--labels"), path("clean.labels.csv")});
    const auto data = readCsv(path("clean.csv"));
    const auto labels = readCsv(path("clean.labels.csv"));
    QCOMPARE(data.size(), kSamples + 1);
    QCOMPARE(labels.size(), kSamples + 1);
    QFile labeled(path("labeled.csv"));
    QVERIFY(labeled.open(QIODevice::WriteOnly));
    for (int i = 0; i < data.size(); ++i) {
        labeled.write(data[i].join(';') + ';' + (i == 0 ? QByteArray("anomaly") : labels[i][2])
                      + '\n');
    }
}

void TestTrainScore::trainPrintsASummaryAndWritesTheModel()
{
    const CliResult result
        = runCli({QStringLiteral("train"), QStringLiteral("--input"), path("nominal.csv"),
                  QStringLiteral("--output"), path("model.json"), QStringLiteral("--seed"),
                  QStringLiteral("3")});
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    m_trainSummary = lastJsonLine(result.out);
    QCOMPARE(count(m_trainSummary, "rows"), kSamples);
    QCOMPARE(count(m_trainSummary, "features"), 4);
    QCOMPARE(count(m_trainSummary, "calibration_rows"), kSamples / 2);
    QCOMPARE(m_trainSummary.value(QStringLiteral("threshold")).toDouble(), 0.995);
    const QString sha = m_trainSummary.value(QStringLiteral("sha256")).toString();
    QCOMPARE(sha.size(), 64);
    QVERIFY(QFile::exists(path("model.json")));
    QVERIFY2(result.err.contains(sha.toLatin1()), result.err.constData());

    // Same data and seed, same model.
    const CliResult again
        = runCli({QStringLiteral("train"), QStringLiteral("--input"), path("nominal.csv"),
                  QStringLiteral("--output"), path("model2.json"), QStringLiteral("--seed"),
                  QStringLiteral("3")});
    QCOMPARE(lastJsonLine(again.out).value(QStringLiteral("sha256")).toString(), sha);

    // The forest raises nothing alone unless asked to.
    const auto forestRaises = [](const QString &file) {
        QFile model(file);
        return model.open(QIODevice::ReadOnly)
               && QJsonDocument::fromJson(model.readAll())
                      .object()[QStringLiteral("policy")]
                      .toObject()[QStringLiteral("forest_raises")]
                      .toBool(true);
    };
    QVERIFY(!forestRaises(path("model.json")));
    const CliResult asked = runCli({QStringLiteral("train"), QStringLiteral("--input"),
                                    path("nominal.csv"), QStringLiteral("--output"),
                                    path("model3.json"), QStringLiteral("--forest-alarms")});
    QVERIFY2(asked.finished && asked.exitCode == 0, asked.err.constData());
    QVERIFY(forestRaises(path("model3.json")));
}

void TestTrainScore::scoreWithLabelsFileAgreesWithTheAlarmColumn()
{
    const CliResult result
        = runCli({QStringLiteral("score"), QStringLiteral("--model"), path("model.json"),
                  QStringLiteral("--input"), path("faulty.csv"), QStringLiteral("--output"),
                  path("out.csv"), QStringLiteral("--labels"), path("faulty.labels.csv")});
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    const QJsonObject summary = lastJsonLine(result.out);

    // Corrupted records are skipped by the decoder, counted, and have no result row.
    std::vector<int> intact;
    for (int i = 0; i < kSamples; ++i) {
        if (!SimulationRun::isCorrupted(kFaultySeed, std::uint64_t(i), kCorrupt)) {
            intact.push_back(i);
        }
    }
    const auto corrupted = qint64(kSamples) - qint64(intact.size());
    QVERIFY(corrupted > 0);
    QCOMPARE(count(summary, "skipped_lines"), corrupted);
    QVERIFY2(result.err.contains(QStringLiteral("skipped %1 lines").arg(corrupted).toLatin1()),
             result.err.constData());
    QCOMPARE(count(summary, "rows"), qint64(intact.size()));
    QCOMPARE(count(summary, "scored_rows"), qint64(intact.size()));

    const auto out = readCsv(path("out.csv"));
    QCOMPARE(out.size(), qsizetype(intact.size()) + 1);
    QCOMPARE(out[0].join(','),
             QByteArray("t,score,confidence,alarm,severity,"
                        "attribution_temperature,attribution_voltage,"
                        "attribution_vibration,attribution_pressure,reason,finding"));
    const auto labels = readCsv(path("faulty.labels.csv"));
    Confusion counted;
    qint64 alarms = 0;
    for (std::size_t r = 0; r < intact.size(); ++r) {
        const QList<QByteArray> &row = out[qsizetype(r) + 1];
        const QList<QByteArray> &label = labels[intact[r] + 1];
        QCOMPARE(row.size(), 11);
        QCOMPARE(row[0].toDouble(), 1732400000.0 + intact[r] / double(kRate));
        QCOMPARE(row[0], label[0]);
        const bool alarm = row[3] == "1";
        QVERIFY(alarm || row[3] == "0");
        const bool anomalous = label[2] == "1";
        alarms += alarm ? 1 : 0;
        counted.add(alarm, anomalous);
    }
    QCOMPARE(count(summary, "alarm_rows"), alarms);
    QVERIFY(counted.matches(summary));
    QCOMPARE(count(summary, "unlabeled_rows"), 0);
    verifyRates(summary);
    // A step of the default size is not subtle: the detector finds it.
    QVERIFY2(counted.tp > 0, result.out.constData());
    QCOMPARE(summary.value(QStringLiteral("model_sha256")),
             m_trainSummary.value(QStringLiteral("sha256")));
}

void TestTrainScore::trainingOnTooLittleDataIsWarnedAbout()
{
    // 200 s at 10 Hz is enough, said nothing above; the console refuses below the same minimum
    // that train warns about here.
    QVERIFY(!m_trainSummary.value(QStringLiteral("warnings"))
                 .toVariant()
                 .toStringList()
                 .join(u'\n')
                 .contains(QStringLiteral("a model needs at least")));
    const QString shortFile = path("short.csv");
    const CliResult sim
        = runCli({QStringLiteral("simulate"), QStringLiteral("--to"), shortFile,
                  QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--seed"),
                  QStringLiteral("2"), QStringLiteral("--fast")});
    QVERIFY2(sim.finished && sim.exitCode == 0, sim.err.constData());
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--input"), shortFile,
                                     QStringLiteral("--output"), path("short.json")});
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("warning: trained on 600 rows over 60 s; a model needs at least "
                                 "1200 rows over 120 s"),
             result.err.constData());
}

void TestTrainScore::trainRowsAreScoredButNotCounted()
{
    const CliResult result = runCli(
        {QStringLiteral("score"), QStringLiteral("--train-rows"), QString::number(kTrainRows),
         QStringLiteral("--input"), path("labeled.csv"), QStringLiteral("--output"),
         path("trained.csv"), QStringLiteral("--labels-column"), QStringLiteral("anomaly")});
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    const QJsonObject summary = lastJsonLine(result.out);
    QCOMPARE(count(summary, "rows"), kSamples);
    QCOMPARE(count(summary, "train_rows"), kTrainRows);
    QCOMPARE(count(summary, "scored_rows"), kSamples - kTrainRows);
    QCOMPARE(count(summary, "labeled_rows"), kSamples - kTrainRows);

    const auto out = readCsv(path("trained.csv"));
    const auto input = readCsv(path("labeled.csv"), ';');
    QCOMPARE(out.size(), kSamples + 1);
    Confusion counted;
    for (int r = 1; r <= kSamples; ++r) {
        QCOMPARE(out[r][0], input[r][0]);
        if (r - 1 < kTrainRows) {
            continue;
        }
        const bool alarm = out[r][3] == "1";
        counted.add(alarm, input[r].constLast() == "1");
    }
    QVERIFY(counted.matches(summary));
    verifyRates(summary);
}

void TestTrainScore::modelPathComesFromTheEnvironment()
{
    qputenv("MODEL_PATH", path("model.json").toLocal8Bit());
    const CliResult result
        = runCli({QStringLiteral("score"), QStringLiteral("--input"), path("nominal.csv"),
                  QStringLiteral("--output"), path("env.csv")});
    qunsetenv("MODEL_PATH");
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    const QJsonObject summary = lastJsonLine(result.out);
    QCOMPARE(count(summary, "rows"), kSamples);
    QVERIFY(!summary.contains(QStringLiteral("f1"))); // no labels, no metrics
    QCOMPARE(summary.value(QStringLiteral("model_sha256")),
             m_trainSummary.value(QStringLiteral("sha256")));
}

void TestTrainScore::aBuiltinProfileScoresWithItsBundledModel()
{
    // nominal.csv is spacecraft telemetry: the spacecraft profile's bundled model scores it.
    const CliResult result
        = runCli({QStringLiteral("score"), QStringLiteral("--input"), path("nominal.csv"),
                  QStringLiteral("--profile"), QStringLiteral("spacecraft"),
                  QStringLiteral("--output"), path("bundled.csv")});
    QVERIFY2(result.finished && result.exitCode == 0, result.err.constData());
    const QJsonObject summary = lastJsonLine(result.out);
    QCOMPARE(count(summary, "rows"), kSamples);
    QCOMPARE(summary.value(QStringLiteral("model_sha256")).toString().size(), 64);
    QVERIFY(summary.value(QStringLiteral("model_sha256"))
            != m_trainSummary.value(QStringLiteral("sha256"))); // not the model trained here
}

void TestTrainScore::badInputFailsWithAReason_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    const QString score = QStringLiteral("score");
    const QString train = QStringLiteral("train");
    const QString input = QStringLiteral("--input");
    const QString output = QStringLiteral("--output");
    const QString model = QStringLiteral("--model");
    const QString out = QStringLiteral("{dir}/bad.csv");
    const QString modelFile = QStringLiteral("{dir}/model.json");
    const QString faulty = QStringLiteral("{dir}/faulty.csv");
    QTest::newRow("missing input file")
        << QStringList{score,  model, modelFile, input, QStringLiteral("{dir}/none.csv"),
                       output, out}
        << 1 << "{dir}/none.csv: cannot open";
    QTest::newRow("columns of another profile")
        << QStringList{score,
                       QStringLiteral("--train-rows"),
                       QStringLiteral("400"),
                       QStringLiteral("--profile"),
                       QStringLiteral("skab"),
                       input,
                       faulty,
                       output,
                       out}
        << 1
        << "{dir}/faulty.csv: no value for channel 'vibration2' (column 'Accelerometer2RMS') of "
           "profile skab";
    QTest::newRow("labels column that does not exist")
        << QStringList{score,
                       model,
                       modelFile,
                       input,
                       faulty,
                       output,
                       out,
                       QStringLiteral("--labels-column"),
                       QStringLiteral("anomaly")}
        << 1 << "{dir}/faulty.csv: no labels column 'anomaly'";
    QTest::newRow("train rows beyond the file")
        << QStringList{score, QStringLiteral("--train-rows"),      QStringLiteral("5000"),
                       input, QStringLiteral("{dir}/labeled.csv"), output,
                       out}
        << 1 << "--train-rows 5000 leaves nothing to score: the file has 2000 rows";
    QTest::newRow("missing labels file") << QStringList{score,
                                                        model,
                                                        modelFile,
                                                        input,
                                                        faulty,
                                                        output,
                                                        out,
                                                        QStringLiteral("--labels"),
                                                        QStringLiteral("{dir}/none.labels.csv")}
                                         << 1 << "{dir}/none.labels.csv: cannot open labels";
    QTest::newRow("missing model file")
        << QStringList{score, model, QStringLiteral("{dir}/none.json"), input, faulty, output, out}
        << 1 << "{dir}/none.json";
    QTest::newRow("model of another profile") << QStringList{
        score,  model,  modelFile, QStringLiteral("--profile"), QStringLiteral("skab"), input,
        faulty, output, out} << 1 << "{dir}/model.json";
    QTest::newRow("no model at all")
        << QStringList{score, input, faulty, output, out} << 2 << "no model";
    QTest::newRow("model and train rows") << QStringList{
        score,  model,  modelFile, QStringLiteral("--train-rows"), QStringLiteral("10"), input,
        faulty, output, out} << 2 << "not both";
    QTest::newRow("two kinds of labels") << QStringList{score,
                                                        model,
                                                        modelFile,
                                                        input,
                                                        faulty,
                                                        output,
                                                        out,
                                                        QStringLiteral("--labels"),
                                                        faulty,
                                                        QStringLiteral("--labels-column"),
                                                        QStringLiteral("x")}
                                         << 2 << "not both";
    QTest::newRow("score without output")
        << QStringList{score, model, modelFile, input, faulty} << 2 << "--output OUT are required";
    QTest::newRow("train without output")
        << QStringList{train, input, QStringLiteral("{dir}/nominal.csv")} << 2
        << "--output FILE are required";
    QTest::newRow("train zero trees") << QStringList{train,
                                                     input,
                                                     QStringLiteral("{dir}/nominal.csv"),
                                                     output,
                                                     QStringLiteral("{dir}/m.json"),
                                                     QStringLiteral("--trees"),
                                                     QStringLiteral("0")}
                                      << 2 << "--trees: expected an integer from 1";
    QTest::newRow("train calibration fraction of one")
        << QStringList{train,
                       input,
                       QStringLiteral("{dir}/nominal.csv"),
                       output,
                       QStringLiteral("{dir}/m.json"),
                       QStringLiteral("--calibration-fraction"),
                       QStringLiteral("1")}
        << 2 << "--calibration-fraction";
    QTest::newRow("train unknown profile") << QStringList{train,
                                                          input,
                                                          QStringLiteral("{dir}/nominal.csv"),
                                                          output,
                                                          QStringLiteral("{dir}/m.json"),
                                                          QStringLiteral("--profile"),
                                                          QStringLiteral("submarine")}
                                           << 2 << "submarine";
    QTest::newRow("train on a missing file")
        << QStringList{train, input, QStringLiteral("{dir}/none.csv"), output,
                       QStringLiteral("{dir}/m.json")}
        << 1 << "{dir}/none.csv: cannot open";
    QTest::newRow("train with missing calibration file")
        << QStringList{train,
                       input,
                       QStringLiteral("{dir}/nominal.csv"),
                       output,
                       QStringLiteral("{dir}/m.json"),
                       QStringLiteral("--calibration"),
                       QStringLiteral("{dir}/none.csv")}
        << 1 << "{dir}/none.csv: cannot open";
}

void TestTrainScore::badInputFailsWithAReason()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    const QString dir = m_dir.path();
    arguments.replaceInStrings(QStringLiteral("{dir}"), dir);
    reason.replace(QStringLiteral("{dir}"), dir);
    const CliResult result = runCli(arguments, 20000);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(result.err).contains(reason), result.err.constData());
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFile::exists(dir + QStringLiteral("/bad.csv")));
    QVERIFY(!QFile::exists(dir + QStringLiteral("/m.json")));
}

QTEST_GUILESS_MAIN(TestTrainScore)
#include "tst_trainscore.moc"
