#include "detect/heapforest.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FW_FOREST_AVX512 1
#include <immintrin.h>
#endif

namespace fw::detect {

namespace {

constexpr std::size_t kBlock = HeapForest::kBlock;
static_assert(std::has_single_bit(kBlock));
constexpr std::size_t kLaneMultiple = HeapForest::kLaneMultiple;
// m_feature holds feature * kFeatureScale: the AVX-512 walk's permute index of a feature row's
// first float (16 floats per row per vector).
constexpr std::uint16_t kFeatureScale = 16;
static_assert(HeapForest::kMaxFeatures * kFeatureScale - 1 <= 0xFFFF);

// The layout as the walks read it, and the block's feature count.
struct HeapView
{
    const double *value;
    const float *threshold;
    const std::uint16_t *feature;
    const std::size_t *offset;
    const std::int32_t *depth;
    std::size_t trees;
    std::size_t features;
};

// The float the vector walk compares in place of v: rounded to nearest, and 0 with v's sign
// where that would be subnormal. Both keep the order (a <= b gives f(a) <= f(b)), which is all
// the walk needs, and flushing here means a flush-to-zero or denormals-are-zero mode set by
// someone else cannot round the samples and the thresholds differently.
float walkFloat(double v)
{
    return std::abs(v) < double(FLT_MIN) ? float(std::copysign(0.0, v)) : float(v);
}

// Samples [begin, end) of a block (a multiple of G of them) walked G at a time, their positions
// in registers. Adds each tree's leaf value to sums[i].
template<std::size_t G>
void heapWalkScalar(const HeapView &forest, const double *block, std::size_t begin, std::size_t end,
                    double *sums)
{
    for (std::size_t t = 0; t < forest.trees; ++t) {
        const double *value = forest.value + forest.offset[t];
        const std::uint16_t *feature = forest.feature + forest.offset[t];
        const std::int32_t depth = forest.depth[t];
        for (std::size_t g = begin; g < end; g += G) {
            std::size_t at[G] = {};
            for (std::int32_t level = 0; level < depth; ++level) {
#pragma GCC unroll 16
                for (std::size_t l = 0; l < G; ++l) {
                    const std::size_t h = at[l];
                    const double v
                        = block[std::size_t(feature[h] / kFeatureScale) * kBlock + g + l];
                    at[l] = 2 * h + 1 + std::size_t(!(v <= value[h]));
                }
            }
#pragma GCC unroll 16
            for (std::size_t l = 0; l < G; ++l) {
                sums[g + l] += value[at[l]];
            }
        }
    }
}

#ifdef FW_FOREST_AVX512

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// GCC 12 flags the intrinsics' own deliberately undefined operands (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define FW_AVX512 __attribute__((target("avx512f,avx512bw")))
#define FW_AVX512_INLINE __attribute__((target("avx512f,avx512bw"), always_inline)) inline

// The walk compares in float32: 16 lanes per vector instead of 8 doubles, and a permute holds a
// level of 16 (vpermps) or 32 (vpermt2ps) entries, so each level costs about half as much per
// sample. On Zen 5 (100 trees, psi 256, 4 features, tests/bench/detector.sh) the double walk
// scored ~3.0 M samples/s, this one ~6.9 M/s.
constexpr std::size_t kLanes = 16; // floats per vector
static_assert(kLanes == kFeatureScale && kLaneMultiple == kLanes);
// Vectors of samples that walk a tree together, independent walks that overlap in the pipeline.
// Measured as above: 2 vectors ~40% slower, 8 no faster than 4.
constexpr std::size_t kVectors = 4;
constexpr std::size_t kWideGroup = kLanes * kVectors;
static_assert(kBlock % kWideGroup == 0);

// Levels down to this one are looked up across lanes by permuting registers that hold the whole
// level, deeper ones by gathering. Level 7 (4 permutes and 3 selects for 128 thresholds) was
// ~30% slower gathered.
constexpr int kPermuteLevels = 7;
constexpr int kGatherLevel = kPermuteLevels + 1;

// Entry r[i] of a level's table of 2^Level floats, per lane.
template<int Level>
FW_AVX512_INLINE __m512 levelFloats(const float *table, __m512i r)
{
    if constexpr (Level <= 4) {
        // Masked so that a small tree's table is not read past its end.
        constexpr auto used = __mmask16((1u << (1u << Level)) - 1);
        return _mm512_permutexvar_ps(r, _mm512_maskz_loadu_ps(used, table));
    } else if constexpr (Level <= kPermuteLevels) {
        __m512 part[1 << (Level - 5)];
        for (int c = 0; c < (1 << (Level - 5)); ++c) {
            part[c] = _mm512_permutex2var_ps(_mm512_loadu_ps(table + 32 * c), r,
                                             _mm512_loadu_ps(table + 32 * c + 16));
        }
        // A binary tree of selects on the index bits above the five a permute uses.
        for (int bit = 5, n = 1 << (Level - 5); n > 1; ++bit, n /= 2) {
            const __mmask16 high = _mm512_test_epi32_mask(r, _mm512_set1_epi32(1 << bit));
            for (int c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_ps(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    } else {
        return _mm512_i32gather_ps(r, table, 4);
    }
}

// Entry r[i] of a level's table of 2^Level uint16, widened, per lane. A 16-bit permute reaches
// twice as many entries as a 32-bit one: 32-bit feature tables made the walk ~6% slower. Bytes
// (vpermb) would save two more permutes at level 7 but need AVX-512 VBMI, which Skylake and
// Cascade Lake servers lack.
template<int Level>
FW_AVX512_INLINE __m512i levelWords(const std::uint16_t *table, __m512i r)
{
    // Zeroes the odd 16-bit lanes, the high halves of the 32-bit results.
    constexpr __mmask32 low = 0x55555555;
    if constexpr (Level <= 4) {
        constexpr auto used = __mmask32((1u << (1u << Level)) - 1);
        return _mm512_maskz_permutexvar_epi16(low, r, _mm512_maskz_loadu_epi16(used, table));
    } else if constexpr (Level == 5) {
        return _mm512_maskz_permutexvar_epi16(low, r, _mm512_loadu_si512(table));
    } else if constexpr (Level <= kPermuteLevels) {
        __m512i part[1 << (Level - 6)];
        for (int c = 0; c < (1 << (Level - 6)); ++c) {
            part[c] = _mm512_maskz_permutex2var_epi16(low, _mm512_loadu_si512(table + 64 * c), r,
                                                      _mm512_loadu_si512(table + 64 * c + 32));
        }
        for (int bit = 6, n = 1 << (Level - 6); n > 1; ++bit, n /= 2) {
            const __mmask16 high = _mm512_test_epi32_mask(r, _mm512_set1_epi32(1 << bit));
            for (int c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_epi32(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    } else {
        // 32 bits from each entry (the next one is still in the tree: the leaves follow).
        return _mm512_and_si512(_mm512_i32gather_epi32(r, table, 2), _mm512_set1_epi32(0xFFFF));
    }
}

// Feature f16[i] / 16 of sample i, for sixteen consecutive samples of a feature-major block of
// floats whose rows are padded to Rows (2, 4 or 8; 0 means more than 8 features, gathered).
// Blends instead of two-row permutes (the index f * 16 + i) were ~3% faster on a Xeon with
// AVX-512, where permutes and mask tests share one port.
template<std::size_t Rows>
FW_AVX512_INLINE __m512 featureValues(const float *x, __m512i f16)
{
    const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    if constexpr (Rows == 0) {
        constexpr int shift = std::countr_zero(kBlock) - std::countr_zero(kLanes);
        return _mm512_i32gather_ps(_mm512_add_epi32(_mm512_slli_epi32(f16, shift), lane), x, 4);
    } else {
        // Lane i of a row is sample i, so the row is picked per lane by the bits of f16 from
        // bit 4 up: a tree of blends, no permutes.
        __m512 part[Rows];
        for (std::size_t c = 0; c < Rows; ++c) {
            part[c] = _mm512_loadu_ps(x + c * kBlock);
        }
        for (std::size_t bit = 4, n = Rows; n > 1; ++bit, n /= 2) {
            const __mmask16 high = _mm512_test_epi32_mask(f16, _mm512_set1_epi32(1 << bit));
            for (std::size_t c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_ps(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    }
}

// r' = 2r + (v > threshold, or either is NaN: !(v <= threshold) as the scalar walks). Rounding to
// float keeps the order, so float(x) < float(t) means x < t and float(x) > float(t) means x > t;
// only float(x) == float(t) says nothing about x and t, and clears the lane in `exact`.
FW_AVX512_INLINE __m512i descend(__m512i r, __m512 v, __m512 threshold, __mmask16 &exact)
{
    const __mmask16 right = _mm512_cmp_ps_mask(v, threshold, _CMP_NLE_UQ);
    exact = _mm512_mask_cmp_ps_mask(exact, v, threshold, _CMP_NEQ_UQ);
    const __m512i twice = _mm512_add_epi32(r, r);
    return _mm512_mask_add_epi32(twice, right, twice, _mm512_set1_epi32(1));
}

// The heap index in the last level at which sample i of `block` ends, walked in double as the
// portable walk does: for the rare lanes that met a tie in float.
std::size_t walkDouble(const double *value, const std::uint16_t *feature, std::int32_t depth,
                       const double *block, std::size_t i)
{
    std::size_t h = 0;
    for (std::int32_t level = 0; level < depth; ++level) {
        const double v = block[std::size_t(feature[h] / kFeatureScale) * kBlock + i];
        h = 2 * h + 1 + std::size_t(!(v <= value[h]));
    }
    return h;
}

// One tree's tables.
struct HeapTree
{
    const double *value;
    const float *threshold;
    const std::uint16_t *feature;
    std::int32_t depth;
};

// One level for K vectors of sixteen samples. r is each lane's index within the level (the heap
// index minus 2^Level - 1), so the level's nodes are one small table.
template<std::size_t K, std::size_t Rows, int Level>
FW_AVX512_INLINE void walkLevel(const HeapTree &tree, std::size_t first, const float *x, __m512i *r,
                                __mmask16 *exact)
{
    const float *threshold = tree.threshold + first;
    const std::uint16_t *feature = tree.feature + first;
    if constexpr (Level <= 1) {
        // One or two nodes: every lane at the root, or a select between two broadcast nodes.
        const __m512 t0 = _mm512_set1_ps(threshold[0]);
        const float *x0 = x + std::size_t(feature[0] / kFeatureScale) * kBlock;
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            __m512 t = t0;
            __m512 v = _mm512_loadu_ps(x0 + kLanes * k);
            if constexpr (Level == 1) {
                const __mmask16 second = _mm512_test_epi32_mask(r[k], _mm512_set1_epi32(1));
                const float *x1 = x + std::size_t(feature[1] / kFeatureScale) * kBlock;
                t = _mm512_mask_blend_ps(second, t0, _mm512_set1_ps(threshold[1]));
                v = _mm512_mask_blend_ps(second, v, _mm512_loadu_ps(x1 + kLanes * k));
            }
            r[k] = descend(r[k], v, t, exact[k]);
        }
    } else {
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            const __m512 t = levelFloats<Level>(threshold, r[k]);
            const __m512i f16 = levelWords<Level>(feature, r[k]);
            r[k] = descend(r[k], featureValues<Rows>(x + kLanes * k, f16), t, exact[k]);
        }
    }
}

// walkLevel() for each level in turn (none for a tree that is one leaf).
template<std::size_t K, std::size_t Rows, int... Level>
FW_AVX512_INLINE void walkLevels(std::integer_sequence<int, Level...>,
                                 [[maybe_unused]] const HeapTree &tree,
                                 [[maybe_unused]] const float *x, [[maybe_unused]] __m512i *r,
                                 [[maybe_unused]] __mmask16 *exact)
{
    (walkLevel<K, Rows, Level>(tree, (std::size_t(1) << Level) - 1, x, r, exact), ...);
}

// heapWalkScalar() for one tree with sixteen samples per vector and K vectors at once; end -
// begin is a multiple of 16K. `floats` is `block` rounded by walkFloat(), its rows as
// featureValues() takes them. A lane whose float walk met a tie is walked again in double, so
// every lane ends on the leaf the scalar walk reaches, and adds the same leaf value: the sums are
// bit for bit the scalar ones.
//
// The first Unrolled (the tree's depth, at most kGatherLevel) levels are one straight run of
// code, with each level's index known when compiled; as a loop over a switch of levels, r and the
// masks went through memory and the walk was ~20% slower (Zen 5).
template<std::size_t K, std::size_t Rows, int Unrolled>
FW_AVX512 void walkTree(const HeapTree &tree, const double *block, const float *floats,
                        std::size_t begin, std::size_t end, double *sums)
{
    for (std::size_t g = begin; g < end; g += kLanes * K) {
        const float *x = floats + g;
        __m512i r[K];
        __mmask16 exact[K];
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            r[k] = _mm512_setzero_si512();
            exact[k] = 0xFFFF;
        }
        walkLevels<K, Rows>(std::make_integer_sequence<int, Unrolled>{}, tree, x, r, exact);
        for (int level = Unrolled; level < tree.depth; ++level) {
            walkLevel<K, Rows, kGatherLevel>(tree, (std::size_t(1) << level) - 1, x, r, exact);
        }
        const std::size_t first = (std::size_t(1) << tree.depth) - 1;
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            if (exact[k] != 0xFFFF) [[unlikely]] {
                alignas(64) std::uint32_t at[kLanes];
                _mm512_store_si512(at, r[k]);
                for (std::size_t i = 0; i < kLanes; ++i) {
                    if ((exact[k] >> i & 1) == 0) {
                        at[i] = std::uint32_t(walkDouble(tree.value, tree.feature, tree.depth,
                                                         block, g + kLanes * k + i)
                                              - first);
                    }
                }
                r[k] = _mm512_load_si512(at);
            }
        }
        // Gathers are slow here too (~1.3 cycles per double on Zen 5), but adding the leaves
        // with scalar code afterwards, per tree or over all trees per sample, was slower still.
        const double *leaves = tree.value + first;
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            double *sum = sums + g + kLanes * k;
            const __m512d low = _mm512_i32gather_pd(_mm512_castsi512_si256(r[k]), leaves, 8);
            const __m512d high = _mm512_i32gather_pd(_mm512_extracti64x4_epi64(r[k], 1), leaves, 8);
            _mm512_storeu_pd(sum, _mm512_add_pd(_mm512_loadu_pd(sum), low));
            _mm512_storeu_pd(sum + 8, _mm512_add_pd(_mm512_loadu_pd(sum + 8), high));
        }
    }
}

// walkTree() for each depth it takes as Unrolled.
template<std::size_t K, std::size_t Rows, int... Unrolled>
constexpr auto treeWalks(std::integer_sequence<int, Unrolled...>)
{
    return std::array{&walkTree<K, Rows, Unrolled>...};
}

// `block`'s first `count` samples (a multiple of 16) of `features` rows as walkFloat() rounds
// them, into `floats` of the same shape.
FW_AVX512 void roundBlock(const double *block, std::size_t features, std::size_t count,
                          float *floats)
{
    const __m512d smallest = _mm512_set1_pd(double(FLT_MIN));
    const __m512i sign = _mm512_set1_epi64(std::int64_t(std::uint64_t(1) << 63));
    for (std::size_t f = 0; f < features; ++f) {
        for (std::size_t i = f * kBlock; i < f * kBlock + count; i += 8) {
            const __m512i v = _mm512_castpd_si512(_mm512_loadu_pd(block + i));
            // |v| < FLT_MIN (never for NaN) keeps only its sign.
            const __mmask8 tiny
                = _mm512_cmp_pd_mask(_mm512_abs_pd(_mm512_castsi512_pd(v)), smallest, _CMP_LT_OQ);
            const __m512d kept = _mm512_castsi512_pd(_mm512_mask_and_epi64(v, tiny, v, sign));
            _mm256_storeu_ps(floats + i, _mm512_cvt_roundpd_ps(kept, _MM_FROUND_TO_NEAREST_INT
                                                                         | _MM_FROUND_NO_EXC));
        }
    }
}

// Trees in order, each walked by the block's first `padded` samples: kVectors vectors at a time,
// the rest one at a time.
template<std::size_t Rows>
FW_AVX512 void sumBlockAvx512(const HeapView &forest, const double *block, std::size_t padded,
                              double *sums)
{
    constexpr auto unrolled = std::make_integer_sequence<int, kGatherLevel + 1>{};
    static constexpr auto wide = treeWalks<kVectors, Rows>(unrolled);
    static constexpr auto narrow = treeWalks<1, Rows>(unrolled);
    // On the stack up to 8 features (allocating it cost ~1 % of the walk); the padding rows are
    // zeroed, as featureValues() loads them (and ignores them).
    alignas(64) std::array<float, kBlock *(Rows == 0 ? 1 : Rows)> rowsUpTo8;
    std::vector<float> manyRows(Rows == 0 ? kBlock * forest.features : 0);
    float *floats = Rows == 0 ? manyRows.data() : rowsUpTo8.data();
    std::fill(floats + kBlock * forest.features, floats + kBlock * std::max(Rows, forest.features),
              0.0F);
    roundBlock(block, forest.features, padded, floats);
    const std::size_t most = padded / kWideGroup * kWideGroup;
    for (std::size_t t = 0; t < forest.trees; ++t) {
        const HeapTree tree{.value = forest.value + forest.offset[t],
                            .threshold = forest.threshold + forest.offset[t],
                            .feature = forest.feature + forest.offset[t],
                            .depth = forest.depth[t]};
        const auto unrolledLevels = std::size_t(std::min(tree.depth, kGatherLevel));
        wide[unrolledLevels](tree, block, floats, 0, most, sums);
        narrow[unrolledLevels](tree, block, floats, most, padded, sums);
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

HeapKernel initialKernel()
{
    const char *off = std::getenv("FW_FOREST_NO_AVX512");
    const bool refused = off != nullptr && *off != '\0' && std::strcmp(off, "0") != 0;
    return cpuHasAvx512() && !refused ? HeapKernel::Avx512 : HeapKernel::Portable;
}

// Read by every sumBlock(); written only by setHeapKernel(), so relaxed order is enough.
std::atomic<HeapKernel> &selectedKernel()
{
    static std::atomic<HeapKernel> kernel{initialKernel()};
    return kernel;
}

} // namespace

bool cpuHasAvx512()
{
#ifdef FW_FOREST_AVX512
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    return has;
#else
    return false;
#endif
}

HeapKernel heapKernel()
{
    return selectedKernel().load(std::memory_order_relaxed);
}

bool setHeapKernel(HeapKernel kernel)
{
    if (kernel == HeapKernel::Avx512 && !cpuHasAvx512()) {
        return false;
    }
    selectedKernel().store(kernel, std::memory_order_relaxed);
    return true;
}

HeapForest::HeapForest(int featureCount)
    : m_featureCount(std::size_t(featureCount))
{}

std::size_t HeapForest::blockRows(int featureCount)
{
    const std::size_t d = std::size_t(featureCount);
    return d <= 8 ? std::bit_ceil(std::max<std::size_t>(d, 2)) : d;
}

void HeapForest::addTree(std::span<const ScoringNode> nodes, std::span<const double> leafValue,
                         std::int32_t root, std::int32_t depth)
{
    const std::size_t offset = m_value.size();
    const std::size_t size = (std::size_t(2) << depth) - 1;
    const std::size_t internal = size / 2;
    m_offset.push_back(offset);
    m_depth.push_back(depth);
    m_value.resize(offset + size);
    m_threshold.resize(offset + size);
    m_feature.resize(offset + size);
    double *value = m_value.data() + offset;
    float *threshold = m_threshold.data() + offset;
    std::uint16_t *feature = m_feature.data() + offset;
    std::vector<std::int32_t> source(size, 0); // the node each heap node copies
    source[0] = root;
    for (std::size_t h = 0; h < size; ++h) {
        const std::int32_t at = source[h];
        const ScoringNode &n = nodes[std::size_t(at)];
        if (h >= internal) {
            value[h] = leafValue[std::size_t(at)];
            continue;
        }
        // A leaf above the last level (its threshold is +inf, so every non-NaN value goes left)
        // is copied into both children, down to the last level.
        const bool leaf = n.left == at;
        value[h] = n.threshold;
        threshold[h] = walkFloat(n.threshold);
        feature[h] = leaf ? 0 : std::uint16_t(n.feature * kFeatureScale);
        source[2 * h + 1] = leaf ? at : n.left;
        source[2 * h + 2] = leaf ? at : n.left + 1;
    }
}

void HeapForest::sumBlock(double *block, std::size_t count, double *sums) const
{
    // Finite padding up to a whole lane group; its sums are not read.
    const std::size_t padded = (count + kLaneMultiple - 1) / kLaneMultiple * kLaneMultiple;
    for (std::size_t f = 0; f < m_featureCount; ++f) {
        std::fill(block + f * kBlock + count, block + f * kBlock + padded, 0.0);
    }
    std::fill(sums, sums + padded, 0.0);
    const HeapView forest{.value = m_value.data(),
                          .threshold = m_threshold.data(),
                          .feature = m_feature.data(),
                          .offset = m_offset.data(),
                          .depth = m_depth.data(),
                          .trees = m_offset.size(),
                          .features = m_featureCount};
#ifdef FW_FOREST_AVX512
    if (heapKernel() == HeapKernel::Avx512) {
        const std::size_t d = forest.features;
        if (d <= 2) {
            sumBlockAvx512<2>(forest, block, padded, sums);
        } else if (d <= 4) {
            sumBlockAvx512<4>(forest, block, padded, sums);
        } else if (d <= 8) {
            sumBlockAvx512<8>(forest, block, padded, sums);
        } else {
            sumBlockAvx512<0>(forest, block, padded, sums);
        }
        return;
    }
#endif
    heapWalkScalar<kLaneMultiple>(forest, block, 0, padded, sums);
}

} // namespace fw::detect
