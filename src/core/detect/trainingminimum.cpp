#include "detect/trainingminimum.h"

#include <algorithm>
#include <cmath>

namespace fw::detect {

std::size_t minimumTrainingRows(double rateHz)
{
    const double byTime = rateHz > 0 ? std::ceil(kMinTrainingSeconds * rateHz) : 0.0;
    return std::max(kMinTrainingRows, std::size_t(byTime));
}

bool meetsTrainingMinimum(std::size_t rows, double seconds, double rateHz)
{
    const double period = rateHz > 0 ? 1.0 / rateHz : 0.0;
    return rows >= minimumTrainingRows(rateHz) && seconds + period >= kMinTrainingSeconds - 1e-9;
}

std::string trainingShortfall(std::size_t rows, double seconds, double rateHz)
{
    if (meetsTrainingMinimum(rows, seconds, rateHz)) {
        return {};
    }
    return "trained on " + std::to_string(rows) + " rows over "
           + std::to_string(std::lround(seconds)) + " s; a model needs at least "
           + std::to_string(minimumTrainingRows(rateHz)) + " rows over "
           + std::to_string(std::lround(kMinTrainingSeconds))
           + " s of nominal data to learn each channel's range, noise and trend";
}

} // namespace fw::detect
