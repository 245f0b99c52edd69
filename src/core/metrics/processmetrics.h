#pragma once

#include <cstdint>
#include <optional>

namespace fw::metrics {

class Registry;

// The process's own figures as Linux reports them under /proc/self.
struct ProcessFigures
{
    double cpuSeconds = 0;       // user + system time
    double residentBytes = 0;    // resident set size
    double virtualBytes = 0;     // virtual memory size
    double openFds = 0;          // entries in /proc/self/fd
    double maxFds = 0;           // soft limit on open files
    double startTimeSeconds = 0; // since the Unix epoch
};

// Reads them now; nothing when /proc cannot be read (not Linux, or a sandbox without it).
[[nodiscard]] std::optional<ProcessFigures> readProcessFigures();

// Registers the standard process_* metrics (process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes, process_open_fds,
// process_max_fds, process_start_time_seconds), read from /proc at every scrape.
void registerProcessMetrics(Registry &registry);

} // namespace fw::metrics
