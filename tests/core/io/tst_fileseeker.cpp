// Seeking in recordings by bisection: every format, header or not, a bad line in the way, and
// a cost that grows with the logarithm of the file's size.
#include "io/fileseeker.h"
#include "sourceharness.h"
#include "telemetry/decoder.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fw::WireFormat)

namespace {

constexpr double kT0 = 1732400000.0; // makeSamples: t = kT0 + seq / 64

// The first sample decoded from offset on, as the replay reads it after a seek.
std::optional<double> firstTimeFrom(const QString &path, WireFormat format, const Profile &profile,
                                    const QByteArray &header, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        return std::nullopt;
    }
    const QByteArray bytes = file.read(64 * 1024);
    std::unique_ptr<Decoder> decoder = makeDecoder(format, profile);
    SampleBlock block(profile.channelCount());
    if (offset > 0) {
        decoder->feed(std::string_view(header.constData(), std::size_t(header.size())), block);
    }
    decoder->feed(std::string_view(bytes.constData(), std::size_t(bytes.size())), block);
    if (block.isEmpty() || decoder->errors().total() != 0) {
        return std::nullopt; // a seek must land on a record boundary: nothing to skip or count
    }
    return block.t(0);
}

} // namespace

class TstFileSeeker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void landsJustBeforeTheTarget_data();
    void landsJustBeforeTheTarget();
    void aMalformedLineAtAProbeIsSteppedOver();
    void aFileWithoutSamplesHasNoTimes();
    void aMissingFileIsReported();

private:
    QString write(const QString &name, const std::string &bytes);

    QTemporaryDir m_dir;
};

void TstFileSeeker::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TstFileSeeker::write(const QString &name, const std::string &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

void TstFileSeeker::landsJustBeforeTheTarget_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<bool>("header");
    QTest::newRow("csv") << WireFormat::Csv << true;
    QTest::newRow("csv without header") << WireFormat::Csv << false;
    QTest::newRow("jsonl") << WireFormat::Jsonl << false;
    QTest::newRow("ccsds") << WireFormat::Ccsds << false;
}

void TstFileSeeker::landsJustBeforeTheTarget()
{
    QFETCH(WireFormat, format);
    QFETCH(bool, header);
    const Profile profile = benchProfile();
    // 16000 rows (below the 14-bit CCSDS count), from about 350 KiB to 1 MiB.
    const SampleBlock recorded = makeSamples(range(0, 16000));
    const QString name = u"seek%1%2"_s.arg(int(format)).arg(header ? u"h"_s : QString());
    const QString path = write(name, encodeStream(format, profile, recorded, header));
    FileSeeker seeker(path, format, profile);
    QString error;
    QVERIFY2(seeker.scan(&error), qPrintable(error));
    QCOMPARE(seeker.first(), recorded.t(0));
    QCOMPARE(seeker.last(), recorded.t(recorded.size() - 1));
    QCOMPARE(seeker.dataStart() > 0, header && format == WireFormat::Csv);
    QCOMPARE(seeker.header().size(), seeker.dataStart());

    const qint64 fileSize = QFileInfo(path).size();
    const double bytesPerRow = double(fileSize) / double(recorded.size());
    for (const std::int64_t seq : {std::int64_t(0), std::int64_t(1), std::int64_t(777),
                                   std::int64_t(8000), std::int64_t(15999)}) {
        const double target = kT0 + double(seq) / 64.0;
        const int probesBefore = seeker.probeCount();
        const qint64 offset = seeker.offsetFor(target);
        // O(log size) probes: about log2(size / kCloseEnoughBytes) + 1.
        QVERIFY2(seeker.probeCount() - probesBefore <= 6,
                 qPrintable(QString::number(seeker.probeCount() - probesBefore)));
        const std::optional<double> landed
            = firstTimeFrom(path, format, profile, seeker.header(), offset);
        QVERIFY2(landed, qPrintable(u"seq %1 offset %2"_s.arg(seq).arg(offset)));
        QVERIFY(*landed <= target);
        const double rowsToSkip = (target - *landed) * 64.0;
        QVERIFY2(rowsToSkip * bytesPerRow <= double(FileSeeker::kCloseEnoughBytes) + bytesPerRow,
                 qPrintable(u"seq %1: %2 rows to skip"_s.arg(seq).arg(rowsToSkip)));
    }
    QCOMPARE(seeker.offsetFor(kT0 - 100), seeker.dataStart());
    const std::optional<double> pastEnd
        = firstTimeFrom(path, format, profile, seeker.header(), seeker.offsetFor(kT0 + 1e6));
    QVERIFY(pastEnd && *pastEnd <= seeker.last());
}

void TstFileSeeker::aMalformedLineAtAProbeIsSteppedOver()
{
    const Profile profile = benchProfile();
    std::string bytes;
    for (int part = 0; part < 8; ++part) {
        bytes += encodeStream(WireFormat::Jsonl, profile,
                              makeSamples(range(part * 2000, (part + 1) * 2000)));
        bytes += "{\"t\": not json\n";
    }
    const QString path = write(u"bad lines.jsonl"_s, bytes);
    FileSeeker seeker(path, WireFormat::Jsonl, profile);
    QString error;
    QVERIFY2(seeker.scan(&error), qPrintable(error));
    QCOMPARE(seeker.last(), kT0 + 15999 / 64.0);
    for (const std::int64_t seq : {std::int64_t(1999), std::int64_t(2000), std::int64_t(9000)}) {
        const double target = kT0 + double(seq) / 64.0;
        const qint64 offset = seeker.offsetFor(target);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly) && file.seek(offset));
        const QByteArray rest = file.read(256 * 1024);
        std::unique_ptr<Decoder> decoder = makeDecoder(WireFormat::Jsonl, profile);
        SampleBlock block(2);
        decoder->feed(std::string_view(rest.constData(), std::size_t(rest.size())), block);
        QVERIFY(!block.isEmpty());
        QVERIFY(block.t(0) <= target);
        QVERIFY(block.t(block.size() - 1) >= target);
    }
}

void TstFileSeeker::aFileWithoutSamplesHasNoTimes()
{
    const Profile profile = benchProfile();
    const QString path = write(u"empty.csv"_s, "t,a,b\n");
    FileSeeker seeker(path, WireFormat::Csv, profile);
    QString error;
    QVERIFY2(seeker.scan(&error), qPrintable(error));
    QVERIFY(std::isnan(seeker.first()));
    QVERIFY(std::isnan(seeker.last()));
    QCOMPARE(seeker.offsetFor(kT0), seeker.dataStart());
}

void TstFileSeeker::aMissingFileIsReported()
{
    FileSeeker seeker(m_dir.filePath(u"never.csv"_s), WireFormat::Csv, benchProfile());
    QString error;
    QVERIFY(!seeker.scan(&error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TstFileSeeker)
#include "tst_fileseeker.moc"
