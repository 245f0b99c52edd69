#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace fw {

// Point-wise confusion counts of alarms against ground truth, as the SKAB leaderboard pools them
// over all files: add the counts of several runs, then take the rates of the sum.
struct Confusion
{
    std::uint64_t tp = 0; // alarm on an anomalous sample
    std::uint64_t fp = 0; // alarm on a nominal sample
    std::uint64_t fn = 0; // no alarm on an anomalous sample
    std::uint64_t tn = 0;

    void add(bool alarm, bool anomalous);
    Confusion &operator+=(const Confusion &other);
    [[nodiscard]] std::uint64_t total() const { return tp + fp + fn + tn; }

    // Each is NaN when undefined (0 / 0), e.g. recall with no anomalous sample.
    [[nodiscard]] double precision() const; // TP / (TP + FP)
    [[nodiscard]] double recall() const;    // TP / (TP + FN)
    // TP / (TP + (FN + FP) / 2), the harmonic mean of precision and recall.
    [[nodiscard]] double f1() const;
    [[nodiscard]] double falseAlarmRate() const;  // FP / (FP + TN)
    [[nodiscard]] double missedAlarmRate() const; // FN / (FN + TP)

    // The counts and the rates; an undefined rate is null.
    [[nodiscard]] QJsonObject toJson() const;
};

// Ground truth as `faultwatch-cli simulate --labels` writes it: csv `t,seq,label,channel`, one
// row per generated sample (corrupted records included), label 0 or 1.
struct LabelTrack
{
    std::vector<double> t; // ascending
    std::vector<std::uint8_t> anomalous;

    [[nodiscard]] std::size_t size() const { return t.size(); }
};

// Reads a labels file. Columns are found by name (t and label; others ignored). Ground truth that
// is silently wrong would make every metric wrong, so any unreadable row fails the whole file
// with its line number.
[[nodiscard]] std::optional<LabelTrack> readLabelsFile(const QString &path, QString *error);

// The label for each sample time: 1 or 0 from the label nearest in time, or NaN when there is
// none close enough. Close enough: the same t, or within half the smallest spacing of the
// labels, so a time rounded by a wire format (CCSDS CUC time) still finds its own label and never
// its neighbour's. Samples are matched by time rather than by order because the decoder skips
// corrupted records that the labels file still lists, and by time rather than seq because CCSDS
// sequence counts wrap.
[[nodiscard]] std::vector<double> labelsAt(const LabelTrack &labels, std::span<const double> times);

} // namespace fw
