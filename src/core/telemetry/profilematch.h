#pragma once

#include "telemetry/profile.h"
#include "telemetry/wireformat.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <optional>

namespace fw {

// How well the head of a recording fits a profile, decoded as the replay would decode it.
struct ProfileFit
{
    int channelsFound = 0;  // channels with at least one value
    int channelsTotal = 0;  // the profile's channels
    std::size_t values = 0; // values present
    std::size_t inside = 0; // of those, within the channel's alarm limits (or without limits)

    [[nodiscard]] bool allChannels() const
    {
        return channelsTotal > 0 && channelsFound == channelsTotal;
    }
    // Share of the values within their alarm limits; 0 when there are none.
    [[nodiscard]] double insideShare() const
    {
        return values == 0 ? 0.0 : double(inside) / double(values);
    }
};

[[nodiscard]] ProfileFit fitProfile(const Profile &profile, WireFormat format,
                                    const QByteArray &head);

// What to replay a recording with, chosen from its first bytes. The profile in use is kept when
// all its channels are there and nearly all values (kFitShare) lie within its alarm limits. Else
// a built-in profile that fits so is chosen: spacecraft and EV recordings have the same column
// names, so the limits (28 V bus, 400 V pack) tell them apart. A recording that names none of
// the profile's channels, and fits no built-in profile, is refused. A partial fit (some
// channels, or values outside the limits) is kept: a fault may well put values outside.
struct ProfileChoice
{
    std::optional<Profile> profile; // set when another profile is to be used
    bool refused = false;
    ProfileFit current; // how the profile in use fits
    ProfileFit chosen;  // how profile fits, when set
};

inline constexpr double kFitShare = 0.9;

[[nodiscard]] ProfileChoice chooseProfile(const Profile &current, WireFormat format,
                                          const QByteArray &head);

// The column names of a csv header or the keys of the first jsonl record, for messages.
[[nodiscard]] QStringList recordNames(WireFormat format, const QByteArray &head);

} // namespace fw
