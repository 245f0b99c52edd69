#pragma once

#include "telemetry/profile.h"

namespace fw {

// The profile with its channel labels and description in the user's language. The built-in
// profiles' labels are listed for the translators in profilelabels.cpp (a test checks that the
// list holds every one); a user's own profile file shows as written. Ids, columns and units are
// never translated: recordings, metrics and journals use them.
[[nodiscard]] Profile localizedProfile(Profile profile);

// The labels and descriptions the translators are given, in English.
[[nodiscard]] QStringList translatableProfileTexts();

} // namespace fw
