#include "detect/heapforest.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FW_FOREST_AVX512 1
#include <immintrin.h>
#endif

namespace fw::detect {

namespace {

constexpr std::size_t kBlock = HeapForest::kBlock;
static_assert(std::has_single_bit(kBlock));
constexpr std::size_t kLaneMultiple = HeapForest::kLaneMultiple;
// A tree is walked with this many samples at once, independent walks that overlap in the
// pipeline (scalar: 16 in registers; AVX-512: 8 vectors of 8), and the rest of a block in groups
// of kLaneMultiple.
constexpr std::size_t kWideGroup = 64;
static_assert(kBlock % kWideGroup == 0 && kWideGroup % kLaneMultiple == 0);

// The layout as the walks read it, and the block's feature count.
struct HeapView
{
    const double *value;
    const std::int32_t *feature;
    const std::size_t *offset;
    const std::int32_t *depth;
    std::size_t trees;
    std::size_t features;
};

// Samples [begin, end) of a block (a multiple of G of them) walked G at a time, their positions
// in registers. Adds each tree's leaf value to sums[i].
template<std::size_t G>
void heapWalkScalar(const HeapView &forest, const double *block, std::size_t begin, std::size_t end,
                    double *sums)
{
    for (std::size_t t = 0; t < forest.trees; ++t) {
        const double *value = forest.value + forest.offset[t];
        const std::int32_t *feature = forest.feature + forest.offset[t];
        const std::int32_t depth = forest.depth[t];
        for (std::size_t g = begin; g < end; g += G) {
            std::size_t at[G] = {};
            for (std::int32_t level = 0; level < depth; ++level) {
#pragma GCC unroll 16
                for (std::size_t l = 0; l < G; ++l) {
                    const std::size_t h = at[l];
                    const double v = block[std::size_t(feature[h] >> 3) * kBlock + g + l];
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
#define FW_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) inline

// Levels down to this one are looked up across lanes by permuting registers that hold the whole
// level (16 entries per pair), deeper ones by gathering. Gathers are slow even on AVX-512 CPUs:
// on Zen 5 (100 trees, psi 256) a gather-only walk reached ~1.15x the node walk of
// IsolationForest::batchBlock(), this mix ~2.2x, and permuting level 7 too fell back to ~1.4x.
constexpr int kPermuteLevels = 6;
constexpr int kGatherLevel = kPermuteLevels + 1;

// Entry r[i] of a level's table of 2^Level doubles, per lane.
template<int Level>
FW_AVX512_INLINE __m512d levelDoubles(const double *table, __m512i r)
{
    if constexpr (Level <= 3) {
        // Masked so that a small tree's table is not read past its end.
        constexpr auto used = __mmask8((1u << (1u << Level)) - 1);
        return _mm512_permutexvar_pd(r, _mm512_maskz_loadu_pd(used, table));
    } else if constexpr (Level <= kPermuteLevels) {
        __m512d part[1 << (Level - 4)];
        for (int c = 0; c < (1 << (Level - 4)); ++c) {
            part[c] = _mm512_permutex2var_pd(_mm512_loadu_pd(table + 16 * c), r,
                                             _mm512_loadu_pd(table + 16 * c + 8));
        }
        // A binary tree of selects on the index bits above the four a permute uses.
        for (int bit = 4, n = 1 << (Level - 4); n > 1; ++bit, n /= 2) {
            const __mmask8 high = _mm512_test_epi64_mask(r, _mm512_set1_epi64(1 << bit));
            for (int c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_pd(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    } else {
        return _mm512_mask_i64gather_pd(_mm512_setzero_pd(), 0xFF, r, table, 8);
    }
}

// Entry r[i] of a level's table of 2^Level int32, widened, per lane. A 32-bit permute reaches
// twice as many entries as a 64-bit one.
template<int Level>
FW_AVX512_INLINE __m512i levelInts(const std::int32_t *table, __m512i r)
{
    // Zeroes the odd 32-bit lanes, the high halves of the 64-bit results.
    constexpr __mmask16 low = 0x5555;
    if constexpr (Level <= 4) {
        constexpr auto used = __mmask16((1u << (1u << Level)) - 1);
        return _mm512_maskz_permutexvar_epi32(low, r, _mm512_maskz_loadu_epi32(used, table));
    } else if constexpr (Level <= kPermuteLevels) {
        __m512i part[1 << (Level - 5)];
        for (int c = 0; c < (1 << (Level - 5)); ++c) {
            part[c] = _mm512_maskz_permutex2var_epi32(low, _mm512_loadu_si512(table + 32 * c), r,
                                                      _mm512_loadu_si512(table + 32 * c + 16));
        }
        for (int bit = 5, n = 1 << (Level - 5); n > 1; ++bit, n /= 2) {
            const __mmask8 high = _mm512_test_epi64_mask(r, _mm512_set1_epi64(1 << bit));
            for (int c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_epi64(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    } else {
        return _mm512_cvtepi32_epi64(
            _mm512_mask_i64gather_epi32(_mm256_setzero_si256(), 0xFF, r, table, 4));
    }
}

// Feature f8[i] / 8 of sample i, for eight consecutive samples of a feature-major block whose
// rows are padded to Rows (2, 4 or 8; 0 means more than 8 features, gathered). With f * 8 + i as
// the index, a permute of two rows picks each lane's value from either row.
template<std::size_t Rows>
FW_AVX512_INLINE __m512d featureValues(const double *x, __m512i f8)
{
    const __m512i lane = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    if constexpr (Rows == 0) {
        const __m512i at = _mm512_add_epi64(
            _mm512_slli_epi64(_mm512_srli_epi64(f8, 3), std::countr_zero(kBlock)), lane);
        return _mm512_mask_i64gather_pd(_mm512_setzero_pd(), 0xFF, at, x, 8);
    } else {
        const __m512i index = _mm512_or_si512(f8, lane);
        __m512d part[Rows / 2];
        for (std::size_t c = 0; c < Rows / 2; ++c) {
            part[c] = _mm512_permutex2var_pd(_mm512_loadu_pd(x + 2 * c * kBlock), index,
                                             _mm512_loadu_pd(x + (2 * c + 1) * kBlock));
        }
        for (std::size_t bit = 4, n = Rows / 2; n > 1; ++bit, n /= 2) {
            const __mmask8 high = _mm512_test_epi64_mask(f8, _mm512_set1_epi64(1 << bit));
            for (std::size_t c = 0; c < n / 2; ++c) {
                part[c] = _mm512_mask_blend_pd(high, part[2 * c], part[2 * c + 1]);
            }
        }
        return part[0];
    }
}

// r' = 2r + (v > threshold, or either is NaN: !(v <= threshold) as the scalar walks).
FW_AVX512_INLINE __m512i descend(__m512i r, __m512d v, __m512d threshold)
{
    const __mmask8 right = _mm512_cmp_pd_mask(v, threshold, _CMP_NLE_UQ);
    const __m512i twice = _mm512_add_epi64(r, r);
    return _mm512_mask_add_epi64(twice, right, twice, _mm512_set1_epi64(1));
}

// One level for K vectors of eight samples. r is each lane's index within the level (the heap
// index minus 2^Level - 1), so the level's nodes are one small table.
template<std::size_t K, std::size_t Rows, int Level>
FW_AVX512_INLINE void walkLevel(const double *value, const std::int32_t *feature, const double *x,
                                __m512i *r)
{
    if constexpr (Level <= 1) {
        // One or two nodes: every lane at the root, or a select between two broadcast nodes.
        const __m512d t0 = _mm512_set1_pd(value[0]);
        const double *x0 = x + std::size_t(feature[0] >> 3) * kBlock;
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            __m512d threshold = t0;
            __m512d v = _mm512_loadu_pd(x0 + 8 * k);
            if constexpr (Level == 1) {
                const __mmask8 second = _mm512_test_epi64_mask(r[k], _mm512_set1_epi64(1));
                const double *x1 = x + std::size_t(feature[1] >> 3) * kBlock;
                threshold = _mm512_mask_blend_pd(second, t0, _mm512_set1_pd(value[1]));
                v = _mm512_mask_blend_pd(second, v, _mm512_loadu_pd(x1 + 8 * k));
            }
            r[k] = descend(r[k], v, threshold);
        }
    } else {
#pragma GCC unroll 16
        for (std::size_t k = 0; k < K; ++k) {
            const __m512d threshold = levelDoubles<Level>(value, r[k]);
            const __m512i f8 = levelInts<Level>(feature, r[k]);
            r[k] = descend(r[k], featureValues<Rows>(x + 8 * k, f8), threshold);
        }
    }
}

// heapWalkScalar() with eight samples per vector and K vectors at once; end - begin is a multiple
// of 8K. Rows as featureValues() takes it. Same comparisons, and each lane adds the same leaf
// values in the same order, so the sums are bit for bit the scalar ones.
template<std::size_t K, std::size_t Rows>
__attribute__((target("avx512f"))) void heapWalkAvx512(const HeapView &forest, const double *block,
                                                       std::size_t begin, std::size_t end,
                                                       double *sums)
{
    for (std::size_t t = 0; t < forest.trees; ++t) {
        const double *value = forest.value + forest.offset[t];
        const std::int32_t *feature = forest.feature + forest.offset[t];
        const int depth = forest.depth[t];
        for (std::size_t g = begin; g < end; g += 8 * K) {
            const double *x = block + g;
            __m512i r[K];
#pragma GCC unroll 16
            for (std::size_t k = 0; k < K; ++k) {
                r[k] = _mm512_setzero_si512();
            }
            for (int level = 0; level < depth; ++level) {
                const std::size_t first = (std::size_t(1) << level) - 1;
                const double *v = value + first;
                const std::int32_t *f = feature + first;
                switch (level) {
                case 0:
                    walkLevel<K, Rows, 0>(v, f, x, r);
                    break;
                case 1:
                    walkLevel<K, Rows, 1>(v, f, x, r);
                    break;
                case 2:
                    walkLevel<K, Rows, 2>(v, f, x, r);
                    break;
                case 3:
                    walkLevel<K, Rows, 3>(v, f, x, r);
                    break;
                case 4:
                    walkLevel<K, Rows, 4>(v, f, x, r);
                    break;
                case 5:
                    walkLevel<K, Rows, 5>(v, f, x, r);
                    break;
                case 6:
                    walkLevel<K, Rows, 6>(v, f, x, r);
                    break;
                default:
                    walkLevel<K, Rows, kGatherLevel>(v, f, x, r);
                    break;
                }
            }
            const double *leaves = value + (std::size_t(1) << depth) - 1;
            // Up to 8 leaves, read no further than the tree's end.
            const __m512d small
                = depth <= 3 ? _mm512_maskz_loadu_pd(__mmask8((1u << (1u << depth)) - 1), leaves)
                             : _mm512_setzero_pd();
#pragma GCC unroll 16
            for (std::size_t k = 0; k < K; ++k) {
                const __m512d leaf = depth <= 3   ? _mm512_permutexvar_pd(r[k], small)
                                     : depth == 4 ? levelDoubles<4>(leaves, r[k])
                                                  : levelDoubles<kGatherLevel>(leaves, r[k]);
                double *sum = sums + g + 8 * k;
                _mm512_storeu_pd(sum, _mm512_add_pd(_mm512_loadu_pd(sum), leaf));
            }
        }
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
    static const bool has = __builtin_cpu_supports("avx512f");
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
    m_feature.resize(offset + size);
    double *value = m_value.data() + offset;
    std::int32_t *feature = m_feature.data() + offset;
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
        feature[h] = leaf ? 0 : n.feature * 8;
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
                          .feature = m_feature.data(),
                          .offset = m_offset.data(),
                          .depth = m_depth.data(),
                          .trees = m_offset.size(),
                          .features = m_featureCount};
    const std::size_t most = padded / kWideGroup * kWideGroup;
#ifdef FW_FOREST_AVX512
    if (heapKernel() == HeapKernel::Avx512) {
        const std::size_t d = forest.features;
        if (d <= 2) {
            heapWalkAvx512<kWideGroup / 8, 2>(forest, block, 0, most, sums);
            heapWalkAvx512<1, 2>(forest, block, most, padded, sums);
        } else if (d <= 4) {
            heapWalkAvx512<kWideGroup / 8, 4>(forest, block, 0, most, sums);
            heapWalkAvx512<1, 4>(forest, block, most, padded, sums);
        } else if (d <= 8) {
            heapWalkAvx512<kWideGroup / 8, 8>(forest, block, 0, most, sums);
            heapWalkAvx512<1, 8>(forest, block, most, padded, sums);
        } else {
            heapWalkAvx512<kWideGroup / 8, 0>(forest, block, 0, most, sums);
            heapWalkAvx512<1, 0>(forest, block, most, padded, sums);
        }
        return;
    }
#endif
    heapWalkScalar<kWideGroup / 4>(forest, block, 0, most, sums);
    heapWalkScalar<kLaneMultiple>(forest, block, most, padded, sums);
}

} // namespace fw::detect
