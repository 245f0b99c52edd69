#include "historyrange.h"

#include "plot/samplehistory.h"
#include "service/scorerun.h"

#include <QSaveFile>

#include <cmath>

namespace fw {

namespace {

// First index in [lo, hi) whose time is not below t (times are non-decreasing).
std::int64_t lowerBound(const SampleHistory &history, std::int64_t lo, std::int64_t hi, double t,
                        bool inclusive)
{
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const double at = history.time(mid);
        if (inclusive ? at < t : at <= t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

} // namespace

HistoryRange historyRange(const SampleHistory &history, double t0, double t1)
{
    const std::int64_t lo = history.firstIndex();
    const std::int64_t hi = history.endIndex();
    if (lo >= hi || !(t0 <= t1)) {
        return {hi, hi};
    }
    const std::int64_t first = lowerBound(history, lo, hi, t0, true);
    const std::int64_t end = lowerBound(history, first, hi, t1, false);
    return {first, end};
}

void copyRows(const SampleHistory &history, HistoryRange range, std::vector<double> &rows,
              std::vector<double> &times)
{
    const int width = history.channelCount();
    rows.clear();
    times.clear();
    rows.reserve(std::size_t(range.size()) * std::size_t(width));
    times.reserve(std::size_t(range.size()));
    for (std::int64_t i = range.first; i < range.end; ++i) {
        times.push_back(history.time(i));
        for (int c = 0; c < width; ++c) {
            rows.push_back(history.value(i, c));
        }
    }
}

qint64 writeHistoryCsv(const SampleHistory &history, HistoryRange range, const Profile &profile,
                       const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        }
        return -1;
    }
    QByteArray line = "t";
    for (const Channel &channel : profile.channels) {
        line += ',' + channel.id.toUtf8();
    }
    line += ",severity\n";
    file.write(line);
    const int width = std::min(history.channelCount(), profile.channelCount());
    for (std::int64_t i = range.first; i < range.end; ++i) {
        line = QByteArray::number(history.time(i), 'f', 6);
        for (int c = 0; c < width; ++c) {
            const double v = history.value(i, c);
            line += ',';
            if (std::isfinite(v)) {
                line += QByteArray::number(v, 'g', 17);
            }
        }
        line += ',';
        if (i < history.scoredEnd()) {
            line += severityName(history.severity(i)).toUtf8();
        }
        line += '\n';
        file.write(line);
    }
    if (!file.commit()) {
        if (error) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        }
        return -1;
    }
    return range.size();
}

} // namespace fw
