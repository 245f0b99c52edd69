#pragma once

#include "decoder.h"
#include "linesplitter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fw {

// csv: a header line names the columns, then one sample per line.
//
// - A line is a header when no field of it is a number or an ISO 8601 time and one is not empty.
//   Most rows are told apart by their first field alone. Checking the other fields keeps a row
//   with a bad time (first field "yesterday" or "2020-13-01") from becoming a header of number
//   names; it is a row, counted BadTime. A header may have an empty first name (pandas writes
//   its index column that way).
// - Header names are trimmed. `t`, `timestamp` and `datetime` (any case) name the time column,
//   the first one wins; each holds seconds since the Unix epoch or an ISO 8601 time. `seq` is
//   optional. A channel column matches the profile's Channel::column, or failing that its id, so
//   recordings (`t,seq,<ids>`) read back with any profile. Other columns are ignored.
// - The delimiter is the most frequent of ',' ';' and tab in the header, ',' on a tie.
// - Fields may be double-quoted ("a;b", "say ""hi"""); a quoted field cannot span lines. Numbers
//   use a decimal point. Fields are trimmed of spaces.
// - A row with a Malformed field is Malformed even if its time is bad too; an empty time field is
//   MissingTime, an unreadable one BadTime.
// - With a stream field (see Decoder::keyRecords), the column of that name (exactly) holds each
//   row's stream key; a row whose key is empty, or a header without that column, leaves rows
//   without a stream (MissingStream).
class CsvDecoder final : public Decoder
{
public:
    explicit CsvDecoder(const Profile &profile);

    void feed(std::string_view data, SampleBlock &out) override;
    void finish(SampleBlock &out) override;
    void reset() override;

    // Bytes held for an unfinished line.
    [[nodiscard]] std::size_t bufferedBytes() const { return m_lines.bufferedBytes(); }

private:
    enum class Role : std::uint8_t { Ignore, Time, Seq, Channel, Key };
    struct Column
    {
        Role role = Role::Ignore;
        int channel = -1;
    };
    // What the current header allows: rows, or one error per row until the next header.
    enum class HeaderState : std::uint8_t { Usable, NoTime, NoChannel };

    void decodeLine(std::string_view line, SampleBlock &out);
    // True when the fields split from a line make a header.
    [[nodiscard]] bool fieldsAreNames() const;
    // Takes the columns from the header in m_fields.
    void useHeader(char delimiter);
    void useDefaultHeader();
    void decodeRow(std::string_view line, std::string_view first, double firstTime,
                   SampleBlock &out);
    // Splits line at delimiter into m_fields; false if a quoted field is not closed properly.
    [[nodiscard]] bool split(std::string_view line, char delimiter);
    [[nodiscard]] int channelForName(std::string_view name) const;

    LineSplitter m_lines;
    std::vector<std::string> m_channelColumns; // UTF-8, profile order
    std::vector<std::string> m_channelIds;
    std::vector<Column> m_columns;
    char m_delimiter = ',';
    HeaderState m_state = HeaderState::Usable;
    std::vector<std::string_view> m_fields; // the current line's fields, reused
    std::string m_unquoted;                 // storage for fields that held "" escapes
    std::vector<double> m_row;
};

} // namespace fw
