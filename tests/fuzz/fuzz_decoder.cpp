// libFuzzer target for one wire format's decoder (FW_FUZZ_FORMAT: Jsonl, Csv or Ccsds). Besides
// crashes and sanitizer reports it checks split invariance: the bytes fed whole and fed in two
// parts (split where the first byte says) must give the same samples and the same error counts.
#include "telemetry/decoder.h"
#include "telemetry/profile.h"
#include "telemetry/sampleblock.h"

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace {

const fw::Profile &profile()
{
    static const fw::Profile p = [] {
        QString error;
        auto parsed = fw::Profile::fromJson(
            R"({"name":"fuzz","apid":42,"channels":[{"id":"a"},{"id":"b"},{"id":"c"}]})", &error);
        if (!parsed) {
            __builtin_trap();
        }
        return *parsed;
    }();
    return p;
}

struct Decoded
{
    fw::SampleBlock block{3};
    fw::DecodeCounts errors;
};

Decoded decode(std::string_view first, std::string_view second)
{
    Decoded d;
    auto decoder = fw::makeDecoder(fw::WireFormat::FW_FUZZ_FORMAT, profile());
    decoder->feed(first, d.block);
    decoder->feed(second, d.block);
    decoder->finish(d.block);
    d.errors = decoder->errors();
    return d;
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
    const Decoded whole = decode(bytes, {});
    const Decoded parts = decode(bytes.substr(0, split), bytes.substr(split));
    if (whole.block.size() != parts.block.size()
        || whole.errors.byReason != parts.errors.byReason) {
        __builtin_trap();
    }
    for (std::size_t r = 0; r < whole.block.size(); ++r) {
        if (!same(whole.block.t(r), parts.block.t(r)) || whole.block.seq(r) != parts.block.seq(r)) {
            __builtin_trap();
        }
        for (int c = 0; c < 3; ++c) {
            if (!same(whole.block.value(r, c), parts.block.value(r, c))) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
