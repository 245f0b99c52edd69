#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fw::detect {

// A node of the layout IsolationForest::score() walks, which HeapForest copies its trees from:
// siblings adjacent (right child = left + 1); a leaf loops to itself with a threshold of +inf, so
// any finite-or-infinite input walks stay on it and a fixed number of branch-free steps (the
// tree's depth) always ends on the leaf.
struct ScoringNode
{
    std::int32_t feature;
    std::int32_t left;
    double threshold;
};

// How HeapForest::sumBlock() walks the trees.
enum class HeapKernel : std::uint8_t {
    Portable, // plain C++, any CPU
    Avx512,   // sixteen samples per vector; x86-64 CPUs with AVX-512F and AVX-512BW only
};

// The walk sumBlock() uses, process-wide: Avx512 when the CPU has AVX-512F and BW, unless the
// environment variable FW_FOREST_NO_AVX512 is set to anything but "" or "0" when it is first
// needed (read once), for a CPU whose AVX-512 misbehaves or is slower than it claims. Both walks
// give the same sums bit for bit.
[[nodiscard]] HeapKernel heapKernel();
[[nodiscard]] bool cpuHasAvx512();
// For tests and benchmarks, which compare the walks in one process: forces `kernel` until the
// next call. Returns false, changing nothing, for Avx512 on a CPU without it. Not to be called
// while another thread is scoring.
bool setHeapKernel(HeapKernel kernel);

// IsolationForest::scoreBatch()'s layout for a forest whose trees are all shallow: each tree
// padded to a complete binary tree in heap order (children of h at 2h+1, 2h+2), so a step
// computes the next node instead of loading it, and a vector unit can walk sixteen samples with
// permutes instead of gathers. A padded node below a leaf has threshold +inf and leads left.
// The vector walk compares in float32, which holds twice as many lanes and table entries, and
// walks the rare sample that meets a threshold it cannot tell apart in float32 again in double.
// Plain C++ with no Qt; immutable once built, so it may be walked from any number of threads.
class HeapForest
{
public:
    // Deepest tree the layout takes: a tree of depth D takes 2^(D+1) - 1 nodes, and psi <= 4096
    // trains no deeper than 12.
    static constexpr std::int32_t kMaxDepth = 12;
    // Most features the layout takes: it keeps feature * 16 in 16 bits.
    static constexpr int kMaxFeatures = 4096;
    // Samples in one block of sumBlock(). scoreBatch() chose it (small enough to stay in L1 with
    // its rows), the vector walk indexes with it at compile time.
    static constexpr std::size_t kBlock = 256;
    // sumBlock() walks samples in groups of this many and pads a block to a whole group.
    static constexpr std::size_t kLaneMultiple = 16;

    // featureCount <= kMaxFeatures.
    explicit HeapForest(int featureCount);

    // Appends the tree rooted at nodes[root], depth (<= kMaxDepth) steps from its root to its
    // deepest leaf; leafValue[n] is what a sample ending on leaf n adds to its sum.
    void addTree(std::span<const ScoringNode> nodes, std::span<const double> leafValue,
                 std::int32_t root, std::int32_t depth);

    // Feature rows a block needs: the vector walk reads up to 8 features as pairs of whole rows,
    // so it needs a power of two from 2.
    [[nodiscard]] static std::size_t blockRows(int featureCount);

    // Sets sums[i] for samples i < count (count <= kBlock) to the leaf values it reaches, added
    // over the trees in order. `block` is feature-major, blockRows() rows of kBlock: feature f of
    // sample i at block[f * kBlock + i]; values compared as they are (no NaN: a missing value
    // needs the walk that splits the sample). Overwrites samples from count up to the next
    // multiple of kLaneMultiple with padding, and sums for them; `sums` holds kBlock.
    void sumBlock(double *block, std::size_t count, double *sums) const;

private:
    std::vector<double> m_value;          // thresholds at internal nodes, leaf values at leaves
    std::vector<float> m_threshold;       // m_value's thresholds rounded for the float walk
    std::vector<std::uint16_t> m_feature; // feature * 16 at internal nodes, a permute index
    std::vector<std::size_t> m_offset;    // per tree: its first node
    std::vector<std::int32_t> m_depth;    // per tree
    std::size_t m_featureCount;
};

} // namespace fw::detect
