#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace fw {

struct Range
{
    double low = 0;
    double high = 0;
    [[nodiscard]] bool contains(double v) const { return v >= low && v <= high; }
};

struct Channel
{
    QString id;     // key in jsonl, name in recordings and metrics
    QString label;  // shown to operators
    QString unit;   // "°C", "V", ...
    QString column; // column name in csv input (defaults to id)
    std::optional<Range> warn;
    std::optional<Range> alarm;
    // A command, mode or gear: read and recorded like any channel, never alarmed on itself, and
    // what explains a level change of a channel that training saw follow it.
    bool context = false;
};

// What a stream carries: its channels in order, plus the framing facts the decoders need.
struct Profile
{
    QString name;
    QString description;
    std::vector<Channel> channels;
    int apid = 100;           // CCSDS application process id of this profile's packets
    double epoch = 0;         // CCSDS CUC epoch, seconds since the Unix epoch
    double staleAfterS = 2.0; // a Live source with no data for this long turns Stale
    double rateHz = 10;       // nominal sample rate (the simulator's default)

    [[nodiscard]] int channelCount() const { return int(channels.size()); }
    // Index of the channel with this id, or -1.
    [[nodiscard]] int indexOf(QStringView id) const;
    // Index of the channel read from this csv column, or -1.
    [[nodiscard]] int indexOfColumn(QStringView column) const;
    [[nodiscard]] QStringList channelIds() const;

    // Parses a profile; on failure returns nullopt and sets *error to a message that names the
    // offending field, e.g. "channels[2].limits.warn: low must be below high".
    [[nodiscard]] static std::optional<Profile> fromJson(const QByteArray &json, QString *error);
    [[nodiscard]] static std::optional<Profile> fromFile(const QString &path, QString *error);
    // A built-in profile ("spacecraft", "ev", "skab") or, failing that, a file path.
    [[nodiscard]] static std::optional<Profile> load(const QString &nameOrPath, QString *error);
    [[nodiscard]] static QStringList builtinNames();
};

} // namespace fw
