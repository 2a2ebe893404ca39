#!/usr/bin/env bash
# Runs a chosen set of Leakproof's JMH benchmarks and writes the results section of
# docs/benchmarks.md (tables with ratios to HikariCP, the issue's targets, the command, the
# machine, the JVM, the date) and its charts (docs/benchmarks.png, docs/benchmarks-capture.png).
#
# Usage: leakproof-bench/run-benchmarks.sh [options] [-- extra JMH options]
#   --set NAME     what to run; repeat for several (default: full)
#                    cycle      connection cycle, 8 platform threads, pool 32, with -prof gc
#                    cycle32    connection cycle, 32 platform threads, pool 32
#                    virtual    connection cycle, bursts of 256 virtual threads, pool 8
#                               (VirtualThreadCycleBench; see its comment for why not JMH's
#                               virtual executor)
#                    statement  statement cycle, 8 platform threads, pool 32
#                    storm      leak storm, 8 platform threads, pool 32, 1 leak in 1000 borrows
#                               (-si false: a borrow can take the whole 1 s timeout, and JMH's
#                               iteration sync would count the borrows made while it waits)
#                    capture    Leakproof engine alone at every call-site capture level, 1 and 2
#                               threads, 3 forks x 5 x 1 s
#                    full       all of the above
#                    smoke      every benchmark for one 100 ms iteration (checks this script)
#   --pools LIST   only these pools, comma-separated (hikari,agroal,leakproof,...)
#   --quick        1 warm-up and 3 measured iterations of 1 s instead of the benchmarks' own 3 + 5
#   --note TEXT    a caveat printed first in the results (e.g. "busy machine")
#   --doc FILE     the document to update (default docs/benchmarks.md); the chart goes beside it
#   --results DIR  keep JMH's JSON and logs here (default: a new temporary directory)
#   --limit SEC    kill one JMH run after this long (default 600); it is then listed as not
#                  completed, and the rest of the set goes on
#   --no-build     use leakproof-bench/target/benchmarks.jar as it is
#
# Each pool runs in its own JMH invocation, in its own forked JVM, under `timeout`: a pool that
# hangs (some did on virtual threads) costs at most --limit seconds and is reported, and every
# pool borrows with an acquire timeout, so a hung borrow fails its benchmark instead of waiting.
#
# Machines are shared and noisy: compare ratios within one run, not absolute numbers across runs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../.mvn/select-jdk.sh
. "$ROOT/.mvn/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/leakproof-bench/target/benchmarks.jar"

ALL_POOLS="leakproof leakproof-off leakproof-all hikari hikari-leak agroal vibur dbcp2 tomcat c3p0"
STORM_POOLS="leakproof leakproof-off hikari agroal vibur dbcp2 dbcp2-abandoned tomcat tomcat-abandoned c3p0 c3p0-unreturned"

sets=() pools_filter="" timing=() note="" doc="$ROOT/docs/benchmarks.md" results="" limit=600 build=1
# The command as the report shows it: arguments quoted, the note's text left out.
command_line="leakproof-bench/run-benchmarks.sh" prev=""
for a in "$@"; do
  if [ "$prev" = "--note" ]; then command_line+=" '...'"; else command_line+=" $(printf '%q' "$a")"; fi
  prev="$a"
done
while [ $# -gt 0 ]; do
  case "$1" in
    --set) sets+=("$2"); shift 2 ;;
    --pools) pools_filter=",$2,"; shift 2 ;;
    --quick) timing=(-wi 1 -w 1s -i 3 -r 1s); shift ;;
    --note) note="$2"; shift 2 ;;
    --doc) doc="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
extra=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(full)
expanded=()
for s in "${sets[@]}"; do
  case "$s" in
    full) expanded+=(cycle cycle32 virtual statement storm capture) ;;
    smoke) expanded+=(cycle virtual statement storm capture); timing=(-f 1 -wi 0 -i 1 -r 100ms) ;;
    cycle|cycle32|virtual|statement|storm|capture) expanded+=("$s") ;;
    *) echo "unknown set $s (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl leakproof-bench -am package -DskipTests)
fi
[ -f "$JAR" ] || { echo "no $JAR: build it with ./mvnw -pl leakproof-bench -am package" >&2; exit 1; }
if [ -z "$results" ]; then results=$(mktemp -d /tmp/leakproof-bench.XXXXXX); fi
mkdir -p "$results"
: > "$results/failures.txt"

selected() { # $1: pool; true if --pools allows it
  [ -z "$pools_filter" ] || [[ "$pools_filter" == *",$1,"* ]]
}

# run NAME DESCRIPTION JMH-ARGS...: one JMH invocation, bounded in time, its failure recorded.
run() {
  local name="$1" what="$2"; shift 2
  local json="$results/$name.json" log="$results/$name.log" rc=0
  echo "== $what"
  timeout --kill-after=10s "$limit" "$JAVA" -jar "$JAR" "$@" ${timing[@]+"${timing[@]}"} \
    ${extra[@]+"${extra[@]}"} -rf json -rff "$json" > "$log" 2>&1 || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "$what: killed after ${limit} s (hung)" | tee -a "$results/failures.txt"
    rm -f "$json"
  elif ! grep -q '"benchmark"' "$json" 2>/dev/null; then
    local why
    why=$(grep -m1 -E 'Exception|Error' "$log" | cut -c1-200 || true)
    echo "$what: failed (exit $rc) ${why:+— $why}" | tee -a "$results/failures.txt"
    rm -f "$json"
  else
    grep -E '^[A-Za-z]+Bench\.[A-Za-z]+(:(cycles|completed|timeouts|gc\.alloc\.rate\.norm))? ' "$log" \
      | sed 's/^/   /'
  fi
}

pool_runs() { # SET-NAME BENCHMARK DESCRIPTION POOLS JMH-ARGS...
  local set="$1" bench="$2" what="$3" pools="$4"; shift 4
  for p in $pools; do
    selected "$p" || continue
    run "$set-$p" "$bench pool=$p, $what" "$bench" -p "pool=$p" "$@"
  done
}

for s in "${expanded[@]}"; do
  case "$s" in
    cycle) pool_runs cycle ConnectionCycleBench "8 platform threads, pool 32" "$ALL_POOLS" \
             -t 8 -p poolSize=32 -prof gc ;;
    cycle32) pool_runs cycle32 ConnectionCycleBench "32 platform threads, pool 32" "$ALL_POOLS" \
               -t 32 -p poolSize=32 ;;
    virtual) pool_runs virtual VirtualThreadCycleBench "256 virtual threads, pool 8" "$ALL_POOLS" \
               -p poolSize=8 -p virtualThreads=256 ;;
    statement) pool_runs statement StatementCycleBench "8 platform threads, pool 32" "$ALL_POOLS" \
                 -t 8 -p poolSize=32 ;;
    storm) pool_runs storm LeakStormBench "8 platform threads, pool 32" "$STORM_POOLS" \
             -t 8 -p poolSize=32 -si false ;;
    capture)
      for t in 1 2; do
        if [ ${#timing[@]} -gt 0 ]; then
          run "capture-t$t" "CallSiteCaptureBench, $t threads" CallSiteCaptureBench -t "$t"
        else
          run "capture-t$t" "CallSiteCaptureBench, $t threads" CallSiteCaptureBench -t "$t" \
            -f 3 -wi 5 -w 1s -i 5 -r 1s
        fi
      done ;;
  esac
done

model=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
machine="$(nproc) CPUs${model:+ ($model)}${mem:+, $mem RAM}, $(uname -sr)"
mkdir -p "$(dirname "$doc")"
"$JAVA" -cp "$JAR" io.leakproof.bench.report.ReportWriter \
  --results "$results" --doc "$doc" --chart "${doc%.md}.png" \
  --command "$command_line" --machine "$machine" \
  --date "$(date -u '+%Y-%m-%d %H:%M UTC')" --note "$note"
echo "JMH results and logs: $results"
