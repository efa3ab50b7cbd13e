#!/usr/bin/env bash
# One camera across atom-search subtasks, measured on a real standalone cluster (docs/performance.md).
#
#   scripts/one-camera-scaling.sh ENCODERS CODEC_THREADS [GOPS [PERIOD]]
#
# Starts a fresh `gvc cluster` (broker, JobManager, 2 TaskManagers of 1 slot) in a temporary folder,
# submits the encode job through the REST API with --encoders ENCODERS --codec-threads CODEC_THREADS
# (and, where PERIOD is given, a stream config of default.intra-period=PERIOD and
# default.independent-periods=true, so the camera's periods are coded on the chain's subtasks at once),
# plays one synthetic 176x144 camera (GOPS GOPs of 17 frames, 25 fps) into it as a live camera
# (--realtime), and prints when each packet became visible to a read_committed reader, the GOPs/s
# between the first and the last packet and the capture-to-packet latency. Stops the cluster at the
# end. Needs the README's build (cli/target/gvc-cli.jar, flink-jobs/target/gvc-flink-jobs.jar) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
encoders=${1:?usage: $0 ENCODERS CODEC_THREADS [GOPS [PERIOD]]}
threads=${2:?usage: $0 ENCODERS CODEC_THREADS [GOPS [PERIOD]]}
gops=${3:-12}
period=${4:-}
dir=$(mktemp -d /tmp/gvc-scaling.XXXXXX)
echo "date: $(date -u +%FT%TZ)  encoders=$encoders codec-threads=$threads gops=$gops \
independent periods of: ${period:-none (one chain)}  cluster: $dir"
echo "load before: $(uptime)"
./gvc cluster start --dir "$dir" --task-managers 2 --slots 1 > "$dir/start.out"
trap './gvc cluster stop --dir "$dir" > /dev/null' EXIT
. "$dir/cluster.env"
streams=""
if [ -n "$period" ]; then
  printf 'default.intra-period=%s\ndefault.independent-periods=true\n' "$period" > "$dir/streams.properties"
  streams=', "--stream-config", "'"$dir/streams.properties"'"'
fi
jar_id=$(curl -sf -X POST -F "jarfile=@flink-jobs/target/gvc-flink-jobs.jar" "$FLINK_REST/jars/upload" \
    | jq -r .filename | xargs basename)
job=$(curl -sf -X POST "$FLINK_REST/jars/$jar_id/run" -H 'Content-Type: application/json' \
    -d '{"entryClass": "io.gvc.jobs.pipeline.EncodeJob", "programArgsList": ["--bootstrap", "'"$KAFKA_BOOTSTRAP"'",
         "--encoders", "'"$encoders"'", "--codec-threads", "'"$threads"'", "--checkpoint-interval-ms", "1000"'"$streams"']}' \
    | jq -r .jobid)
echo "encode job $job"
for _ in $(seq 120); do
  [ "$(curl -s "$FLINK_REST/jobs/$job" | jq -r '[.vertices[].status] | all(. == "RUNNING")')" = true ] && break
  sleep 1
done
java -cp cli/target/gvc-cli.jar scripts/PacketTimes.java "$KAFKA_BOOTSTRAP" gvc.bitstream "$gops" \
    > "$dir/packets.txt" 2>&1 &
watcher=$!
./gvc ingest --synthetic --stream cam1 --frames $((16 * gops + 1)) --bootstrap "$KAFKA_BOOTSTRAP" --realtime \
    > "$dir/ingest.out" 2>&1
wait $watcher
grep -E "^(packet|timed out)" "$dir/packets.txt"
vertex=$(curl -s "$FLINK_REST/jobs/$job" | jq -r '.vertices[] | select(.name | contains("AtomSearch")) | .id')
names=$(seq -s, -f "%g.AtomSearch.stream.cam1.gopsSearched" 0 $((encoders - 1)))
echo "GOPs searched per AtomSearch subtask: $(curl -s "$FLINK_REST/jobs/$job/vertices/$vertex/metrics?get=$names" \
    | jq -c 'map({(.id): .value}) | add')"
chain=$(curl -s "$FLINK_REST/jobs/$job" | jq -r '.vertices[] | select(.name | contains("KeyframeChain")) | .id')
names=$(seq -s, -f "%g.KeyframeChain.stream.cam1.keyframeMs_median" 0 $((encoders - 1)))
echo "keyframe chain ms per GOP (median per subtask): $(curl -s "$FLINK_REST/jobs/$job/vertices/$chain/metrics?get=$names" \
    | jq -c 'map({(.id): .value}) | add')"
names=$(seq -s, -f "%g.AtomSearch.stream.cam1.searchMs_median" 0 $((encoders - 1)))
echo "atom search ms per GOP (median per subtask): $(curl -s "$FLINK_REST/jobs/$job/vertices/$vertex/metrics?get=$names" \
    | jq -c 'map({(.id): .value}) | add')"
echo "load after: $(uptime)"
