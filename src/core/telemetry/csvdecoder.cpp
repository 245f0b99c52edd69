#include "csvdecoder.h"

#include "isotime.h"
#include "numberparse.h"
#include "profile.h"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace fw {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool isDelimiter(char c)
{
    return c == ',' || c == ';' || c == '\t';
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) {
            return false;
        }
    }
    return true;
}

// The first field for telling a header from a row, whatever the delimiter: up to the first
// ',' ';' or tab outside quotes, without its quotes, trimmed.
std::string_view firstField(std::string_view line)
{
    const std::string_view rest = text::trimmed(line);
    if (!rest.empty() && rest.front() == '"') {
        const std::size_t close = rest.find('"', 1);
        return close == std::string_view::npos ? rest : text::trimmed(rest.substr(1, close - 1));
    }
    std::size_t end = 0;
    while (end < line.size() && !isDelimiter(line[end])) {
        ++end;
    }
    return text::trimmed(line.substr(0, end));
}

// The most frequent of ',' ';' and tab outside quotes; ',' on a tie or when there is none.
char detectDelimiter(std::string_view line)
{
    std::array<int, 3> counts{};
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            counts[0] += c == ',' ? 1 : 0;
            counts[1] += c == ';' ? 1 : 0;
            counts[2] += c == '\t' ? 1 : 0;
        }
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2]) {
        return ';';
    }
    if (counts[2] > counts[0] && counts[2] > counts[1]) {
        return '\t';
    }
    return ',';
}

} // namespace

CsvDecoder::CsvDecoder(const Profile &profile)
{
    for (const Channel &channel : profile.channels) {
        m_channelColumns.push_back(channel.column.toStdString());
        m_channelIds.push_back(channel.id.toStdString());
    }
    m_row.resize(m_channelIds.size());
    useDefaultHeader();
}

void CsvDecoder::feed(std::string_view data, SampleBlock &out)
{
    m_lines.feed(data, m_errors, [&](std::string_view line) { decodeLine(line, out); });
}

void CsvDecoder::finish(SampleBlock &out)
{
    m_lines.finish([&](std::string_view line) { decodeLine(line, out); });
}

void CsvDecoder::reset()
{
    m_lines.reset();
    useDefaultHeader();
}

void CsvDecoder::useDefaultHeader()
{
    // The recording format: t,seq,<channel ids in profile order>.
    m_columns.assign(m_channelIds.size() + 2, Column{});
    m_columns[0].role = Role::Time;
    m_columns[1].role = Role::Seq;
    for (std::size_t i = 0; i < m_channelIds.size(); ++i) {
        m_columns[i + 2] = Column{Role::Channel, int(i)};
    }
    m_delimiter = ',';
    m_state = HeaderState::Usable;
}

void CsvDecoder::decodeLine(std::string_view line, SampleBlock &out)
{
    if (line.substr(0, kBom.size()) == kBom) {
        line.remove_prefix(kBom.size());
    }
    if (text::trimmed(line).empty()) {
        return; // a blank line, like an empty one
    }
    const std::string_view first = firstField(line);
    double firstTime = 0;
    if (!text::parseTime(first, firstTime)) {
        double number = 0;
        // "nan" or "inf" in the first field is a row with a bad time, not a column name.
        if (!text::parseDouble(first, number)) {
            const char delimiter = detectDelimiter(line);
            if (split(line, delimiter) && fieldsAreNames()) {
                useHeader(delimiter);
                return;
            }
        }
        firstTime = std::numeric_limits<double>::quiet_NaN(); // read as BadTime if it is the time
    }
    decodeRow(line, first, firstTime, out);
}

bool CsvDecoder::fieldsAreNames() const
{
    // No field is a value (else this is a row whose time is bad or empty) and one is not empty.
    bool named = false;
    for (std::string_view field : m_fields) {
        double value = 0;
        if (text::parseDouble(field, value) || text::parseIsoTime(field, value)) {
            return false;
        }
        named = named || !field.empty();
    }
    return named;
}

int CsvDecoder::channelForName(std::string_view name) const
{
    for (const auto *names : {&m_channelColumns, &m_channelIds}) {
        for (std::size_t i = 0; i < names->size(); ++i) {
            if ((*names)[i] == name) {
                return int(i);
            }
        }
    }
    return -1;
}

void CsvDecoder::useHeader(char delimiter)
{
    m_delimiter = delimiter;
    m_columns.assign(m_fields.size(), Column{});
    std::vector<bool> taken(m_channelIds.size(), false);
    bool hasTime = false;
    bool hasSeq = false;
    bool hasChannel = false;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::string_view name = m_fields[i];
        Column &column = m_columns[i];
        if (m_lookup && name == m_keyField) {
            column.role = Role::Key;
        } else if (!hasTime
                   && (equalsIgnoringCase(name, "t") || equalsIgnoringCase(name, "timestamp")
                       || equalsIgnoringCase(name, "datetime"))) {
            column.role = Role::Time;
            hasTime = true;
        } else if (!hasSeq && equalsIgnoringCase(name, "seq")) {
            column.role = Role::Seq;
            hasSeq = true;
        } else if (const int channel = channelForName(name);
                   channel >= 0 && !taken[std::size_t(channel)]) {
            column = Column{Role::Channel, channel};
            taken[std::size_t(channel)] = true;
            hasChannel = true;
        }
    }
    if (!hasTime) {
        m_state = HeaderState::NoTime;
        m_errors.add(DecodeError::MissingTime);
    } else {
        m_state = hasChannel ? HeaderState::Usable : HeaderState::NoChannel;
    }
}

void CsvDecoder::decodeRow(std::string_view line, std::string_view first, double firstTime,
                           SampleBlock &out)
{
    Q_ASSERT(out.channelCount() == int(m_row.size()));
    if (m_state == HeaderState::NoTime) {
        return m_errors.add(DecodeError::MissingTime);
    }
    if (m_state == HeaderState::NoChannel) {
        return m_errors.add(DecodeError::UnknownChannel);
    }
    if (!split(line, m_delimiter) || m_fields.size() != m_columns.size()) {
        return m_errors.add(DecodeError::Malformed);
    }
    std::fill(m_row.begin(), m_row.end(), std::numeric_limits<double>::quiet_NaN());
    std::int64_t seq = SampleBlock::kNoSeq;
    std::string_view timeField;
    std::string_view streamKey;
    int nonFinite = 0;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::string_view field = m_fields[i];
        const Column column = m_columns[i];
        switch (column.role) {
        case Role::Channel:
            if (!field.empty()) {
                double &value = m_row[std::size_t(column.channel)];
                if (!text::parseDouble(field, value)) {
                    return m_errors.add(DecodeError::Malformed);
                }
                nonFinite += std::isfinite(value) ? 0 : 1;
            }
            break;
        case Role::Seq:
            if (!field.empty() && !text::parseSeq(field, seq)) {
                return m_errors.add(DecodeError::Malformed);
            }
            break;
        case Role::Time:
            timeField = field;
            break;
        case Role::Key:
            streamKey = field;
            break;
        case Role::Ignore:
            break;
        }
    }
    if (timeField.empty()) {
        return m_errors.add(DecodeError::MissingTime);
    }
    // The header check has already read the first field; most rows start with their time.
    double t = firstTime;
    const bool sameAsFirst = timeField.data() == first.data() && timeField.size() == first.size();
    if (sameAsFirst ? !std::isfinite(t) : !text::parseTime(timeField, t)) {
        return m_errors.add(DecodeError::BadTime);
    }
    if (m_lookup && streamKey.empty()) {
        return m_errors.add(DecodeError::MissingStream);
    }
    if (nonFinite > 0) {
        m_errors.add(DecodeError::NonFinite, std::uint64_t(nonFinite));
    }
    out.append(t, seq, m_row);
    if (m_lookup) {
        fileLastRow(out, streamKey);
    }
}

bool CsvDecoder::split(std::string_view line, char delimiter)
{
    m_fields.clear();
    m_unquoted.clear();
    // Never grows past this, so views into it stay valid while the line is read.
    m_unquoted.reserve(line.size());
    std::size_t pos = 0;
    for (;;) {
        std::size_t start = pos;
        while (start < line.size() && line[start] == ' ') {
            ++start;
        }
        if (start < line.size() && line[start] == '"') {
            // A quoted field: "" inside stands for one quote.
            std::size_t p = start + 1;
            bool escaped = false;
            const std::size_t unquotedStart = m_unquoted.size();
            for (;;) {
                const std::size_t quote = line.find('"', p);
                if (quote == std::string_view::npos) {
                    return false;
                }
                if (quote + 1 < line.size() && line[quote + 1] == '"') {
                    m_unquoted.append(line.substr(p, quote + 1 - p));
                    escaped = true;
                    p = quote + 2;
                    continue;
                }
                std::string_view field = line.substr(start + 1, quote - start - 1);
                if (escaped) {
                    m_unquoted.append(line.substr(p, quote - p));
                    field = std::string_view(m_unquoted).substr(unquotedStart);
                }
                m_fields.push_back(text::trimmed(field));
                pos = quote + 1;
                break;
            }
            while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')
                   && line[pos] != delimiter) {
                ++pos;
            }
            if (pos == line.size()) {
                return true;
            }
            if (line[pos] != delimiter) {
                return false;
            }
            ++pos;
            continue;
        }
        const void *found = std::memchr(line.data() + pos, delimiter, line.size() - pos);
        const std::size_t end
            = found ? std::size_t(static_cast<const char *>(found) - line.data()) : line.size();
        m_fields.push_back(text::trimmed(line.substr(pos, end - pos)));
        if (!found) {
            return true;
        }
        pos = end + 1;
    }
}

} // namespace fw
