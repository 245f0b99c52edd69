// Model file load time: trains a 100-tree ψ 256 model on 10⁴ rows of 4 random channels, saves it
// to a temporary file, loads it 20 times (read, parse, hash check, validation) and prints one
// JSON object. The target is a load under 50 ms, so a console switches models without a stall.
// Wall time is the figure that counts; CPU time is printed beside it because on a busy machine
// the wall time measures the other processes as much as the load.
//
//   fw_bench_modelload
#include "detect/detectormodel.h"
#include "detect/modelfile.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double cpuMillis()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

constexpr int kChannels = 4;
constexpr std::size_t kRows = 10'000;
constexpr int kLoads = 20;
constexpr std::uint64_t kSeed = 20240601;

} // namespace

int main()
{
    using namespace fw::detect;
    std::mt19937_64 rng(kSeed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> rows(kRows * kChannels);
    std::generate(rows.begin(), rows.end(), [&] { return noise(rng); });

    TrainingData data;
    data.rows = rows;
    data.profile = "bench";
    data.channels = {"temperature", "voltage", "vibration", "pressure"};
    DetectorTrainOptions options; // 100 trees, ψ 256, raw channels
    options.forest.seed = kSeed;
    std::string trainError;
    const std::optional<DetectorModel> model = trainDetector(data, options, &trainError, nullptr);
    if (!model) {
        std::fprintf(stderr, "training failed: %s\n", trainError.c_str());
        return 1;
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("model.json"));
    QString error;
    if (!dir.isValid() || !saveModel(*model, path, &error)) {
        std::fprintf(stderr, "saving failed: %s\n", qPrintable(error));
        return 1;
    }

    std::vector<double> millis;
    std::vector<double> cpu;
    for (int i = 0; i < kLoads; ++i) {
        const Clock::time_point start = Clock::now();
        const double cpuStart = cpuMillis();
        const std::optional<DetectorModel> loaded = loadModel(path, &error);
        cpu.push_back(cpuMillis() - cpuStart);
        millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!loaded || loaded->forest.treeCount() != model->forest.treeCount()) {
            std::fprintf(stderr, "loading failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    std::printf("{\"model_bytes\": %lld, \"load_ms_median\": %.2f, \"load_ms_max\": %.2f, "
                "\"load_cpu_ms_median\": %.2f}\n",
                static_cast<long long>(QFileInfo(path).size()), median(millis),
                *std::max_element(millis.begin(), millis.end()), median(cpu));
    return 0;
}
