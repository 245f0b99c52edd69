#include "telemetry/profile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using fw::Profile;

class TestProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinProfilesLoad_data();
    void builtinProfilesLoad();
    void builtinChannelsHaveUnitsAndSensibleLimits();
    void skabChannelsAreReadFromItsColumnNames();
    void smallProfileGetsDefaults();
    void badProfileIsRefusedNamingTheField_data();
    void badProfileIsRefusedNamingTheField();
    void badFileIsRefusedNamingThePath();
    void unknownNameIsRefused();
};

void TestProfile::builtinProfilesLoad_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("apid");

    QTest::newRow("spacecraft") << QStringLiteral("spacecraft") << 4 << 100;
    QTest::newRow("ev") << QStringLiteral("ev") << 4 << 200;
    QTest::newRow("skab") << QStringLiteral("skab") << 8 << 300;
}

void TestProfile::builtinProfilesLoad()
{
    QFETCH(QString, name);
    QFETCH(int, channels);
    QFETCH(int, apid);

    QString error;
    const auto profile = Profile::load(name, &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->name, name);
    QCOMPARE(profile->channelCount(), channels);
    QCOMPARE(profile->apid, apid);
    QCOMPARE(profile->epoch, 0.0);
    QVERIFY(Profile::builtinNames().contains(name));
}

void TestProfile::builtinChannelsHaveUnitsAndSensibleLimits()
{
    for (const QString &name : {QStringLiteral("spacecraft"), QStringLiteral("ev")}) {
        QString error;
        const auto profile = Profile::load(name, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->channelIds(),
                 (QStringList{QStringLiteral("temperature"), QStringLiteral("voltage"),
                              QStringLiteral("vibration"), QStringLiteral("pressure")}));
        for (const fw::Channel &channel : profile->channels) {
            QVERIFY2(!channel.unit.isEmpty(), qPrintable(channel.id));
            QVERIFY2(channel.warn && channel.alarm, qPrintable(channel.id));
            QVERIFY(channel.alarm->low <= channel.warn->low);
            QVERIFY(channel.warn->high <= channel.alarm->high);
        }
    }
}

void TestProfile::skabChannelsAreReadFromItsColumnNames()
{
    QString error;
    const auto skab = Profile::load(QStringLiteral("skab"), &error);
    QVERIFY2(skab, qPrintable(error));
    QCOMPARE(skab->indexOfColumn(u"Volume Flow RateRMS"), 7);
    QCOMPARE(skab->indexOfColumn(u"Accelerometer1RMS"), skab->indexOf(u"vibration"));
    QCOMPARE(skab->indexOfColumn(u"flow_rate"), -1);
}

void TestProfile::smallProfileGetsDefaults()
{
    QString error;
    const auto profile
        = Profile::fromJson(R"({"name":"bench","channels":[{"id":"a"},{"id":"b_2"}]})", &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->channelCount(), 2);
    QCOMPARE(profile->channels[1].label, QStringLiteral("b_2"));
    QCOMPARE(profile->channels[1].column, QStringLiteral("b_2"));
    QVERIFY(!profile->channels[0].warn);
    QCOMPARE(profile->apid, 100);
    QCOMPARE(profile->epoch, 0.0);
    QCOMPARE(profile->indexOf(u"b_2"), 1);
    QCOMPARE(profile->indexOf(u"c"), -1);
    QVERIFY(!profile->channels[0].context);

    const auto commanded = Profile::fromJson(
        R"({"name":"bench","channels":[{"id":"a"},{"id":"gear","context":true}]})", &error);
    QVERIFY2(commanded, qPrintable(error));
    QVERIFY(!commanded->channels[0].context);
    QVERIFY(commanded->channels[1].context);
}

void TestProfile::badProfileIsRefusedNamingTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message"); // the start of the error message

    const auto add = [](const char *name, const QByteArray &json, const char *message) {
        QTest::newRow(name) << json << QString::fromUtf8(message);
    };
    const QByteArray one = R"("channels":[{"id":"a"}])";

    add("not JSON", "{", "not valid JSON");
    add("not an object", "[]", "expected a JSON object");
    add("missing name", "{" + one + "}", "name: missing");
    add("empty name", R"({"name":"",)" + one + "}", "name: must not be empty");
    add("name not a string", R"({"name":3,)" + one + "}", "name: expected a string");
    add("unknown field", R"({"name":"x","colour":"red",)" + one + "}", "colour: unknown field");
    add("missing channels", R"({"name":"x"})", "channels: expected a non-empty array");
    add("channels not an array", R"({"name":"x","channels":{"id":"a"}})",
        "channels: expected a non-empty array");
    add("no channels", R"({"name":"x","channels":[]})", "channels: expected a non-empty array");
    add("channel not an object", R"({"name":"x","channels":["a"]})",
        "channels[0]: expected an object");
    add("channel without id", R"({"name":"x","channels":[{"label":"A"}]})",
        "channels[0].id: missing");
    add("id with a space", R"({"name":"x","channels":[{"id":"a b"}]})", "channels[0].id:");
    add("unknown channel field", R"({"name":"x","channels":[{"id":"a","scale":2}]})",
        "channels[0].scale: unknown field");
    add("duplicate id", R"({"name":"x","channels":[{"id":"a"},{"id":"b"},{"id":"a"}]})",
        "channels[2].id: 'a' is used twice");
    add("duplicate column",
        R"({"name":"x","channels":[{"id":"a","column":"A"},{"id":"b","column":"A"}]})",
        "channels[1].column: 'A' is used twice");
    add("limits not an object", R"({"name":"x","channels":[{"id":"a","limits":[1,2]}]})",
        "channels[0].limits: expected an object");
    add("unknown limit", R"({"name":"x","channels":[{"id":"a","limits":{"danger":[1,2]}}]})",
        "channels[0].limits.danger: unknown field");
    add("warn low above high", R"({"name":"x","channels":[{"id":"a","limits":{"warn":[5,1]}}]})",
        "channels[0].limits.warn: low must be below high");
    add("warn low equal to high", R"({"name":"x","channels":[{"id":"a","limits":{"warn":[1,1]}}]})",
        "channels[0].limits.warn: low must be below high");
    add("alarm not two numbers", R"({"name":"x","channels":[{"id":"a","limits":{"alarm":[1]}}]})",
        "channels[0].limits.alarm: expected two numbers");
    add("warn outside alarm",
        R"({"name":"x","channels":[{"id":"b"},{"id":"a","limits":{"warn":[0,10],"alarm":[1,20]}}]})",
        "channels[1].limits.warn: must lie inside limits.alarm");
    add("apid above the range", R"({"name":"x","apid":2047,)" + one + "}",
        "apid: expected an integer");
    add("apid below the range", R"({"name":"x","apid":-1,)" + one + "}",
        "apid: expected an integer");
    add("apid fractional", R"({"name":"x","apid":1.5,)" + one + "}", "apid: expected an integer");
    add("apid a string", R"({"name":"x","apid":"7",)" + one + "}",
        "apid: expected a finite number");
    add("epoch a string", R"({"name":"x","epoch":"J2000",)" + one + "}",
        "epoch: expected a finite number");
    add("stale_after_s zero", R"({"name":"x","stale_after_s":0,)" + one + "}", "stale_after_s:");
    add("rate_hz negative", R"({"name":"x","rate_hz":-10,)" + one + "}", "rate_hz:");
    add("context not a boolean", R"({"name":"x","channels":[{"id":"a","context":"yes"}]})",
        "channels[0].context: expected true or false");
    add("context with limits",
        R"({"name":"x","channels":[{"id":"b"},{"id":"a","context":true,"limits":{"alarm":[0,1]}}]})",
        "channels[1].limits: a context channel is never alarmed on");
}

void TestProfile::badProfileIsRefusedNamingTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    QString error;
    const auto profile = Profile::fromJson(json, &error);
    QVERIFY(!profile);
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

void TestProfile::badFileIsRefusedNamingThePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bench.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"name":"bench","channels":[{"id":"a","limits":{"warn":[2,1]}}]})");
    file.close();

    QString error;
    QVERIFY(!Profile::load(path, &error));
    QVERIFY2(error.contains(path) && error.contains(u"channels[0].limits.warn"), qPrintable(error));
}

void TestProfile::unknownNameIsRefused()
{
    QString error;
    QVERIFY(!Profile::load(QStringLiteral("no-such-profile"), &error));
    QVERIFY2(error.contains(u"no-such-profile") && error.contains(u"spacecraft"),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
