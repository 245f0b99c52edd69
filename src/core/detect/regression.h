#pragma once

#include <Eigen/Dense>
#include <span>
#include <vector>

namespace fw::detect {

// One step of the relation and forecast checks: 0.2 s, short next to any drift, or one sample
// when samples are further apart.
constexpr double kStepSeconds = 0.2;
// The largest block, lag or smoothing, in steps, a stored check may ask for.
constexpr int kMaxSteps = 1000000;

// Samples per step at rateHz (at least 1); 0 when the rate is not a positive finite number.
[[nodiscard]] int stepBlock(double rateHz);

// Lags in steps, as stored checks keep them: at least one, ascending, distinct, min to kMaxSteps.
[[nodiscard]] bool validLags(const std::vector<int> &lags, int min);

// Means of consecutive blocks of `block` rows of rows × width (row-major), steps × width: a
// channel without a value in a block is NaN there. Trailing rows short of a block are left out.
[[nodiscard]] std::vector<double> stepMeans(std::span<const double> rows, std::size_t width,
                                            int block);

// Least squares of target on the columns of x, over their first `rows` rows, with a ridge of
// ridge × rows on the standardized columns: neighbouring lags of a smooth channel are nearly
// collinear, and the ridge keeps their weights from cancelling in huge opposite pairs. A column
// that never moved gets no weight. Returns the intercept, then one unstandardized weight per
// column; all zero when there are fewer rows than columns + 2. x and target are changed.
[[nodiscard]] std::vector<double> ridgeFit(Eigen::MatrixXd &x, Eigen::VectorXd &target,
                                           Eigen::Index rows, double ridge);

} // namespace fw::detect
