#pragma once

#include "encoder.h"

#include <string>
#include <vector>

namespace fw {

// {"t":<t>,"seq":<seq>,"<id>":<value>,...} with the shortest text that reads back exactly;
// missing values are null, seq is left out when the block has none. Channel ids are plain
// identifiers (Profile checks that), so no key needs escaping.
class JsonlEncoder final : public Encoder
{
public:
    explicit JsonlEncoder(const Profile &profile);

    void encode(const SampleBlock &block, std::size_t row, std::string &out) const override;

private:
    std::vector<std::string> m_keys; // ,"<id>": per channel
};

} // namespace fw
