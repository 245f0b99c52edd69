#pragma once

#include <Eigen/Dense>
#include <span>
#include <vector>

namespace fw::detect {

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
