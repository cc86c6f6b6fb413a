-- wrk's closing line for build/bench/load.sh: requests, errors (non-2xx/3xx answers and socket errors) and latency
-- percentiles in microseconds, on one line the script parses.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f errors=%d p50=%d p95=%d p99=%d\n", summary.requests, summary.duration / 1e6,
    errors.status + errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
