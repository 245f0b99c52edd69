#pragma once

#include <string>
#include <string_view>

namespace fw::metrics {

class Registry;

// The text formats /metrics speaks.
enum class ExpositionFormat {
    PrometheusText, // Prometheus text format 0.0.4
    OpenMetrics,    // OpenMetrics 1.0.0 text, ending in "# EOF"
};

// The format an Accept header asks for: OpenMetrics when it names
// application/openmetrics-text (version 1.0.0 or none) with a higher quality than text/plain,
// else the Prometheus text format, which is also the answer to no header at all.
[[nodiscard]] ExpositionFormat negotiateFormat(std::string_view accept);
[[nodiscard]] std::string_view contentType(ExpositionFormat format);

// Runs the registry's collectors, then writes every family sorted by name.
[[nodiscard]] std::string render(const Registry &registry, ExpositionFormat format);

// The pieces, exposed for tests.
[[nodiscard]] std::string escapeHelp(std::string_view help, ExpositionFormat format);
[[nodiscard]] std::string escapeLabelValue(std::string_view value);
[[nodiscard]] std::string formatValue(double value);
// A bucket bound as the le label shows it: formatValue(), with ".0" after whole numbers in
// OpenMetrics (its canonical form, "1.0" rather than "1").
[[nodiscard]] std::string formatBound(double bound, ExpositionFormat format);

} // namespace fw::metrics
