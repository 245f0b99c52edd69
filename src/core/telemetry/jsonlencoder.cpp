#include "jsonlencoder.h"

#include "numberparse.h"
#include "profile.h"

#include <cmath>

namespace fw {

JsonlEncoder::JsonlEncoder(const Profile &profile)
{
    for (const Channel &channel : profile.channels) {
        m_keys.push_back(",\"" + channel.id.toStdString() + "\":");
    }
}

void JsonlEncoder::encode(const SampleBlock &block, std::size_t row, std::string &out) const
{
    Q_ASSERT(block.channelCount() == int(m_keys.size()));
    out += "{\"t\":";
    const double t = block.t(row);
    if (std::isfinite(t)) {
        text::appendDouble(out, t);
    } else {
        out += "null"; // read back as BadTime rather than as a number that is not there
    }
    if (block.seq(row) != SampleBlock::kNoSeq) {
        out += ",\"seq\":";
        text::appendInt(out, block.seq(row));
    }
    for (std::size_t c = 0; c < m_keys.size(); ++c) {
        out += m_keys[c];
        if (block.isMissing(row, int(c))) {
            out += "null";
        } else {
            text::appendDouble(out, block.value(row, int(c)));
        }
    }
    out += "}\n";
}

} // namespace fw
