#!/usr/bin/env bash
# A local Citus cluster (issue 14, ADR 0009) for the Citus test run and the bench: builds the extension once from
# ../shared/vendor/citus (about 3 minutes; a no-op afterwards), starts a coordinator and two workers on loopback, and
# lets Linli's roles log in (Citus connects to the workers as the current role: the server runs as linli_app).
#   scripts/citus-cluster.sh start [PORT] [DIR]   → prints the coordinator URL (default port 9700)
#   scripts/citus-cluster.sh stop [DIR]
# LINLI_CITUS_THROWAWAY=1 (CI) runs the nodes without fsync: a cluster in /tmp that is deleted after the run needs
# no durability, and its databases are created and dropped ~100 times a run. Never for the bench's figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vendor=${LINLI_CITUS_VENDOR:-$root/../shared/vendor/citus}
dir_default=/tmp/linli-citus
cmd=${1:?start|stop}
if [[ ! -f $vendor/cluster.sh ]]; then echo "no Citus sources at $vendor (set LINLI_CITUS_VENDOR)" >&2; exit 2; fi
if [[ $cmd == start ]]; then
  port=${2:-9700}
  dir=${3:-$dir_default}
  bash "$vendor/build.sh" >&2
  url=$(bash "$vendor/cluster.sh" start "$port" "$dir")
  for role in linli_app linli_audit; do
    psql "$url" -qAtc "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role NOLOGIN; END IF;
      ALTER ROLE $role LOGIN;
    END \$\$" >&2
  done
  if [[ ${LINLI_CITUS_THROWAWAY:-} == 1 ]]; then
    for node in $(psql "$url" -qAtc "SELECT nodeport FROM pg_dist_node ORDER BY 1"); do
      psql -h 127.0.0.1 -p "$node" -U postgres -qAt -c "ALTER SYSTEM SET fsync = off" \
        -c "ALTER SYSTEM SET synchronous_commit = off" -c "ALTER SYSTEM SET full_page_writes = off" \
        -c "SELECT pg_reload_conf()" >/dev/null
    done
  fi
  echo "$url"
elif [[ $cmd == stop ]]; then
  bash "$vendor/cluster.sh" stop "${2:-$dir_default}"
fi
