#include "windowfeatures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fw::detect {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int enabledCount(WindowFeatures::Flags which)
{
    int count = 0;
    for (const unsigned flag :
         {WindowFeatures::Mean, WindowFeatures::StdDev, WindowFeatures::Slope}) {
        if ((which & flag) != 0) {
            ++count;
        }
    }
    return count;
}

} // namespace

WindowFeatures::WindowFeatures(int channels, int window, Flags which)
    : m_channels(channels)
    , m_window(window)
    , m_flags(which & All)
{
    if (channels < 1 || window < 1) {
        throw std::invalid_argument("WindowFeatures needs at least one channel and a window >= 1");
    }
    m_ring.assign(std::size_t(window) * std::size_t(channels), kNaN);
    m_sums.assign(std::size_t(channels), Sums{});
}

int WindowFeatures::featureCount() const
{
    return m_channels * (1 + enabledCount(m_flags));
}

void WindowFeatures::reset()
{
    std::fill(m_ring.begin(), m_ring.end(), kNaN);
    std::fill(m_sums.begin(), m_sums.end(), Sums{});
    m_head = 0;
    m_filled = 0;
    m_sinceRebuild = 0;
}

void WindowFeatures::push(std::span<const double> row, std::span<double> out)
{
    const auto channels = std::size_t(m_channels);
    if (row.size() < channels || out.size() < std::size_t(featureCount())) {
        throw std::invalid_argument("WindowFeatures::push: row or output too short");
    }
    const auto window = std::size_t(m_window);
    const bool full = m_filled == window;
    const double oldestX = -double(m_window); // index of the leaving sample after the shift
    for (std::size_t c = 0; c < channels; ++c) {
        Sums &s = m_sums[c];
        double &slot = m_ring[m_head * channels + c];
        // Every sample in the window moves one index back: x → x − 1.
        s.sumXY -= s.sumY;
        s.sumXX += s.count - 2 * s.sumX;
        s.sumX -= s.count;
        if (full && std::isfinite(slot)) {
            const double y = slot - s.reference;
            s.count -= 1;
            s.sumX -= oldestX;
            s.sumXX -= oldestX * oldestX;
            s.sumY -= y;
            s.sumYY -= y * y;
            s.sumXY -= oldestX * y;
        }
        const double value = row[c];
        slot = value;
        if (std::isfinite(value)) {
            if (s.count == 0) {
                // An empty window: start clean at this level rather than carry rounding residue.
                s = Sums{};
                s.reference = value;
            }
            const double y = value - s.reference;
            s.count += 1;
            s.sumY += y;
            s.sumYY += y * y;
            // x = 0 for the newest sample: sumX, sumXX and sumXY do not change.
        }
    }
    m_head = (m_head + 1) % window;
    m_filled = std::min(m_filled + 1, window);
    if (++m_sinceRebuild >= window) {
        m_sinceRebuild = 0;
        for (std::size_t c = 0; c < channels; ++c) {
            rebuild(c);
        }
    }
    for (std::size_t c = 0; c < channels; ++c) {
        out[c] = row[c];
        writeFeatures(c, out);
    }
}

void WindowFeatures::rebuild(std::size_t channel)
{
    const auto channels = std::size_t(m_channels);
    const auto window = std::size_t(m_window);
    Sums s;
    bool haveReference = false;
    for (std::size_t age = 0; age < m_filled; ++age) {
        const std::size_t slot = (m_head + window - 1 - age) % window;
        const double value = m_ring[slot * channels + channel];
        if (!std::isfinite(value)) {
            continue;
        }
        if (!haveReference) {
            // The newest present value: close to the current level, which keeps y small.
            s.reference = value;
            haveReference = true;
        }
        const double x = -double(age);
        const double y = value - s.reference;
        s.count += 1;
        s.sumX += x;
        s.sumXX += x * x;
        s.sumY += y;
        s.sumYY += y * y;
        s.sumXY += x * y;
    }
    m_sums[channel] = s;
}

void WindowFeatures::writeFeatures(std::size_t channel, std::span<double> out) const
{
    const Sums &s = m_sums[channel];
    const auto channels = std::size_t(m_channels);
    std::size_t block = 1;
    const double n = s.count;
    if ((m_flags & Mean) != 0) {
        out[block * channels + channel] = n > 0 ? s.reference + s.sumY / n : kNaN;
        ++block;
    }
    if ((m_flags & StdDev) != 0) {
        double value = kNaN;
        if (n > 0) {
            // Rounding can push the difference a hair below zero; a variance never is.
            const double variance = std::max(0.0, (s.sumYY - s.sumY * s.sumY / n) / n);
            value = std::sqrt(variance);
        }
        out[block * channels + channel] = value;
        ++block;
    }
    if ((m_flags & Slope) != 0) {
        double value = kNaN;
        const double denominator = n * s.sumXX - s.sumX * s.sumX;
        if (n >= 2 && denominator > 0) {
            value = (n * s.sumXY - s.sumX * s.sumY) / denominator;
        }
        out[block * channels + channel] = value;
    }
}

std::vector<double> WindowFeatures::extract(std::span<const double> rows, int channels, int window,
                                            Flags which)
{
    WindowFeatures extractor(channels, window, which);
    const auto width = std::size_t(channels);
    const std::size_t count = rows.size() / width;
    const auto outWidth = std::size_t(extractor.featureCount());
    std::vector<double> result(count * outWidth);
    for (std::size_t r = 0; r < count; ++r) {
        extractor.push(rows.subspan(r * width, width),
                       std::span<double>(result).subspan(r * outWidth, outWidth));
    }
    return result;
}

} // namespace fw::detect
