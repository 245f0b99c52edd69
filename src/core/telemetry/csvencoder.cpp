#include "csvencoder.h"

#include "numberparse.h"
#include "profile.h"

namespace fw {

CsvEncoder::CsvEncoder(const Profile &profile)
    : m_header("t,seq")
    , m_channelCount(profile.channelCount())
{
    for (const Channel &channel : profile.channels) {
        m_header += ',' + channel.id.toStdString();
    }
    m_header += '\n';
}

void CsvEncoder::encode(const SampleBlock &block, std::size_t row, std::string &out) const
{
    Q_ASSERT(block.channelCount() == m_channelCount);
    text::appendDouble(out, block.t(row));
    out += ',';
    if (block.seq(row) != SampleBlock::kNoSeq) {
        text::appendInt(out, block.seq(row));
    }
    for (int c = 0; c < m_channelCount; ++c) {
        out += ',';
        if (!block.isMissing(row, c)) {
            text::appendDouble(out, block.value(row, c));
        }
    }
    out += '\n';
}

} // namespace fw
