# Sourced by the benchmark scripts: `measure NAME COMMAND...` runs the command $runs times and prints its
# best wall time with that run's peak RSS (GNU time), keeping the output in $work/NAME.out and the figures in
# $work/NAME.best and $work/NAME.rss; a failing run prints its output and stops the script. With
# MEASURE_SHOW=1 the first line the command printed follows in parentheses (what it read, say).
measure() {
    local name=$1
    shift
    local best="" rss=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$name.out" 2>&1 || { cat "$work/$name.out"; exit 1; }
        read -r t m < <(tail -1 "$work/time")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
    done
    local shown=""
    [ "${MEASURE_SHOW:-0}" = 1 ] && shown="($(head -1 "$work/$name.out"))"
    printf "%-34s %8.2f s  %8.1f MiB   %s\n" "$name" "$best" "$(awk "BEGIN{print $rss/1024}")" "$shown"
    echo "$best" >"$work/$name.best"
    echo "$rss" >"$work/$name.rss"
}
