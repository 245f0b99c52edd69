#pragma once

#include "io/source.h"
#include "telemetry/encoder.h"
#include "telemetry/profile.h"

#include <QSignalSpy>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// Helpers shared by the source tests: a two-channel profile, samples every wire format carries
// exactly, and a running source that records what it delivered.
namespace fw::test {

inline constexpr int kTimeoutMs = 5000;

// Channels "a" and "b", APID 42.
[[nodiscard]] Profile benchProfile(double staleAfterS = 2.0);

// Values every wire format carries exactly: t in 1/64 s steps (CUC fine time is 1/65536 s),
// channel values exact in float32.
[[nodiscard]] SampleBlock makeSamples(const std::vector<std::int64_t> &seqs);

// first, first + 1, ..., last - 1.
[[nodiscard]] std::vector<std::int64_t> range(std::int64_t first, std::int64_t last);

// The whole block as one stream, with the format's header unless withHeader is false.
[[nodiscard]] std::string encodeStream(WireFormat format, const Profile &profile,
                                       const SampleBlock &block, bool withHeader = true);

// Compares times, sequence numbers and values row by row; a mismatch fails the current test and
// returns false, so that a caller can stop: QVERIFY(verifySame(got, expected)).
[[nodiscard]] bool verifySame(const SampleBlock &got, const SampleBlock &expected);

// A running source and everything it delivered, in arrival order.
struct Harness
{
    Harness(const QString &uriText, const Profile &profile);
    Harness(const Harness &) = delete;
    Harness &operator=(const Harness &) = delete;
    Harness(Harness &&) = delete;
    Harness &operator=(Harness &&) = delete;
    ~Harness() = default;

    [[nodiscard]] std::vector<SourceState> stateHistory() const;

    SampleBlock received;
    std::unique_ptr<Source> source;
    std::unique_ptr<QSignalSpy> states;
    std::unique_ptr<QSignalSpy> failures;
};

} // namespace fw::test
