#include "telemetry/profilematch.h"

#include "telemetry/decoder.h"
#include "telemetry/sampleblock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fw {

ProfileFit fitProfile(const Profile &profile, WireFormat format, const QByteArray &head)
{
    ProfileFit fit;
    fit.channelsTotal = profile.channelCount();
    std::unique_ptr<Decoder> decoder = makeDecoder(format, profile);
    SampleBlock block(profile.channelCount());
    // The head ends anywhere: only whole records count, the cut one is left unfinished.
    decoder->feed(std::string_view(head.constData(), std::size_t(head.size())), block);
    for (int c = 0; c < profile.channelCount(); ++c) {
        const std::optional<Range> &alarm = profile.channels[std::size_t(c)].alarm;
        bool found = false;
        for (std::size_t row = 0; row < block.size(); ++row) {
            if (block.isMissing(row, c)) {
                continue;
            }
            found = true;
            ++fit.values;
            if (!alarm || alarm->contains(block.value(row, c))) {
                ++fit.inside;
            }
        }
        fit.channelsFound += found ? 1 : 0;
    }
    return fit;
}

ProfileChoice chooseProfile(const Profile &current, WireFormat format, const QByteArray &head)
{
    ProfileChoice choice;
    choice.current = fitProfile(current, format, head);
    if (choice.current.allChannels() && choice.current.insideShare() >= kFitShare) {
        return choice;
    }
    for (const QString &name : Profile::builtinNames()) {
        QString error;
        std::optional<Profile> candidate = Profile::load(name, &error);
        if (!candidate || candidate->name == current.name) {
            continue;
        }
        const ProfileFit fit = fitProfile(*candidate, format, head);
        if (!fit.allChannels() || fit.insideShare() < kFitShare) {
            continue;
        }
        // Of two that fit, the one with more channels read (skab's 8 over a 4-channel subset).
        if (!choice.profile || fit.channelsFound > choice.chosen.channelsFound
            || (fit.channelsFound == choice.chosen.channelsFound
                && fit.insideShare() > choice.chosen.insideShare())) {
            choice.profile = std::move(candidate);
            choice.chosen = fit;
        }
    }
    choice.refused = !choice.profile && choice.current.channelsFound == 0;
    return choice;
}

QStringList recordNames(WireFormat format, const QByteArray &head)
{
    const qsizetype end = head.indexOf('\n');
    const QByteArray first = (end < 0 ? head : head.left(end)).trimmed();
    switch (format) {
    case WireFormat::Csv: {
        QStringList names;
        const char delimiter = first.count(';') > first.count(',')    ? ';'
                               : first.count('\t') > first.count(',') ? '\t'
                                                                      : ',';
        for (const QByteArray &name : first.split(delimiter)) {
            names << QString::fromUtf8(name.trimmed());
        }
        return names;
    }
    case WireFormat::Jsonl:
        return QJsonDocument::fromJson(first).object().keys();
    case WireFormat::Ccsds:
        break;
    }
    return {};
}

} // namespace fw
