// createSource(), declared in source.h: the one place that maps a URI's scheme to its worker.

#include "filesourceworker.h"
#include "mqttsourceworker.h"
#include "sim/simsourceworker.h"
#include "source.h"
#include "tcplistensourceworker.h"
#include "tcpsourceworker.h"
#include "udpsourceworker.h"

namespace fw {

namespace {

// The simulator must produce the channels the console expects, so sim://X only runs when X is
// the profile in use (by name, or a profile file of that name).
std::optional<Profile> simulatedProfile(const SourceUri &uri, const Profile &profile,
                                        QString *error)
{
    if (uri.profile == profile.name) {
        return profile;
    }
    QString loadError;
    std::optional<Profile> loaded = Profile::load(uri.profile, &loadError);
    if (!loaded) {
        *error = QStringLiteral("%1: %2").arg(uri.toString(), loadError);
        return std::nullopt;
    }
    if (loaded->name != profile.name) {
        *error = QStringLiteral("sim://%1 simulates profile %2 but the console uses profile %3")
                     .arg(uri.profile, loaded->name, profile.name);
        return std::nullopt;
    }
    return loaded;
}

} // namespace

std::unique_ptr<Source> createSource(const SourceUri &uri, const Profile &profile, QString *error)
{
    QString ignored;
    QString *message = error ? error : &ignored;
    auto counters = std::make_shared<SourceCounters>();
    std::unique_ptr<SourceWorker> worker;
    switch (uri.scheme) {
    case SourceUri::Scheme::Udp:
        worker = std::make_unique<UdpSourceWorker>(uri, profile, counters);
        break;
    case SourceUri::Scheme::Tcp:
        worker = std::make_unique<TcpSourceWorker>(uri, profile, counters);
        break;
    case SourceUri::Scheme::TcpListen:
        worker = std::make_unique<TcpListenSourceWorker>(uri, profile, counters);
        break;
    case SourceUri::Scheme::File:
        worker = std::make_unique<FileSourceWorker>(uri, profile, counters);
        break;
    case SourceUri::Scheme::Mqtt:
        worker = std::make_unique<MqttSourceWorker>(uri, profile, counters);
        break;
    case SourceUri::Scheme::Sim: {
        std::optional<Profile> simulated = simulatedProfile(uri, profile, message);
        if (!simulated) {
            return nullptr;
        }
        worker = std::make_unique<SimSourceWorker>(std::move(*simulated), uri.rateHz, uri.scenario,
                                                   uri.seed, counters);
        break;
    }
    }
    if (!worker) {
        *message = QStringLiteral("%1: unsupported source").arg(uri.toString());
        return nullptr;
    }
    worker->setStreamKey(uri.streamKey);
    return std::make_unique<Source>(uri, std::move(worker), std::move(counters));
}

} // namespace fw
