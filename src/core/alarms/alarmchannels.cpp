#include "alarms/alarmchannels.h"

#include <algorithm>
#include <cmath>

namespace fw {

std::vector<int> namedChannels(const detect::DetectionResults &results, std::size_t row)
{
    std::vector<int> named;
    const auto width = std::size_t(std::max(results.channels, 0));
    const std::size_t base = row * width;
    if (width == 0) {
        return named;
    }
    if (results.guardFlags.size() >= base + width) {
        const auto flag = [&](int c) {
            return results.guardFlags[base + std::size_t(c)];
        };
        for (int c = 0; c < int(width); ++c) {
            if (flag(c) != detect::GuardFlag::Within) {
                named.push_back(c);
            }
        }
        // GuardFlag is ordered by severity.
        std::stable_sort(named.begin(), named.end(),
                         [&](int a, int b) { return flag(a) > flag(b); });
        if (!named.empty()) {
            return named;
        }
    }
    if (results.attribution.size() >= base + width) {
        const auto share = [&](int c) {
            return results.attribution[base + std::size_t(c)];
        };
        double top = 0;
        for (int c = 0; c < int(width); ++c) {
            top = std::isfinite(share(c)) ? std::max(top, share(c)) : top;
        }
        for (int c = 0; top > 0 && c < int(width); ++c) {
            if (share(c) >= kNameWithinShare * top) {
                named.push_back(c);
            }
        }
        std::stable_sort(named.begin(), named.end(),
                         [&](int a, int b) { return share(a) > share(b); });
    }
    return named;
}

bool nameAlarmChannels(Alarm &alarm, const ResultBlock &block, std::size_t row,
                       const Profile &profile)
{
    const std::vector<int> named = namedChannels(block.results, row);
    if (named.empty()) {
        return false;
    }
    for (int c : named) {
        if (c < profile.channelCount()) {
            const Channel &channel = profile.channels[std::size_t(c)];
            alarm.channels.append(channel.id);
            alarm.channelLabels.append(channel.label.isEmpty() ? channel.id : channel.label);
        } else {
            // A profile that does not match the model: name the column, do not guess.
            const QString name = QStringLiteral("channel %1").arg(c + 1);
            alarm.channels.append(name);
            alarm.channelLabels.append(name);
        }
    }
    const int first = named.front();
    const std::size_t at
        = row * std::size_t(std::max(block.results.channels, 0)) + std::size_t(first);
    if (at < block.results.guardFlags.size()) {
        alarm.finding = block.results.guardFlags[at];
    }
    if (first < profile.channelCount()) {
        alarm.unit = profile.channels[std::size_t(first)].unit;
    }
    const SampleBlock *samples = block.samples.get();
    if (samples && row < samples->size() && first < samples->channelCount()
        && !samples->isMissing(row, first)) {
        alarm.value = samples->value(row, first);
    }
    return true;
}

} // namespace fw
