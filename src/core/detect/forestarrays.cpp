#include "detect/forestarrays.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace fw::detect {

namespace {

bool fail(std::string *error, std::string message)
{
    if (error) {
        *error = std::move(message);
    }
    return false;
}

std::string where(int tree, int node)
{
    return "tree " + std::to_string(tree) + " node " + std::to_string(node);
}

bool validateShape(const ForestArrays &a, std::string *error)
{
    if (a.featureCount < 1) {
        return fail(error, "feature count must be at least 1");
    }
    if (a.sampleSize < 1 || a.sampleSize > kMaxSampleSize) {
        return fail(error, "sample size must be 1 to " + std::to_string(kMaxSampleSize));
    }
    if (a.splitKind == SplitKind::Hyperplane && a.precision == InputPrecision::Float32) {
        return fail(error, "float32 inputs are only for axis-parallel (scikit-learn) forests");
    }
    if (a.treeOffsets.size() < 2) {
        return fail(error, "forest has no trees");
    }
    if (a.treeCount() > kMaxTrees) {
        return fail(error, "forest has " + std::to_string(a.treeCount()) + " trees, more than "
                               + std::to_string(kMaxTrees));
    }
    const std::size_t n = a.childLeft.size();
    if (n > std::size_t(std::numeric_limits<std::int32_t>::max())) {
        return fail(error, "forest has too many nodes");
    }
    if (a.childRight.size() != n || a.feature.size() != n || a.threshold.size() != n
        || a.nodeSize.size() != n) {
        return fail(error, "per-node arrays differ in length");
    }
    const std::size_t normals
        = a.splitKind == SplitKind::Hyperplane ? n * std::size_t(a.featureCount) : 0;
    if (a.normal.size() != normals) {
        return fail(error, "normal array has " + std::to_string(a.normal.size())
                               + " values, expected " + std::to_string(normals));
    }
    if (a.treeOffsets.front() != 0 || a.treeOffsets.back() != std::int32_t(n)) {
        return fail(error, "tree offsets must start at 0 and end at the node count");
    }
    for (std::size_t t = 0; t + 1 < a.treeOffsets.size(); ++t) {
        if (a.treeOffsets[t + 1] <= a.treeOffsets[t]) {
            return fail(error, "tree " + std::to_string(t) + " has no nodes");
        }
        const std::int64_t nodes = std::int64_t(a.treeOffsets[t + 1]) - a.treeOffsets[t];
        if (nodes > 2 * std::int64_t(a.sampleSize) - 1) {
            return fail(error, "tree " + std::to_string(t) + " has " + std::to_string(nodes)
                                   + " nodes; a tree grown from " + std::to_string(a.sampleSize)
                                   + " rows has at most " + std::to_string(2 * a.sampleSize - 1));
        }
    }
    return true;
}

bool validateNode(const ForestArrays &a, int tree, int local, std::int32_t base,
                  std::int32_t treeSize, std::string *error)
{
    const std::size_t i = std::size_t(base) + std::size_t(local);
    const std::int32_t left = a.childLeft[i];
    const std::int32_t right = a.childRight[i];
    if (a.nodeSize[i] < 0) {
        return fail(error, where(tree, local) + ": negative node size");
    }
    if (left == -1 && right == -1) {
        return true;
    }
    for (const std::int32_t child : {left, right}) {
        if (child < 0 || child >= treeSize) {
            return fail(error, where(tree, local) + ": child index " + std::to_string(child)
                                   + " out of range (tree has " + std::to_string(treeSize)
                                   + " nodes)");
        }
    }
    if (!std::isfinite(a.threshold[i])) {
        return fail(error, where(tree, local) + ": threshold is not finite");
    }
    if (a.splitKind == SplitKind::AxisParallel) {
        if (a.feature[i] < 0 || a.feature[i] >= a.featureCount) {
            return fail(error, where(tree, local) + ": feature index "
                                   + std::to_string(a.feature[i]) + " out of range ("
                                   + std::to_string(a.featureCount) + " features)");
        }
        return true;
    }
    bool nonZero = false;
    for (int f = 0; f < a.featureCount; ++f) {
        const double v = a.normal[i * std::size_t(a.featureCount) + std::size_t(f)];
        if (!std::isfinite(v)) {
            return fail(error, where(tree, local) + ": normal is not finite");
        }
        nonZero = nonZero || v != 0;
    }
    if (!nonZero) {
        return fail(error, where(tree, local) + ": normal is zero");
    }
    return true;
}

// Depth-first walk from the root that marks nodes on the current path, so that an edge back to
// one of them is reported as a cycle and an edge to a finished node as a shared child.
bool validateStructure(const ForestArrays &a, int tree, std::string *error)
{
    const std::int32_t base = a.treeOffsets[std::size_t(tree)];
    const std::int32_t size = a.treeOffsets[std::size_t(tree) + 1] - base;
    enum : std::uint8_t { Unseen, OnPath, Done };
    std::vector<std::uint8_t> state(std::size_t(size), Unseen);
    struct Frame
    {
        std::int32_t node;
        int nextChild;
    };
    std::vector<Frame> stack{{0, 0}};
    state[0] = OnPath;
    int reached = 1;
    while (!stack.empty()) {
        const Frame top = stack.back();
        const std::size_t i = std::size_t(base) + std::size_t(top.node);
        if (a.childLeft[i] == -1 || top.nextChild == 2) {
            state[std::size_t(top.node)] = Done;
            stack.pop_back();
            continue;
        }
        stack.back().nextChild = top.nextChild + 1;
        const std::int32_t child = top.nextChild == 0 ? a.childLeft[i] : a.childRight[i];
        if (state[std::size_t(child)] == OnPath) {
            return fail(error, where(tree, top.node) + ": child " + std::to_string(child)
                                   + " is one of its ancestors (cycle)");
        }
        if (state[std::size_t(child)] == Done) {
            return fail(error, where(tree, top.node) + ": child " + std::to_string(child)
                                   + " already has another parent");
        }
        if (int(stack.size()) > std::min(kMaxTreeDepth, heightLimit(a.sampleSize))) {
            return fail(error,
                        "tree " + std::to_string(tree) + " is deeper than "
                            + std::to_string(std::min(kMaxTreeDepth, heightLimit(a.sampleSize)))
                            + " levels, the height limit of sample size "
                            + std::to_string(a.sampleSize));
        }
        state[std::size_t(child)] = OnPath;
        stack.push_back({child, 0});
        ++reached;
    }
    if (reached != size) {
        return fail(error, "tree " + std::to_string(tree) + " has " + std::to_string(size - reached)
                               + " nodes not reachable from its root");
    }
    return true;
}

bool toInt32(std::int64_t v, std::int32_t *out)
{
    if (v < std::numeric_limits<std::int32_t>::min()
        || v > std::numeric_limits<std::int32_t>::max()) {
        return false;
    }
    *out = std::int32_t(v);
    return true;
}

} // namespace

int heightLimit(int sampleSize)
{
    int height = 0;
    while (height < 31 && (std::int64_t(1) << height) < sampleSize) {
        ++height;
    }
    return std::max(height, 1);
}

bool validateForestArrays(const ForestArrays &arrays, std::string *error)
{
    if (!validateShape(arrays, error)) {
        return false;
    }
    for (int t = 0; t < arrays.treeCount(); ++t) {
        const std::int32_t base = arrays.treeOffsets[std::size_t(t)];
        const std::int32_t size = arrays.treeOffsets[std::size_t(t) + 1] - base;
        for (int local = 0; local < size; ++local) {
            if (!validateNode(arrays, t, local, base, size, error)) {
                return false;
            }
        }
        if (!validateStructure(arrays, t, error)) {
            return false;
        }
    }
    return true;
}

bool arraysFromScikitLearn(const SklearnForest &forest, ForestArrays *out, std::string *error)
{
    ForestArrays a;
    a.featureCount = forest.featureCount;
    a.sampleSize = forest.maxSamples;
    a.splitKind = SplitKind::AxisParallel;
    a.pathLength = PathLengthFormula::ScikitLearn;
    a.precision = InputPrecision::Float32;
    a.treeOffsets.push_back(0);
    for (std::size_t t = 0; t < forest.trees.size(); ++t) {
        const SklearnTree &tree = forest.trees[t];
        const std::size_t n = tree.childrenLeft.size();
        const std::string name = "tree " + std::to_string(t);
        if (tree.childrenRight.size() != n || tree.feature.size() != n || tree.threshold.size() != n
            || tree.nodeSampleCount.size() != n) {
            return fail(error, name + ": node arrays differ in length");
        }
        if (n == 0 || n > std::size_t(std::numeric_limits<std::int32_t>::max() / 2)
            || a.childLeft.size() + n > std::size_t(std::numeric_limits<std::int32_t>::max())) {
            return fail(error, name + ": bad node count " + std::to_string(n));
        }
        const bool subset = tree.features.size() != std::size_t(forest.featureCount);
        for (const std::int64_t f : tree.features) {
            if (f < 0 || f >= forest.featureCount) {
                return fail(error, name + ": estimators_features_ entry " + std::to_string(f)
                                       + " out of range");
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            std::int32_t left = 0;
            std::int32_t right = 0;
            std::int32_t size = 0;
            if (!toInt32(tree.childrenLeft[i], &left) || !toInt32(tree.childrenRight[i], &right)) {
                return fail(error, where(int(t), int(i)) + ": child index out of range");
            }
            if (!toInt32(tree.nodeSampleCount[i], &size)) {
                return fail(error, where(int(t), int(i)) + ": node size out of range");
            }
            const bool leaf = left == -1 && right == -1;
            std::int64_t f = leaf ? -1 : tree.feature[i];
            if (!leaf && subset) {
                if (f < 0 || f >= std::int64_t(tree.features.size())) {
                    return fail(error, where(int(t), int(i)) + ": feature index "
                                           + std::to_string(f) + " out of range");
                }
                f = tree.features[std::size_t(f)];
            }
            if (f < -1 || f > std::numeric_limits<std::int32_t>::max()) {
                return fail(error, where(int(t), int(i)) + ": feature index " + std::to_string(f)
                                       + " out of range");
            }
            a.childLeft.push_back(left);
            a.childRight.push_back(right);
            a.feature.push_back(std::int32_t(f));
            a.threshold.push_back(leaf ? 0.0 : tree.threshold[i]);
            a.nodeSize.push_back(size);
        }
        a.treeOffsets.push_back(std::int32_t(a.childLeft.size()));
    }
    if (!validateForestArrays(a, error)) {
        return false;
    }
    *out = std::move(a);
    return true;
}

} // namespace fw::detect
