#pragma once

#include "telemetry/profile.h"

#include <QtGlobal>

namespace fw::test {

// A built-in profile, or the test run ends: every sim test needs one and cannot go on without.
inline Profile loadProfile(const QString &name)
{
    QString error;
    const std::optional<Profile> profile = Profile::load(name, &error);
    if (!profile) {
        qFatal("cannot load profile %s: %s", qPrintable(name), qPrintable(error));
    }
    return *profile;
}

} // namespace fw::test
