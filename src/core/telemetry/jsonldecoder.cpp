#include "jsonldecoder.h"

#include "isotime.h"
#include "numberparse.h"
#include "profile.h"

#include <array>
#include <cmath>
#include <limits>

namespace fw {

namespace {

constexpr int kMaxDepth = 256;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Four hex digits at s (already checked by the scanner).
unsigned hex4(const char *s)
{
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
        value = value * 16 + unsigned(hexValue(s[i]));
    }
    return value;
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

// Unescapes the content of a string the scanner accepted; false for an unpaired surrogate.
bool unescape(std::string_view raw, std::string &out)
{
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\') {
            out.push_back(c);
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u': {
            unsigned cp = hex4(raw.data() + i + 1);
            i += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 >= raw.size() || raw[i + 1] != '\\' || raw[i + 2] != 'u') {
                    return false;
                }
                const unsigned low = hex4(raw.data() + i + 3);
                if (low < 0xDC00 || low > 0xDFFF) {
                    return false;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
            appendUtf8(out, cp);
            break;
        }
        default: // '"', '\\' and '/' stand for themselves
            out.push_back(e);
            break;
        }
    }
    return true;
}

// A strict reader of one JSON text held in a line. Every method leaves the cursor after what it
// read and returns false on a syntax error.
class JsonCursor
{
public:
    explicit JsonCursor(std::string_view text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    [[nodiscard]] bool atEnd() const { return m_p == m_end; }
    [[nodiscard]] char peek() const { return m_p < m_end ? *m_p : '\0'; }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r')) {
            ++m_p;
        }
    }

    bool consume(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    bool literal(std::string_view word)
    {
        if (std::size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word) {
            return false;
        }
        m_p += word.size();
        return true;
    }

    // A string starting at the cursor; raw is its content between the quotes, still escaped.
    bool string(std::string_view &raw, bool &escaped)
    {
        if (!consume('"')) {
            return false;
        }
        const char *start = m_p;
        escaped = false;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                raw = std::string_view(start, std::size_t(m_p - start));
                ++m_p;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return false;
            }
            if (c == '\\') {
                escaped = true;
                if (!escape()) {
                    return false;
                }
                continue;
            }
            ++m_p;
        }
        return false;
    }

    // A number starting at the cursor (JSON's grammar, plus NaN, Infinity and -Infinity).
    bool number(std::string_view &token, double &value)
    {
        const char *start = m_p;
        if (literal("NaN")) {
            value = std::numeric_limits<double>::quiet_NaN();
            token = std::string_view(start, 3);
            return true;
        }
        const bool negative = consume('-');
        if (literal("Infinity")) {
            value = negative ? -std::numeric_limits<double>::infinity()
                             : std::numeric_limits<double>::infinity();
            token = std::string_view(start, std::size_t(m_p - start));
            return true;
        }
        // No leading zeros: "0" alone or a digit 1-9 followed by any digits.
        if (!consume('0')) {
            if (m_p == m_end || *m_p < '1' || *m_p > '9') {
                return false;
            }
            skipDigits();
        }
        if (consume('.') && !skipDigits()) {
            return false;
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!skipDigits()) {
                return false;
            }
        }
        token = std::string_view(start, std::size_t(m_p - start));
        return text::parseDouble(token, value);
    }

    // Any JSON value, checked and skipped, without recursion.
    bool skipValue()
    {
        std::array<char, kMaxDepth> closers{};
        int depth = 0;
        for (;;) {
            // At a value.
            skipSpace();
            const char c = peek();
            if (c == '{' || c == '[') {
                if (depth == kMaxDepth) {
                    return false;
                }
                ++m_p;
                closers[std::size_t(depth++)] = c == '{' ? '}' : ']';
                skipSpace();
                if (consume(closers[std::size_t(depth - 1)])) {
                    --depth;
                } else if (c == '{') {
                    if (!memberKey()) {
                        return false;
                    }
                    continue;
                } else {
                    continue;
                }
            } else if (!skipScalar()) {
                return false;
            }
            // After a value: close containers or go on to the next element.
            for (;;) {
                if (depth == 0) {
                    return true;
                }
                skipSpace();
                const char closer = closers[std::size_t(depth - 1)];
                if (consume(closer)) {
                    --depth;
                    continue;
                }
                if (!consume(',')) {
                    return false;
                }
                if (closer == '}') {
                    skipSpace();
                    if (!memberKey()) {
                        return false;
                    }
                }
                break;
            }
        }
    }

private:
    bool skipDigits()
    {
        const char *start = m_p;
        while (m_p < m_end && isDigit(*m_p)) {
            ++m_p;
        }
        return m_p > start;
    }

    // At a backslash inside a string.
    bool escape()
    {
        ++m_p;
        if (m_p == m_end) {
            return false;
        }
        switch (*m_p++) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            return true;
        case 'u':
            for (int i = 0; i < 4; ++i) {
                if (m_p == m_end || hexValue(*m_p++) < 0) {
                    return false;
                }
            }
            return true;
        default:
            return false;
        }
    }

    // "key" : inside an object being skipped.
    bool memberKey()
    {
        std::string_view raw;
        bool escaped = false;
        if (!string(raw, escaped)) {
            return false;
        }
        skipSpace();
        return consume(':');
    }

    bool skipScalar()
    {
        const char c = peek();
        if (c == '"') {
            std::string_view raw;
            bool escaped = false;
            return string(raw, escaped);
        }
        if (c == 't') {
            return literal("true");
        }
        if (c == 'f') {
            return literal("false");
        }
        if (c == 'n') {
            return literal("null");
        }
        std::string_view token;
        double value = 0;
        return number(token, value);
    }

    const char *m_p;
    const char *m_end;
};

bool startsNumber(char c)
{
    return isDigit(c) || c == '-' || c == 'N' || c == 'I';
}

bool isIntegerToken(std::string_view token)
{
    for (char c : token) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return !token.empty();
}

bool readStreamKey(JsonCursor &json, std::string_view &key, std::string &storage)
{
    // A string names the stream as it is; a number as written ("vehicle":17 is stream 17);
    // null leaves the record without one.
    const char c = json.peek();
    if (c == '"') {
        bool escaped = false;
        if (!json.string(key, escaped)) {
            return false;
        }
        if (escaped) {
            if (!unescape(key, storage)) {
                return false;
            }
            key = storage;
        }
        return true;
    }
    if (startsNumber(c)) {
        double ignored = 0;
        return json.number(key, ignored);
    }
    key = {};
    return json.literal("null");
}

} // namespace

JsonlDecoder::JsonlDecoder(const Profile &profile)
{
    for (const Channel &channel : profile.channels) {
        m_ids.push_back(channel.id.toStdString());
    }
    m_row.resize(m_ids.size());
}

void JsonlDecoder::feed(std::string_view data, SampleBlock &out)
{
    m_lines.feed(data, m_errors, [&](std::string_view line) { decodeLine(line, out); });
}

void JsonlDecoder::finish(SampleBlock &out)
{
    m_lines.finish([&](std::string_view line) { decodeLine(line, out); });
}

void JsonlDecoder::reset()
{
    m_lines.reset();
    m_guess = 0;
}

int JsonlDecoder::channelIndex(std::string_view key)
{
    // Senders write the channels in profile order, so the one after the last match is tried first.
    const std::size_t n = m_ids.size();
    if (m_guess < n && m_ids[m_guess] == key) {
        return int(m_guess++);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (m_ids[i] == key) {
            m_guess = i + 1;
            return int(i);
        }
    }
    return -1;
}

void JsonlDecoder::decodeLine(std::string_view line, SampleBlock &out)
{
    Q_ASSERT(out.channelCount() == int(m_row.size()));
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (line.substr(0, kBom.size()) == kBom) {
        line.remove_prefix(kBom.size());
    }
    JsonCursor json(line);
    json.skipSpace();
    if (json.atEnd()) {
        return; // a blank line
    }

    const auto malformed = [this] {
        m_errors.add(DecodeError::Malformed);
    };
    std::fill(m_row.begin(), m_row.end(), std::numeric_limits<double>::quiet_NaN());
    m_guess = 0;
    bool hasTime = false;
    bool timeOk = false;
    double t = 0;
    std::int64_t seq = SampleBlock::kNoSeq;
    int channelsSeen = 0;
    int nonFinite = 0;
    std::string_view streamKey; // into the line, or m_key when it held escapes

    if (!json.consume('{')) {
        return malformed();
    }
    json.skipSpace();
    if (!json.consume('}')) {
        for (;;) {
            std::string_view key;
            bool escaped = false;
            if (!json.string(key, escaped)) {
                return malformed();
            }
            if (escaped) {
                if (!unescape(key, m_scratch)) {
                    return malformed();
                }
                key = m_scratch;
            }
            json.skipSpace();
            if (!json.consume(':')) {
                return malformed();
            }
            json.skipSpace();
            const char c = json.peek();
            if (key.size() == 1 && key[0] == 't') {
                hasTime = true;
                std::string_view raw;
                if (startsNumber(c)) {
                    if (!json.number(raw, t)) {
                        return malformed();
                    }
                    timeOk = std::isfinite(t);
                } else if (c == '"') {
                    if (!json.string(raw, escaped)) {
                        return malformed();
                    }
                    timeOk = escaped ? unescape(raw, m_scratch) && text::parseTime(m_scratch, t)
                                     : text::parseTime(raw, t);
                } else {
                    if (!json.skipValue()) {
                        return malformed();
                    }
                    timeOk = false;
                }
            } else if (key == "seq") {
                std::string_view token;
                double ignored = 0;
                if (!startsNumber(c) || !json.number(token, ignored) || !isIntegerToken(token)
                    || !text::parseSeq(token, seq)) {
                    return malformed();
                }
            } else if (m_lookup && key == m_keyField) {
                if (!readStreamKey(json, streamKey, m_key)) {
                    return malformed();
                }
            } else if (const int index = channelIndex(key); index >= 0) {
                ++channelsSeen;
                double &value = m_row[std::size_t(index)];
                if (startsNumber(c)) {
                    std::string_view token;
                    if (!json.number(token, value)) {
                        return malformed();
                    }
                    nonFinite += std::isfinite(value) ? 0 : 1;
                } else if (json.literal("null")) {
                    value = std::numeric_limits<double>::quiet_NaN();
                } else {
                    return malformed();
                }
            } else if (!json.skipValue()) {
                return malformed();
            }
            json.skipSpace();
            if (json.consume('}')) {
                break;
            }
            if (!json.consume(',')) {
                return malformed();
            }
            json.skipSpace();
        }
    }
    json.skipSpace();
    if (!json.atEnd()) {
        return malformed();
    }
    if (!hasTime) {
        return m_errors.add(DecodeError::MissingTime);
    }
    if (!timeOk) {
        return m_errors.add(DecodeError::BadTime);
    }
    if (channelsSeen == 0) {
        return m_errors.add(DecodeError::UnknownChannel);
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

} // namespace fw
