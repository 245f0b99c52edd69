// Choosing a recording's profile from its first bytes: by channels found, then by values within
// each built-in profile's limits (spacecraft and EV recordings share their column names).
#include "telemetry/profilematch.h"

#include <QTest>

using namespace fw;

namespace {

Profile builtin(const QString &name)
{
    QString error;
    std::optional<Profile> profile = Profile::load(name, &error);
    return profile ? *profile : Profile{};
}

// rows of t,seq,temperature,voltage,vibration,pressure with a little movement.
QByteArray csv(double temperature, double voltage, double vibration, double pressure, int rows = 50)
{
    QByteArray out = "t,seq,temperature,voltage,vibration,pressure\n";
    for (int i = 0; i < rows; ++i) {
        const double wiggle = 1.0 + 0.01 * (i % 5);
        out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                   .arg(1.7e9 + 0.1 * i, 0, 'f', 1)
                   .arg(i)
                   .arg(temperature * wiggle)
                   .arg(voltage * wiggle)
                   .arg(vibration * wiggle)
                   .arg(pressure * wiggle)
                   .toUtf8();
    }
    return out;
}

} // namespace

class TestProfileMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFittingRecordingKeepsTheProfile();
    void anEvRecordingUnderTheSpacecraftProfilePicksEv();
    void aSpacecraftRecordingUnderTheEvProfilePicksSpacecraft();
    void aSkabFilePicksSkab();
    void unknownColumnsAreRefused();
    void jsonKeysAreMatchedToo();
    void aFaultOutsideTheLimitsKeepsAFittingProfile();
    void aCutLastLineIsNotCounted();
};

void TestProfileMatch::aFittingRecordingKeepsTheProfile()
{
    const ProfileChoice choice = chooseProfile(builtin(QStringLiteral("spacecraft")),
                                               WireFormat::Csv, csv(20, 28, 0.05, 15));
    QVERIFY(!choice.profile);
    QVERIFY(!choice.refused);
    QVERIFY(choice.current.allChannels());
    QCOMPARE(choice.current.insideShare(), 1.0);
    QCOMPARE(choice.current.values, std::size_t(200));
}

void TestProfileMatch::anEvRecordingUnderTheSpacecraftProfilePicksEv()
{
    const ProfileChoice choice = chooseProfile(builtin(QStringLiteral("spacecraft")),
                                               WireFormat::Csv, csv(30, 380, 2, 150));
    QVERIFY(choice.profile);
    QCOMPARE(choice.profile->name, QStringLiteral("ev"));
    QCOMPARE(choice.chosen.insideShare(), 1.0);
    QVERIFY(choice.current.insideShare() < 0.5); // only the temperature fits a spacecraft
}

void TestProfileMatch::aSpacecraftRecordingUnderTheEvProfilePicksSpacecraft()
{
    const ProfileChoice choice
        = chooseProfile(builtin(QStringLiteral("ev")), WireFormat::Csv, csv(20, 28, 0.05, 15));
    QVERIFY(choice.profile);
    QCOMPARE(choice.profile->name, QStringLiteral("spacecraft"));
}

void TestProfileMatch::aSkabFilePicksSkab()
{
    // SKAB's own column names, semicolon-separated, as its files come.
    QByteArray data = "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;"
                      "Temperature;Thermocouple;Voltage;Volume Flow RateRMS\n";
    for (int i = 0; i < 30; ++i) {
        data += QStringLiteral("2020-03-09 10:14:%1;0.027;0.040;1.3;0.05;71.5;24.9;240;32\n")
                    .arg(i + 10)
                    .toUtf8();
    }
    const ProfileChoice choice
        = chooseProfile(builtin(QStringLiteral("spacecraft")), WireFormat::Csv, data);
    QVERIFY(choice.profile);
    QCOMPARE(choice.profile->name, QStringLiteral("skab"));
    QCOMPARE(choice.chosen.channelsFound, 8);
}

void TestProfileMatch::unknownColumnsAreRefused()
{
    const QByteArray data = "t,rpm,torque\n1700000000,1200,40\n1700000001,1210,41\n";
    const ProfileChoice choice
        = chooseProfile(builtin(QStringLiteral("spacecraft")), WireFormat::Csv, data);
    QVERIFY(choice.refused);
    QVERIFY(!choice.profile);
    QCOMPARE(choice.current.channelsFound, 0);
    QCOMPARE(recordNames(WireFormat::Csv, data),
             QStringList({QStringLiteral("t"), QStringLiteral("rpm"), QStringLiteral("torque")}));
}

void TestProfileMatch::jsonKeysAreMatchedToo()
{
    QByteArray data;
    for (int i = 0; i < 20; ++i) {
        data += QStringLiteral(R"({"t":%1,"temperature":30,"voltage":385,"vibration":1.5,)"
                               R"("pressure":160})"
                               "\n")
                    .arg(1.7e9 + i, 0, 'f', 0)
                    .toUtf8();
    }
    const ProfileChoice choice
        = chooseProfile(builtin(QStringLiteral("spacecraft")), WireFormat::Jsonl, data);
    QVERIFY(choice.profile);
    QCOMPARE(choice.profile->name, QStringLiteral("ev"));
    const QByteArray foreign = R"({"t":1700000000,"rpm":1200})"
                               "\n";
    QVERIFY(chooseProfile(builtin(QStringLiteral("ev")), WireFormat::Jsonl, foreign).refused);
    QCOMPARE(recordNames(WireFormat::Jsonl, foreign),
             QStringList({QStringLiteral("rpm"), QStringLiteral("t")}));
}

void TestProfileMatch::aFaultOutsideTheLimitsKeepsAFittingProfile()
{
    // A spacecraft recording whose bus collapsed: a quarter of the values are outside, and no
    // other profile fits better. The operator sees the fault, not a different profile.
    const ProfileChoice choice = chooseProfile(builtin(QStringLiteral("spacecraft")),
                                               WireFormat::Csv, csv(20, 5, 0.05, 15));
    QVERIFY(!choice.profile);
    QVERIFY(!choice.refused);
    QVERIFY(choice.current.insideShare() < kFitShare);
}

void TestProfileMatch::aCutLastLineIsNotCounted()
{
    QByteArray data = csv(20, 28, 0.05, 15, 10);
    data += "1700000099.0,10,20,2"; // the head ends inside a line
    const ProfileFit fit = fitProfile(builtin(QStringLiteral("spacecraft")), WireFormat::Csv, data);
    QCOMPARE(fit.values, std::size_t(40));
    QCOMPARE(fit.inside, std::size_t(40));
}

QTEST_GUILESS_MAIN(TestProfileMatch)
#include "tst_profilematch.moc"
