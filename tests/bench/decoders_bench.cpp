// Decoder throughput on simulator telemetry, one core, no sockets (Google Benchmark).
#include "sim/simulator.h"
#include "telemetry/ccsdsformat.h"
#include "telemetry/decoder.h"
#include "telemetry/encoder.h"

#include <array>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <unordered_map>

using namespace fw;

namespace {

struct Stream
{
    std::string bytes;
    std::size_t records = 0;
};

constexpr int kVehicles = 100;

// keyed: the records of kVehicles vehicles in turn, each naming its vehicle as simulate
// --vehicles writes them (a `vehicle` field, a last csv column, or an APID from 100 on).
Stream encoded(WireFormat format, bool keyed = false)
{
    QString error;
    const auto profile = Profile::load(QStringLiteral("spacecraft"), &error);
    Simulator simulator(*profile, 1000, 1, Scenario{}, 1732400000);
    SampleBlock block(profile->channelCount());
    simulator.generate(16384, block);
    const auto encoder = makeEncoder(format, *profile);
    Stream stream{encoder->header(), block.size()};
    if (keyed && !stream.bytes.empty()) {
        stream.bytes.insert(stream.bytes.size() - 1, ",vehicle");
    }
    std::string record;
    for (std::size_t row = 0; row < block.size(); ++row) {
        record.clear();
        encoder->encode(block, row, record);
        if (keyed) {
            const int vehicle = int(row % kVehicles);
            std::array<char, 8> name{};
            std::snprintf(name.data(), name.size(), "v%04d", vehicle + 1);
            if (format == WireFormat::Jsonl) {
                record.insert(1, "\"vehicle\":\"" + std::string(name.data()) + "\",");
            } else if (format == WireFormat::Csv) {
                record.insert(record.size() - 1, "," + std::string(name.data()));
            } else {
                const unsigned word0 = (unsigned(std::uint8_t(record[0])) << 8 & ~ccsds::kApidMask)
                                       | unsigned(100 + vehicle);
                record[0] = char(word0 >> 8);
                record[1] = char(word0 & 0xFF);
            }
        }
        stream.bytes += record;
    }
    return stream;
}

struct KeyHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const
    {
        return std::hash<std::string_view>{}(key);
    }
};

// keyed: each record filed under its vehicle's stream, through a cache of ids by key as the
// source's worker keeps one.
void decode(benchmark::State &state, WireFormat format, bool keyed)
{
    QString error;
    const auto profile = Profile::load(QStringLiteral("spacecraft"), &error);
    const Stream stream = encoded(format, keyed);
    const auto decoder = makeDecoder(format, *profile);
    std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> ids;
    if (keyed) {
        decoder->keyRecords(
            [&ids](std::string_view key) {
                const auto it = ids.find(key);
                return it != ids.end()
                           ? it->second
                           : ids.emplace(key, std::uint32_t(ids.size() + 1)).first->second;
            },
            format == WireFormat::Ccsds ? std::string() : std::string("vehicle"));
    }
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

BENCHMARK_CAPTURE(decode, jsonl, WireFormat::Jsonl, false);
BENCHMARK_CAPTURE(decode, csv, WireFormat::Csv, false);
BENCHMARK_CAPTURE(decode, ccsds, WireFormat::Ccsds, false);
BENCHMARK_CAPTURE(decode, jsonl_by_vehicle_field, WireFormat::Jsonl, true);
BENCHMARK_CAPTURE(decode, csv_by_vehicle_column, WireFormat::Csv, true);
BENCHMARK_CAPTURE(decode, ccsds_by_apid, WireFormat::Ccsds, true);
BENCHMARK_MAIN();
