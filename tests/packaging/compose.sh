#!/usr/bin/env bash
# Checks the compose stack's files without starting it (this machine cannot pull the official
# images): the compose file against Compose's schema, every file it mounts, Prometheus's and
# Alertmanager's configurations with their own tools, Grafana's provisioning.
#   compose.sh SOURCE_DIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
need_tools docker-compose promtool amtool python3
docker=$(cd "$1/packaging/docker" && pwd)
compose=$docker/compose.yaml
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

docker-compose -f "$compose" config -q || fail "docker-compose config"
# Compose does not check that a bind mount's source exists; a missing one would start the stack
# with an empty directory in its place.
resolved=$(docker-compose -f "$compose" config)
mounts=$(awk '/^ *- .*:.*:ro$/ { sub(/^ *- /, ""); split($0, part, ":"); print part[1] }' \
    <<<"$resolved")
[ "$(wc -l <<<"$mounts")" -eq 6 ] || fail "expected 6 mounted files, found: $mounts"
while read -r source; do
    [ -f "$source" ] || fail "mounted file missing: $source"
done <<<"$mounts"
grep -q 'dockerfile: packaging/docker/Dockerfile' <<<"$resolved" || fail "the build is not the Dockerfile"

# Prometheus sees its configuration and the rules side by side in /etc/prometheus.
etc=$(mktemp -d)
trap 'rm -rf "$etc"' EXIT
cp "$docker/prometheus.yml" "$etc/prometheus.yml"
cp "$docker/../prometheus/faultwatch-rules.yml" "$etc/faultwatch-rules.yml"
promtool check config "$etc/prometheus.yml" || fail "promtool check config"
amtool check-config "$docker/alertmanager.yml" || fail "amtool check-config"

python3 - "$docker" <<'PY' || fail "Grafana provisioning"
import json, sys, yaml  # PyYAML comes with docker-compose
docker = sys.argv[1]
sources = yaml.safe_load(open(f"{docker}/grafana/datasources.yml"))["datasources"]
assert [s["type"] for s in sources] == ["prometheus"], sources
assert sources[0]["url"] == "http://prometheus:9090", sources[0]
providers = yaml.safe_load(open(f"{docker}/grafana/dashboards.yml"))["providers"]
assert providers[0]["options"]["path"] == "/var/lib/grafana/dashboards", providers
dashboard = json.load(open(f"{docker}/../grafana/faultwatch.json"))
assert dashboard["panels"], "the dashboard has no panels"
print(f"Grafana: {len(sources)} data source, dashboard '{dashboard['title']}' "
      f"with {len(dashboard['panels'])} panels")
PY
exit $status
