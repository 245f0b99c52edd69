#include "io/sourceuri.h"

#include <QTest>

using namespace fw;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fw::SourceUri::Scheme)
Q_DECLARE_METATYPE(fw::WireFormat)

class TstSourceUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validUrisGiveEveryField_data();
    void validUrisGiveEveryField();
    void invalidUrisAreRefusedWithAReason_data();
    void invalidUrisAreRefusedWithAReason();
    void toStringRoundTrips_data();
    void toStringRoundTrips();
    void multicastHostsAreRecognised_data();
    void multicastHostsAreRecognised();
    void mqttUrisGiveEveryField();
};

void TstSourceUri::validUrisGiveEveryField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SourceUri::Scheme>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("speed");
    QTest::addColumn<bool>("loop");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<double>("rate");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<qulonglong>("seed");

    using S = SourceUri::Scheme;
    using F = WireFormat;
    const QString none;
    QTest::newRow("udp defaults to jsonl")
        << u"udp://127.0.0.1:9000"_s << S::Udp << u"127.0.0.1"_s << 9000 << F::Jsonl << none << 1.0
        << false << none << 0.0 << none << 1ULL;
    QTest::newRow("udp ccsds any address")
        << u"udp://0.0.0.0:65535?format=ccsds"_s << S::Udp << u"0.0.0.0"_s << 65535 << F::Ccsds
        << none << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("udp ipv6 in brackets")
        << u"udp://[::1]:1?format=csv"_s << S::Udp << u"::1"_s << 1 << F::Csv << none << 1.0
        << false << none << 0.0 << none << 1ULL;
    QTest::newRow("udp multicast group")
        << u"udp://239.255.0.7:5000"_s << S::Udp << u"239.255.0.7"_s << 5000 << F::Jsonl << none
        << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("scheme is case-insensitive")
        << u"UDP://localhost:9000"_s << S::Udp << u"localhost"_s << 9000 << F::Jsonl << none << 1.0
        << false << none << 0.0 << none << 1ULL;
    QTest::newRow("tcp host name")
        << u"tcp://bench-7.example.org:4000?format=csv"_s << S::Tcp << u"bench-7.example.org"_s
        << 4000 << F::Csv << none << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("tcp-listen ipv6 any")
        << u"tcp-listen://[::]:7000?format=ccsds"_s << S::TcpListen << u"::"_s << 7000 << F::Ccsds
        << none << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("surrounding blanks are ignored")
        << u"  tcp-listen://127.0.0.1:7000 \n"_s << S::TcpListen << u"127.0.0.1"_s << 7000
        << F::Jsonl << none << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("file csv by extension")
        << u"file:///data/run 1.csv"_s << S::File << none << 0 << F::Csv << u"/data/run 1.csv"_s
        << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("file jsonl with speed and loop")
        << u"file:///tmp/x.jsonl?speed=2.5&loop=1"_s << S::File << none << 0 << F::Jsonl
        << u"/tmp/x.jsonl"_s << 2.5 << true << none << 0.0 << none << 1ULL;
    QTest::newRow("file json extension is jsonl")
        << u"file://rel/x.JSON?loop=true"_s << S::File << none << 0 << F::Jsonl << u"rel/x.JSON"_s
        << 1.0 << true << none << 0.0 << none << 1ULL;
    QTest::newRow("file bin is ccsds, as fast as possible")
        << u"file:///x/pass.bin?speed=0&loop=false"_s << S::File << none << 0 << F::Ccsds
        << u"/x/pass.bin"_s << 0.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("file ccsds extension")
        << u"file:///x/pass.ccsds"_s << S::File << none << 0 << F::Ccsds << u"/x/pass.ccsds"_s
        << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("file format overrides the extension")
        << u"file:///x/log.txt?format=csv&loop=0"_s << S::File << none << 0 << F::Csv
        << u"/x/log.txt"_s << 1.0 << false << none << 0.0 << none << 1ULL;
    QTest::newRow("file path percent-decoded")
        << u"file:///x/what%3F.csv"_s << S::File << none << 0 << F::Csv << u"/x/what?.csv"_s << 1.0
        << false << none << 0.0 << none << 1ULL;
    QTest::newRow("sim defaults") << u"sim://spacecraft"_s << S::Sim << none << 0 << F::Jsonl
                                  << none << 1.0 << false << u"spacecraft"_s << 0.0 << none << 1ULL;
    QTest::newRow("sim every option")
        << u"sim://ev?rate=250&scenario=stuck:voltage&seed=18446744073709551615"_s << S::Sim << none
        << 0 << F::Jsonl << none << 1.0 << false << u"ev"_s << 250.0 << u"stuck:voltage"_s
        << 18446744073709551615ULL;
}

void TstSourceUri::validUrisGiveEveryField()
{
    QFETCH(QString, text);
    QString error;
    const auto uri = SourceUri::parse(text, &error);
    QVERIFY2(uri, qPrintable(error));
    QTEST(uri->scheme, "scheme");
    QTEST(uri->host, "host");
    QTEST(int(uri->port), "port");
    QTEST(uri->format, "format");
    QTEST(uri->path, "path");
    QTEST(uri->speed, "speed");
    QTEST(uri->loop, "loop");
    QTEST(uri->profile, "profile");
    QTEST(uri->rateHz, "rate");
    QTEST(uri->scenario, "scenario");
    QTEST(qulonglong(uri->seed), "seed");
}

void TstSourceUri::invalidUrisAreRefusedWithAReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"empty source URI"_s;
    QTest::newRow("no scheme") << u"127.0.0.1:9000"_s
                               << u"'127.0.0.1:9000' is not a source URI (expected SCHEME://..., "
                                  "with a scheme of udp, tcp, tcp-listen, file, sim, mqtt)"_s;
    QTest::newRow("unknown scheme")
        << u"http://x:80"_s
        << u"unknown scheme 'http' (known schemes: udp, tcp, tcp-listen, file, sim, mqtt)"_s;
    QTest::newRow("missing host") << u"udp://:9000"_s
                                  << u"udp: missing host (write udp://HOST:PORT)"_s;
    QTest::newRow("bad host") << u"tcp://bad_host!:9000"_s
                              << u"tcp: bad host 'bad_host!' (expected an IPv4 address, a host "
                                 "name or an IPv6 address in brackets)"_s;
    QTest::newRow("ipv6 without brackets")
        << u"udp://::1:9000"_s
        << u"udp: IPv6 address '::1' must be written in brackets, e.g. udp://[::1]:9000"_s;
    QTest::newRow("bad ipv6 in brackets")
        << u"udp://[1.2.3.4]:9000"_s
        << u"udp: bad host '[1.2.3.4]' (expected an IPv6 address inside the brackets)"_s;
    QTest::newRow("unclosed bracket")
        << u"udp://[::1:9000"_s << u"udp: missing ']' after the IPv6 address"_s;
    QTest::newRow("missing port") << u"tcp-listen://127.0.0.1"_s
                                  << u"tcp-listen: missing port (write tcp-listen://HOST:PORT)"_s;
    QTest::newRow("empty port") << u"tcp://host:"_s
                                << u"tcp: missing port (write tcp://HOST:PORT)"_s;
    QTest::newRow("port zero") << u"udp://127.0.0.1:0"_s
                               << u"udp: bad port '0' (expected a number from 1 to 65535)"_s;
    QTest::newRow("port too big") << u"udp://127.0.0.1:65536"_s
                                  << u"udp: bad port '65536' (expected a number from 1 to 65535)"_s;
    QTest::newRow("port not a number")
        << u"udp://127.0.0.1:x1"_s << u"udp: bad port 'x1' (expected a number from 1 to 65535)"_s;
    QTest::newRow("port with a path")
        << u"udp://127.0.0.1:9000/x"_s
        << u"udp: bad port '9000/x' (expected a number from 1 to 65535)"_s;
    QTest::newRow("junk after ipv6")
        << u"udp://[::1]x:9000"_s << u"udp: unexpected 'x:9000' after the host"_s;
    QTest::newRow("unknown format")
        << u"udp://127.0.0.1:9000?format=xml"_s
        << u"format: unknown format 'xml' (expected one of: jsonl, csv, ccsds)"_s;
    QTest::newRow("unknown option for udp")
        << u"udp://127.0.0.1:9000?speed=2"_s
        << u"unknown option 'speed' for udp:// (allowed: format, rcvbuf, stream, shard)"_s;
    QTest::newRow("udp receive buffer too small")
        << u"udp://127.0.0.1:9000?rcvbuf=10"_s
        << u"rcvbuf: expected a receive buffer size in bytes from 1024 to 1073741824, got '10'"_s;
    QTest::newRow("unknown option for file")
        << u"file:///x.csv?rate=2"_s
        << u"unknown option 'rate' for file:// (allowed: speed, loop, paused, format, stream, shard)"_s;
    QTest::newRow("unknown option for sim")
        << u"sim://ev?loop=1"_s
        << u"unknown option 'loop' for sim:// (allowed: rate, scenario, seed)"_s;
    QTest::newRow("option twice") << u"udp://127.0.0.1:9000?format=csv&format=jsonl"_s
                                  << u"option 'format' given twice"_s;
    QTest::newRow("option without value")
        << u"file:///x.csv?loop"_s << u"option 'loop' has no value (write loop=VALUE)"_s;
    QTest::newRow("negative speed")
        << u"file:///x.csv?speed=-1"_s
        << u"speed: expected a number >= 0 (0 = as fast as possible), got '-1'"_s;
    QTest::newRow("speed not a number")
        << u"file:///x.csv?speed=fast"_s << u"speed: expected a number >= 0"_s;
    QTest::newRow("infinite speed")
        << u"file:///x.csv?speed=inf"_s << u"speed: expected a number >= 0"_s;
    QTest::newRow("bad loop") << u"file:///x.csv?loop=yes"_s
                              << u"loop: expected 0, 1, true or false, got 'yes'"_s;
    QTest::newRow("file without path")
        << u"file://?speed=1"_s << u"file: missing path (write file:///path/to/recording.csv)"_s;
    QTest::newRow("file unknown extension")
        << u"file:///x/log.txt"_s
        << u"file: cannot tell the format of '/x/log.txt' from its extension"_s;
    QTest::newRow("file unknown format")
        << u"file:///x.csv?format=parquet"_s << u"format: unknown format 'parquet'"_s;
    QTest::newRow("sim without profile")
        << u"sim://?rate=10"_s << u"sim: missing profile (write sim://spacecraft)"_s;
    QTest::newRow("sim bad rate")
        << u"sim://ev?rate=-5"_s
        << u"rate: expected a rate in Hz >= 0 (0 = the profile's rate), got '-5'"_s;
    QTest::newRow("sim bad seed") << u"sim://ev?seed=-3"_s
                                  << u"seed: expected a whole number from 0 to "
                                     "18446744073709551615, got '-3'"_s;
    QTest::newRow("sim empty scenario")
        << u"sim://ev?scenario="_s << u"scenario: expected a scenario name"_s;
    QTest::newRow("mqtt without topic") << u"mqtt://127.0.0.1:1883"_s << u"mqtt: missing topic"_s;
    QTest::newRow("mqtt empty topic") << u"mqtt://127.0.0.1:1883/"_s << u"mqtt: missing topic"_s;
    QTest::newRow("mqtt without port") << u"mqtt://broker/vehicles/+"_s << u"mqtt: missing port"_s;
    QTest::newRow("mqtt # not last")
        << u"mqtt://broker:1883/a/#/b"_s << u"'#' must be a whole level, and the last one"_s;
    QTest::newRow("mqtt # inside a level")
        << u"mqtt://broker:1883/a/b#"_s << u"'#' must be a whole level, and the last one"_s;
    QTest::newRow("mqtt + inside a level")
        << u"mqtt://broker:1883/a/b+/c"_s << u"'+' must be a whole level"_s;
    QTest::newRow("mqtt bad qos") << u"mqtt://broker:1883/a?qos=3"_s
                                  << u"qos: expected 0, 1 or 2, got '3'"_s;
    QTest::newRow("mqtt ca without tls")
        << u"mqtt://broker:1883/a?ca=/etc/ca.pem"_s << u"ca: only with tls=1"_s;
    QTest::newRow("mqtt bad stream key")
        << u"mqtt://broker:1883/a/+?stream=vehicle"_s
        << u"stream: 'vehicle' is not a stream key (none, topic, topic:N for the Nth level of the "
           "topic, field:NAME for a field of each record, or apid)"_s;
    QTest::newRow("mqtt stream level beyond the topics")
        << u"mqtt://broker:1883/$share/g/fleet/+?stream=topic:3"_s
        << u"stream: the topics of '$share/g/fleet/+' have 2 levels, not 3"_s;
    QTest::newRow("mqtt bad shard") << u"mqtt://broker:1883/fleet/+?stream=topic:2&shard=3/2"_s
                                    << u"shard: expected K/N with 1 <= K <= N <= 4096, got '3/2'"_s;
    QTest::newRow("mqtt shard of one stream")
        << u"mqtt://broker:1883/fleet/+?shard=1/2&stream=none"_s
        << u"shard: a fleet is sharded by its streams, and stream=none makes one stream"_s;
    QTest::newRow("topic key on udp")
        << u"udp://127.0.0.1:9000?stream=topic"_s
        << u"stream: only mqtt:// has topics; name streams with field:NAME (jsonl, csv) or apid "
           "(ccsds)"_s;
    QTest::newRow("field key of ccsds")
        << u"tcp://127.0.0.1:9000?format=ccsds&stream=field:vehicle"_s
        << u"stream: CCSDS packets have no named fields; name their streams with stream=apid"_s;
    QTest::newRow("apid key of csv")
        << u"file:///data/fleet.csv?stream=apid"_s
        << u"stream: apid names the streams of format=ccsds, not of csv; use field:NAME"_s;
    QTest::newRow("field key naming the time")
        << u"udp://127.0.0.1:9000?stream=field:t"_s
        << u"stream: 't' holds each record's time or sequence number, not its stream"_s;
    QTest::newRow("stream key on sim")
        << u"sim://spacecraft?stream=apid"_s << u"unknown option 'stream' for sim://"_s;
    QTest::newRow("mqtt udp option")
        << u"mqtt://broker:1883/a?rcvbuf=65536"_s << u"unknown option 'rcvbuf' for mqtt://"_s;
}

void TstSourceUri::invalidUrisAreRefusedWithAReason()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    const auto uri = SourceUri::parse(text, &error);
    QVERIFY(!uri);
    QVERIFY2(error.contains(message), qPrintable(u"got: "_s + error));
}

void TstSourceUri::toStringRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("udp") << u"udp://127.0.0.1:9000"_s << u"udp://127.0.0.1:9000"_s;
    QTest::newRow("a tab at the end of a sim profile (fuzz_sourceuri)")
        << u"sim://f%09?rate=0"_s << u"sim://f%09"_s;
    QTest::newRow("udp receive buffer") << u"udp://127.0.0.1:9000?rcvbuf=65536&format=csv"_s
                                        << u"udp://127.0.0.1:9000?format=csv&rcvbuf=65536"_s;
    QTest::newRow("udp jsonl is the default")
        << u"udp://127.0.0.1:9000?format=jsonl"_s << u"udp://127.0.0.1:9000"_s;
    QTest::newRow("ipv6 keeps brackets")
        << u"tcp://[fe80::1]:80?format=ccsds"_s << u"tcp://[fe80::1]:80?format=ccsds"_s;
    QTest::newRow("tcp-listen") << u"TCP-LISTEN://host:1?format=csv"_s
                                << u"tcp-listen://host:1?format=csv"_s;
    QTest::newRow("file options") << u"file:///a/b.csv?loop=true&speed=0.1"_s
                                  << u"file:///a/b.csv?speed=0.1&loop=1"_s;
    QTest::newRow("file opened paused")
        << u"file:///a/b.csv?paused=true&loop=0"_s << u"file:///a/b.csv?paused=1"_s;
    QTest::newRow("file format differs from extension")
        << u"file:///a/b.bin?format=jsonl"_s << u"file:///a/b.bin?format=jsonl"_s;
    QTest::newRow("file odd characters") << u"file:///a/100%25 & more%3F.jsonl?speed=0"_s
                                         << u"file:///a/100%25 %26 more%3F.jsonl?speed=0"_s;
    QTest::newRow("sim") << u"sim://skab?seed=7&rate=1000&scenario=mixed"_s
                         << u"sim://skab?rate=1000&scenario=mixed&seed=7"_s;
    QTest::newRow("mqtt wildcards stay readable")
        << u"MQTT://broker:1883/fleet/+/telemetry/#?qos=0&format=jsonl"_s
        << u"mqtt://broker:1883/fleet/+/telemetry/#"_s;
    QTest::newRow("mqtt every option")
        << u"mqtt://[::1]:8883/$share/fw/cars/%23?client=fw-1&tls=1&qos=1&ca=/etc/c%26a.pem&"
           "credentials=/etc/fw.cred&format=ccsds"_s
        << u"mqtt://[::1]:8883/$share/fw/cars/#?format=ccsds&qos=1&tls=1&ca=/etc/c%26a.pem&"
           "credentials=/etc/fw.cred&client=fw-1"_s;
    QTest::newRow("mqtt stream key") << u"mqtt://broker:1883/fleet/+/bms?stream=topic:2"_s
                                     << u"mqtt://broker:1883/fleet/+/bms?stream=topic:2"_s;
    QTest::newRow("mqtt one stream") << u"mqtt://broker:1883/fleet/#?stream=none"_s
                                     << u"mqtt://broker:1883/fleet/#?stream=none"_s;
    QTest::newRow("mqtt shard") << u"mqtt://broker:1883/fleet/+?shard=2/3&stream=topic:2"_s
                                << u"mqtt://broker:1883/fleet/+?stream=topic:2&shard=2/3"_s;
    QTest::newRow("mqtt shard of whole topics")
        << u"mqtt://broker:1883/fleet/#?shard=1/2"_s << u"mqtt://broker:1883/fleet/#?shard=1/2"_s;
    QTest::newRow("mqtt default stream key")
        << u"mqtt://broker:1883/fleet/#?stream=topic"_s << u"mqtt://broker:1883/fleet/#"_s;
    QTest::newRow("udp field key, sharded")
        << u"udp://127.0.0.1:9000?shard=1/4&stream=field:vehicle"_s
        << u"udp://127.0.0.1:9000?stream=field:vehicle&shard=1/4"_s;
    QTest::newRow("tcp-listen apid key") << u"tcp-listen://0.0.0.0:9000?format=ccsds&stream=apid"_s
                                         << u"tcp-listen://0.0.0.0:9000?format=ccsds&stream=apid"_s;
    QTest::newRow("file field key with a space and an ampersand")
        << u"file:///data/fleet.csv?stream=field:bench%20%26%20bay"_s
        << u"file:///data/fleet.csv?stream=field:bench %26 bay"_s;
    QTest::newRow("mqtt field key") << u"mqtt://broker:1883/fleet/#?stream=field:vin"_s
                                    << u"mqtt://broker:1883/fleet/#?stream=field:vin"_s;
    QTest::newRow("udp stream none is the default")
        << u"udp://127.0.0.1:9000?stream=none"_s << u"udp://127.0.0.1:9000"_s;
}

void TstSourceUri::toStringRoundTrips()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QString error;
    const auto uri = SourceUri::parse(text, &error);
    QVERIFY2(uri, qPrintable(error));
    QCOMPARE(uri->toString(), canonical);
    const auto again = SourceUri::parse(uri->toString(), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *uri);
}

void TstSourceUri::multicastHostsAreRecognised_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("multicast");

    QTest::newRow("ipv4 group") << u"udp://239.255.1.2:5000"_s << true;
    QTest::newRow("ipv6 group") << u"udp://[ff15::1234]:5000"_s << true;
    QTest::newRow("unicast") << u"udp://127.0.0.1:5000"_s << false;
    QTest::newRow("host name") << u"udp://localhost:5000"_s << false;
    QTest::newRow("tcp never") << u"tcp://239.255.1.2:5000"_s << false;
}

void TstSourceUri::multicastHostsAreRecognised()
{
    QFETCH(QString, text);
    QString error;
    const auto uri = SourceUri::parse(text, &error);
    QVERIFY2(uri, qPrintable(error));
    QTEST(uri->isMulticast(), "multicast");
}

void TstSourceUri::mqttUrisGiveEveryField()
{
    QString error;
    const auto uri = SourceUri::parse(
        u"mqtt://broker.example:1883/fleet/+/telemetry?qos=2&tls=true&credentials=/etc/fw"_s,
        &error);
    QVERIFY2(uri, qPrintable(error));
    QCOMPARE(uri->scheme, SourceUri::Scheme::Mqtt);
    QCOMPARE(uri->host, u"broker.example"_s);
    QCOMPARE(uri->port, 1883);
    QCOMPARE(uri->topic, u"fleet/+/telemetry"_s);
    QCOMPARE(uri->qos, 2);
    QVERIFY(uri->tls);
    QCOMPARE(uri->credentialsFile, u"/etc/fw"_s);
    QVERIFY(uri->caFile.isEmpty());
    QCOMPARE(uri->format, WireFormat::Jsonl);
    // Each topic is a stream unless the URI says otherwise; other sources are one stream.
    QCOMPARE(uri->streamKey, (StreamKey{StreamKey::Kind::Topic, 0}));
    const auto udp = SourceUri::parse(u"udp://127.0.0.1:9000"_s, &error);
    QVERIFY(udp);
    QCOMPARE(udp->streamKey, StreamKey{});
}

QTEST_GUILESS_MAIN(TstSourceUri)
#include "tst_sourceuri.moc"
