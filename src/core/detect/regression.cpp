#include "detect/regression.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw::detect {

int stepBlock(double rateHz)
{
    if (!(rateHz > 0) || !std::isfinite(rateHz)) {
        return 0;
    }
    return int(std::clamp(std::lround(kStepSeconds * rateHz), 1L, long(kMaxSteps)));
}

bool validLags(const std::vector<int> &lags, int min)
{
    return !lags.empty() && std::is_sorted(lags.begin(), lags.end())
           && std::adjacent_find(lags.begin(), lags.end()) == lags.end() && lags.front() >= min
           && lags.back() <= kMaxSteps;
}

std::vector<double> stepMeans(std::span<const double> rows, std::size_t width, int block)
{
    const std::size_t steps = rows.size() / width / std::size_t(block);
    std::vector<double> out(steps * width, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t s = 0; s < steps; ++s) {
        for (std::size_t c = 0; c < width; ++c) {
            double sum = 0;
            int n = 0;
            for (std::size_t i = 0; i < std::size_t(block); ++i) {
                const double v = rows[(s * std::size_t(block) + i) * width + c];
                if (std::isfinite(v)) {
                    sum += v;
                    ++n;
                }
            }
            out[s * width + c] = n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
        }
    }
    return out;
}

std::vector<double> ridgeFit(Eigen::MatrixXd &x, Eigen::VectorXd &target, Eigen::Index rows,
                             double ridge)
{
    const Eigen::Index columns = x.cols();
    std::vector<double> coefficients(std::size_t(columns) + 1, 0.0);
    if (rows < columns + 2) {
        return coefficients;
    }
    auto z = x.topRows(rows);
    auto y = target.head(rows);
    const Eigen::RowVectorXd mean = z.colwise().mean();
    z.rowwise() -= mean;
    Eigen::RowVectorXd scale = (z.colwise().squaredNorm() / double(rows)).cwiseSqrt();
    for (Eigen::Index i = 0; i < scale.size(); ++i) {
        scale(i) = scale(i) > 0 ? scale(i) : 1.0;
    }
    z.array().rowwise() /= scale.array();
    const double yMean = y.mean();
    Eigen::MatrixXd gram = z.transpose() * z;
    gram.diagonal().array() += ridge * double(rows);
    const Eigen::VectorXd beta = gram.ldlt().solve(z.transpose() * (y.array() - yMean).matrix());
    double intercept = yMean;
    for (Eigen::Index i = 0; i < beta.size(); ++i) {
        coefficients[std::size_t(i) + 1] = beta(i) / scale(i);
        intercept -= coefficients[std::size_t(i) + 1] * mean(i);
    }
    coefficients[0] = intercept;
    return coefficients;
}

} // namespace fw::detect
