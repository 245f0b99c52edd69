#include "metrics/processmetrics.h"

#include "metrics/registry.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace fw::metrics {

namespace {

// The fields of /proc/self/stat after the command name, which may itself hold spaces and
// parentheses, so the split starts after its last ')'. fields[0] is the state (field 3).
std::vector<std::string> statFields()
{
    std::ifstream file("/proc/self/stat");
    std::string line;
    if (!std::getline(file, line)) {
        return {};
    }
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos) {
        return {};
    }
    std::istringstream rest(line.substr(close + 1));
    std::vector<std::string> fields;
    for (std::string field; rest >> field;) {
        fields.push_back(field);
    }
    return fields;
}

// Seconds since the epoch at which the system booted (btime in /proc/stat).
double bootTime()
{
    std::ifstream file("/proc/stat");
    for (std::string line; std::getline(file, line);) {
        if (line.rfind("btime ", 0) == 0) {
            return std::strtod(line.c_str() + 6, nullptr);
        }
    }
    return 0;
}

double openFileCount()
{
    std::error_code error;
    double count = 0;
    for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
         it.increment(error)) {
        ++count;
    }
    return count;
}

} // namespace

std::optional<ProcessFigures> readProcessFigures()
{
    const std::vector<std::string> f = statFields();
    // Fields 14, 15 (utime, stime), 22 (starttime), 23 (vsize), 24 (rss), counted from 1.
    constexpr std::size_t kFirst = 3;
    if (f.size() < 24 - kFirst + 1) {
        return std::nullopt;
    }
    const auto field = [&](std::size_t n) {
        return std::strtod(f[n - kFirst].c_str(), nullptr);
    };
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double page = double(sysconf(_SC_PAGESIZE));
    ProcessFigures p;
    p.cpuSeconds = (field(14) + field(15)) / ticks;
    static const double boot = bootTime(); // fixed until the next boot
    p.startTimeSeconds = boot + field(22) / ticks;
    p.virtualBytes = field(23);
    p.residentBytes = field(24) * page;
    p.openFds = openFileCount();
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        p.maxFds = limit.rlim_cur == RLIM_INFINITY ? -1 : double(limit.rlim_cur);
    }
    return p;
}

void registerProcessMetrics(Registry &registry)
{
    Counter &cpu = registry.counter("process_cpu_seconds_total",
                                    "Total user and system CPU time spent in seconds.");
    Gauge &resident
        = registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
    Gauge &virtualMemory
        = registry.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
    Gauge &open = registry.gauge("process_open_fds", "Number of open file descriptors.");
    Gauge &max = registry.gauge("process_max_fds", "Maximum number of open file descriptors.");
    Gauge &start = registry.gauge("process_start_time_seconds",
                                  "Start time of the process since unix epoch in seconds.");
    registry.addCollector([&cpu, &resident, &virtualMemory, &open, &max, &start] {
        const std::optional<ProcessFigures> p = readProcessFigures();
        if (!p) {
            return;
        }
        cpu.mirror(p->cpuSeconds);
        resident.set(p->residentBytes);
        virtualMemory.set(p->virtualBytes);
        open.set(p->openFds);
        max.set(p->maxFds);
        start.set(p->startTimeSeconds);
    });
}

} // namespace fw::metrics
