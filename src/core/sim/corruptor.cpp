#include "corruptor.h"

#include "telemetry/profile.h"

#include <array>
#include <string_view>
#include <vector>

namespace fw {

namespace {

constexpr int kApidCount = 2048;
constexpr int kIdleApid = kApidCount - 1;
constexpr std::size_t kPrimaryHeaderBytes = 6;

// Text no number parser accepts (unlike "nan", "inf" or "0x1f").
constexpr std::array<std::string_view, 3> kGarbage{"@#", "x?", "--"};

// The line without its newline (and "\r"), and what followed it.
std::string_view body(const std::string &record, std::string *ending)
{
    std::string_view line(record);
    std::size_t cut = line.size();
    while (cut > 0 && (line[cut - 1] == '\n' || line[cut - 1] == '\r')) {
        --cut;
    }
    *ending = std::string(line.substr(cut));
    if (ending->empty()) {
        *ending = "\n";
    }
    return line.substr(0, cut);
}

char delimiterOf(std::string_view line)
{
    for (char c : line) {
        if (c == ',' || c == ';' || c == '\t') {
            return c;
        }
    }
    return ',';
}

} // namespace

Corruptor::Corruptor(WireFormat format, const Profile &profile, std::uint64_t seed)
    : m_format(format)
    , m_apid(profile.apid)
    , m_random(Random::key(seed, 0x636F7272757074ULL))
{}

Corruptor::Kind Corruptor::corrupt(std::string &record)
{
    switch (m_format) {
    case WireFormat::Jsonl:
        return corruptJsonl(record);
    case WireFormat::Csv:
        return corruptCsv(record);
    case WireFormat::Ccsds:
        return corruptCcsds(record);
    }
    return Kind::None;
}

Corruptor::Kind Corruptor::corruptJsonl(std::string &record)
{
    std::string ending;
    std::string line(body(record, &ending));
    if (line.size() < 2) {
        // Nothing to cut: an object that never closes is one malformed line.
        record = "{" + ending;
        return Kind::TruncatedJson;
    }
    Kind kind = std::array{Kind::TruncatedJson, Kind::MissingBrace, Kind::GarbageValue}[pick(3)];
    const std::size_t brace = line.rfind('}');
    if (kind == Kind::MissingBrace && brace == std::string::npos) {
        kind = Kind::TruncatedJson;
    }
    std::size_t colon = std::string::npos;
    if (kind == Kind::GarbageValue) {
        std::size_t colons = 0;
        for (char c : line) {
            colons += c == ':' ? 1 : 0;
        }
        if (colons == 0) {
            kind = Kind::TruncatedJson;
        } else {
            std::size_t which = pick(colons);
            for (colon = line.find(':'); which > 0; --which) {
                colon = line.find(':', colon + 1);
            }
        }
    }
    switch (kind) {
    case Kind::MissingBrace:
        line.erase(brace, 1);
        break;
    case Kind::GarbageValue: {
        // The value runs to the next member or the end of the object.
        std::size_t end = line.find_first_of(",}", colon + 1);
        if (end == std::string::npos) {
            end = line.size();
        }
        line.replace(colon + 1, end - colon - 1, kGarbage[pick(kGarbage.size())]);
        break;
    }
    default:
        // A strict prefix of an object is never valid JSON; keeping at least one character after
        // the brace keeps the line from being blank, which decoders skip without counting.
        line.resize(1 + pick(line.size() - 1));
        kind = Kind::TruncatedJson;
        break;
    }
    record = line + ending;
    return kind;
}

Corruptor::Kind Corruptor::corruptCsv(std::string &record)
{
    std::string ending;
    std::string line(body(record, &ending));
    const char delimiter = delimiterOf(line);
    std::vector<std::size_t> starts{0}; // where each field begins
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == delimiter) {
            starts.push_back(i + 1);
        }
    }
    const std::size_t fields = starts.size();
    const auto fieldEnd = [&](std::size_t f) {
        return f + 1 < fields ? starts[f + 1] - 1 : line.size();
    };
    // The first field (the time) is never touched: a row whose first field is not a time would
    // be read as a new header, which is not an error.
    Kind kind = std::array{Kind::NonNumericField, Kind::MissingField, Kind::ExtraField}[pick(3)];
    if (fields < 2 && kind != Kind::ExtraField) {
        kind = Kind::ExtraField;
    }
    switch (kind) {
    case Kind::NonNumericField: {
        const std::size_t f = 1 + pick(fields - 1);
        line.replace(starts[f], fieldEnd(f) - starts[f], kGarbage[pick(kGarbage.size())]);
        break;
    }
    case Kind::MissingField: {
        const std::size_t f = 1 + pick(fields - 1);
        // The field and the delimiter in front of it.
        line.erase(starts[f] - 1, fieldEnd(f) - starts[f] + 1);
        break;
    }
    default:
        line += delimiter;
        line += std::to_string(pick(1000));
        break;
    }
    record = line + ending;
    return kind;
}

Corruptor::Kind Corruptor::corruptCcsds(std::string &record)
{
    if (record.size() < kPrimaryHeaderBytes) {
        return Kind::None;
    }
    // Any APID but ours and the idle one: the decoder counts it unknown and skips the packet by
    // its length field, which is left as it was.
    int apid = int(pick(kIdleApid - 1));
    if (apid >= m_apid) {
        ++apid;
    }
    const auto high = static_cast<unsigned char>(record[0]);
    record[0] = char((high & 0xF8) | ((apid >> 8) & 0x07));
    record[1] = char(apid & 0xFF);
    return Kind::ForeignApid;
}

} // namespace fw
