#pragma once

#include "decoder.h"
#include "linesplitter.h"

#include <string>
#include <vector>

namespace fw {

// jsonl: one flat JSON object per line, {"t":1732400000.125,"seq":17,"temperature":21.4,...}.
// A small strict scanner instead of a JSON library: it reads keys and scalars in place and
// allocates nothing per line, which is what makes a few million lines per second possible.
//
// Decisions beyond DESIGN.md:
// - The whole line must be valid JSON, else Malformed; that check comes before any other reason.
//   Python's NaN, Infinity and -Infinity tokens are accepted as numbers (json.dumps writes them).
// - A channel value that is a number is taken (NaN/inf: missing, counted NonFinite), null is
//   missing, anything else makes the line Malformed. "seq" must be a non-negative integer
//   without fraction or exponent, else Malformed. "t" is a number or a string holding an ISO 8601
//   date-time (or a number); anything else is BadTime.
// - Keys are compared after unescaping; a key that occurs twice keeps its last value.
// - Nesting deeper than 256 levels inside a skipped value is Malformed.
// - With a stream field (see Decoder::keyRecords), its value is a string or a number, taken as
//   written; null or an empty string leaves the record without a stream (MissingStream), any
//   other value makes the line Malformed.
class JsonlDecoder final : public Decoder
{
public:
    explicit JsonlDecoder(const Profile &profile);

    void feed(std::string_view data, SampleBlock &out) override;
    void finish(SampleBlock &out) override;
    void reset() override;

    // Bytes held for an unfinished line.
    [[nodiscard]] std::size_t bufferedBytes() const { return m_lines.bufferedBytes(); }

private:
    void decodeLine(std::string_view line, SampleBlock &out);
    [[nodiscard]] int channelIndex(std::string_view key);

    LineSplitter m_lines;
    std::vector<std::string> m_ids; // channel ids, UTF-8, in profile order
    std::vector<double> m_row;      // the sample being read, reused for every line
    std::string m_scratch;          // an unescaped key or time string
    std::string m_key;              // an unescaped stream key
    std::size_t m_guess = 0;        // the channel most likely to come next
};

} // namespace fw
