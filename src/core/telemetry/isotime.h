#pragma once

#include <string_view>

namespace fw::text {

// Reads an ISO 8601 date-time as seconds since the Unix epoch:
//   YYYY-MM-DD[(T|t|' ')HH:MM[:SS[.fraction]]][Z|z|+HH:MM|-HH:MM|+HHMM|+HH]
// A time without a zone is UTC (recordings and test benches log UTC; a local zone would make
// the same file mean different things on different machines). Second 60 (a leap second) reads as
// the first second of the next minute.
[[nodiscard]] bool parseIsoTime(std::string_view s, double &out);

// A source time as csv and jsonl carry it: seconds since the Unix epoch as a number, or an
// ISO 8601 date-time. False unless it parses and is finite.
[[nodiscard]] bool parseTime(std::string_view s, double &out);

} // namespace fw::text
