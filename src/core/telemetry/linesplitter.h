#pragma once

#include "decodeerror.h"

#include <cstring>
#include <string>
#include <string_view>

namespace fw {

// Newline framing for the text decoders. Input may arrive split anywhere; a line that ends in
// this feed is handed over in place, and only the unfinished tail is copied. A line over
// kMaxLineBytes (counted before its "\n", so a "\r" counts) is counted once as LineTooLong and
// skipped up to its newline without being buffered. Empty lines are not handed over.
class LineSplitter
{
public:
    // Calls onLine(std::string_view) for every line completed by data, "\r" stripped.
    template<typename OnLine>
    void feed(std::string_view data, DecodeCounts &errors, OnLine &&onLine)
    {
        while (!data.empty()) {
            const void *found = std::memchr(data.data(), '\n', data.size());
            if (m_skipping) {
                if (!found) {
                    return;
                }
                data.remove_prefix(lengthTo(data, found) + 1);
                m_skipping = false;
                continue;
            }
            if (!found) {
                if (m_partial.size() + data.size() > kMaxLineBytes) {
                    errors.add(DecodeError::LineTooLong);
                    m_partial.clear();
                    m_skipping = true;
                } else {
                    m_partial.append(data);
                }
                return;
            }
            const std::size_t length = lengthTo(data, found);
            const std::string_view head = data.substr(0, length);
            data.remove_prefix(length + 1);
            if (m_partial.size() + length > kMaxLineBytes) {
                errors.add(DecodeError::LineTooLong);
                m_partial.clear();
            } else if (m_partial.empty()) {
                deliver(head, onLine);
            } else {
                m_partial.append(head);
                deliver(m_partial, onLine);
                m_partial.clear();
            }
        }
    }

    // The stream ended: a trailing line without its newline is handed over.
    template<typename OnLine>
    void finish(OnLine &&onLine)
    {
        m_skipping = false;
        if (!m_partial.empty()) {
            deliver(m_partial, onLine);
            m_partial.clear();
        }
    }

    void reset()
    {
        m_partial.clear();
        m_skipping = false;
    }

    // Bytes held for an unfinished line; never more than kMaxLineBytes.
    [[nodiscard]] std::size_t bufferedBytes() const { return m_partial.size(); }

private:
    static std::size_t lengthTo(std::string_view data, const void *found)
    {
        return std::size_t(static_cast<const char *>(found) - data.data());
    }

    template<typename OnLine>
    static void deliver(std::string_view line, OnLine &onLine)
    {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty()) {
            onLine(line);
        }
    }

    std::string m_partial;   // the unfinished last line, at most kMaxLineBytes
    bool m_skipping = false; // inside an over-long line that has been counted
};

} // namespace fw
