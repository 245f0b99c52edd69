// Decoder throughput on simulator telemetry, one core, no sockets (Google Benchmark).
#include "sim/simulator.h"
#include "telemetry/decoder.h"
#include "telemetry/encoder.h"

#include <benchmark/benchmark.h>

using namespace fw;

namespace {

struct Stream
{
    std::string bytes;
    std::size_t records = 0;
};

Stream encoded(WireFormat format)
{
    QString error;
    const auto profile = Profile::load(QStringLiteral("spacecraft"), &error);
    Simulator simulator(*profile, 1000, 1, Scenario{}, 1732400000);
    SampleBlock block(profile->channelCount());
    simulator.generate(16384, block);
    const auto encoder = makeEncoder(format, *profile);
    Stream stream{encoder->header(), block.size()};
    for (std::size_t row = 0; row < block.size(); ++row) {
        encoder->encode(block, row, stream.bytes);
    }
    return stream;
}

void decode(benchmark::State &state, WireFormat format)
{
    QString error;
    const auto profile = Profile::load(QStringLiteral("spacecraft"), &error);
    const Stream stream = encoded(format);
    const auto decoder = makeDecoder(format, *profile);
    SampleBlock out(profile->channelCount());
    out.reserve(stream.records);
    for (auto _ : state) {
        out.clear();
        decoder->reset();
        decoder->feed(stream.bytes, out);
        decoder->finish(out);
        benchmark::DoNotOptimize(out.values().data());
    }
    state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(stream.records));
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(stream.bytes.size()));
}

} // namespace

BENCHMARK_CAPTURE(decode, jsonl, WireFormat::Jsonl);
BENCHMARK_CAPTURE(decode, csv, WireFormat::Csv);
BENCHMARK_CAPTURE(decode, ccsds, WireFormat::Ccsds);
BENCHMARK_MAIN();
