#pragma once

#include <QStringList>

namespace fw::cli {

// Each subcommand takes its own arguments (program name and subcommand first) and returns the
// process exit code: 0 success, 1 failure at run time, 2 bad usage.
int health(const QStringList &arguments);
int score(const QStringList &arguments);
int serve(const QStringList &arguments);
int simulate(const QStringList &arguments);
int tap(const QStringList &arguments);
int train(const QStringList &arguments);

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

} // namespace fw::cli
