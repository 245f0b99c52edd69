#include "metrics/exposition.h"

#include "metrics/registry.h"

#include <array>
#include <charconv>
#include <cmath>

namespace fw::metrics {

namespace {

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

// One media range of an Accept header: its type and, of its parameters, q and version.
struct MediaRange
{
    std::string_view type;
    std::string_view version;
    double quality = 1.0;
};

MediaRange parseRange(std::string_view range)
{
    MediaRange result;
    std::size_t semicolon = range.find(';');
    result.type = trim(range.substr(0, semicolon));
    while (semicolon != std::string_view::npos) {
        range.remove_prefix(semicolon + 1);
        semicolon = range.find(';');
        const std::string_view parameter = trim(range.substr(0, semicolon));
        const std::size_t equals = parameter.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        const std::string_view key = trim(parameter.substr(0, equals));
        const std::string_view value = trim(parameter.substr(equals + 1));
        if (equalsNoCase(key, "q")) {
            double q = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), q);
            result.quality = error == std::errc() && end == value.data() + value.size() ? q : 0;
        } else if (equalsNoCase(key, "version")) {
            result.version = value;
        }
    }
    return result;
}

void appendLabels(std::string &out, const std::vector<std::string> &names,
                  const std::vector<std::string> &values, std::string_view le = {})
{
    if (names.empty() && le.empty()) {
        return;
    }
    out += '{';
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += names[i];
        out += "=\"";
        out += escapeLabelValue(values[i]);
        out += '"';
    }
    if (!le.empty()) {
        if (!names.empty()) {
            out += ',';
        }
        out += "le=\"";
        out += le;
        out += '"';
    }
    out += '}';
}

void appendSample(std::string &out, std::string_view name, std::string_view suffix,
                  const std::vector<std::string> &names, const std::vector<std::string> &values,
                  const std::string &value, std::string_view le = {})
{
    out += name;
    out += suffix;
    appendLabels(out, names, values, le);
    out += ' ';
    out += value;
    out += '\n';
}

std::string_view typeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    }
    return "unknown";
}

void renderFamily(std::string &out, const FamilyBase &family, ExpositionFormat format)
{
    const bool open = format == ExpositionFormat::OpenMetrics;
    std::string_view name = family.name();
    // OpenMetrics names a counter family without its _total, which only its samples carry.
    const std::string_view familyName
        = open && family.type() == MetricType::Counter ? name.substr(0, name.size() - 6) : name;
    out += "# HELP ";
    out += familyName;
    out += ' ';
    out += escapeHelp(family.help(), format);
    out += "\n# TYPE ";
    out += familyName;
    out += ' ';
    out += typeName(family.type());
    out += '\n';
    const std::vector<std::string> &labels = family.labelNames();
    switch (family.type()) {
    case MetricType::Counter:
        static_cast<const Family<Counter> &>(family).forEach(
            [&](const std::vector<std::string> &values, const Counter &counter) {
                appendSample(out, name, {}, labels, values, formatValue(counter.value()));
            });
        break;
    case MetricType::Gauge:
        static_cast<const Family<Gauge> &>(family).forEach(
            [&](const std::vector<std::string> &values, const Gauge &gauge) {
                appendSample(out, name, {}, labels, values, formatValue(gauge.value()));
            });
        break;
    case MetricType::Histogram:
        static_cast<const Family<Histogram> &>(family).forEach(
            [&](const std::vector<std::string> &values, const Histogram &histogram) {
                const Histogram::Snapshot s = histogram.snapshot();
                const auto bounds = histogram.bounds();
                for (std::size_t i = 0; i < bounds.size(); ++i) {
                    appendSample(out, name, "_bucket", labels, values,
                                 std::to_string(s.cumulative[i]), formatBound(bounds[i], format));
                }
                appendSample(out, name, "_bucket", labels, values, std::to_string(s.count), "+Inf");
                appendSample(out, name, "_sum", labels, values, formatValue(s.sum));
                appendSample(out, name, "_count", labels, values, std::to_string(s.count));
            });
        break;
    }
}

} // namespace

ExpositionFormat negotiateFormat(std::string_view accept)
{
    double openQuality = -1;
    double textQuality = -1;
    while (!accept.empty()) {
        const std::size_t comma = accept.find(',');
        const MediaRange range = parseRange(accept.substr(0, comma));
        accept.remove_prefix(comma == std::string_view::npos ? accept.size() : comma + 1);
        if (equalsNoCase(range.type, "application/openmetrics-text")
            && (range.version.empty() || range.version == "1.0.0")) {
            openQuality = std::max(openQuality, range.quality);
        } else if (equalsNoCase(range.type, "text/plain")) {
            textQuality = std::max(textQuality, range.quality);
        }
    }
    return openQuality > 0 && openQuality >= textQuality ? ExpositionFormat::OpenMetrics
                                                         : ExpositionFormat::PrometheusText;
}

std::string_view contentType(ExpositionFormat format)
{
    return format == ExpositionFormat::OpenMetrics
               ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
               : "text/plain; version=0.0.4; charset=utf-8";
}

std::string escapeHelp(std::string_view help, ExpositionFormat format)
{
    std::string out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '"' && format == ExpositionFormat::OpenMetrics) {
            out += "\\\"";
        } else {
            out += c;
        }
    }
    return out;
}

std::string escapeLabelValue(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '"') {
            out += "\\\"";
        } else {
            out += c;
        }
    }
    return out;
}

std::string formatValue(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return {buffer.data(), result.ptr};
}

std::string formatBound(double bound, ExpositionFormat format)
{
    std::string text = formatValue(bound);
    if (format == ExpositionFormat::OpenMetrics
        && text.find_first_of(".eEIN") == std::string::npos) {
        text += ".0";
    }
    return text;
}

std::string render(const Registry &registry, ExpositionFormat format)
{
    registry.collect();
    std::string out;
    out.reserve(16384);
    for (const FamilyBase *family : registry.families()) {
        renderFamily(out, *family, format);
    }
    if (format == ExpositionFormat::OpenMetrics) {
        out += "# EOF\n";
    }
    return out;
}

} // namespace fw::metrics
