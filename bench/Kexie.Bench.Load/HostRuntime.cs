// The host's garbage collections and thread pool during the timed part of a load run, read from outside the host
// through the runtime's diagnostics port (EventPipe), so the host needs no route or setting for it: the runtime's GC
// events (Microsoft-Windows-DotNETRuntime, GC keyword, informational: one start, end, suspension and restart per
// collection) give each collection's generation, kind and pause; the System.Runtime counters (one sample a second) give
// the thread pool's queue length and lock contention. The pauses are also laid over the requests' times to say how
// many of the slowest requests a pause overlapped (see docs/benchmarks.md, "Where the tail comes from").
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Analysis;
using Microsoft.Diagnostics.Tracing.Analysis.GC;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Kexie.Bench.Load
{
    /// <summary>One collection of the timed part: generation, background or blocking, and its pause on the driver's clock.</summary>
    /// <param name="PauseStart">Start of the pause in <see cref="Stopwatch"/> ticks of the driver (same machine, same clock).</param>
    public sealed record GcPause(int Pid, int Generation, bool Background, double PauseMilliseconds, long PauseStart, long PauseEnd, double HeapAfterMiB, double AllocatedMiB);

    /// <summary>An EventPipe session per host process, started when the timed part starts and stopped when it ends.</summary>
    public sealed class HostRuntime : IAsyncDisposable
    {
        private readonly List<Session> sessions = [];

        private sealed class Session
        {
            public required int Pid;
            public required EventPipeSession Pipe;
            public required Task Reading;
            public readonly ConcurrentQueue<GcPause> Pauses = new();
            public readonly ConcurrentDictionary<string, List<(long At, double Value)>> Counters = new();
        }

        private long from = long.MinValue, to = long.MaxValue;

        /// <summary>The collections whose pause started in the timed part (the session runs from before the warm-up's end).</summary>
        public IReadOnlyList<GcPause> Pauses => sessions.SelectMany(s => s.Pauses).Where(p => p.PauseStart >= from && p.PauseStart < to).OrderBy(p => p.PauseStart).ToList();

        /// <summary>The timed part in <see cref="Stopwatch"/> ticks.</summary>
        public void Window(long start, long end) => (from, to) = (start, end);

        /// <summary>Samples of a System.Runtime counter (one a second per host), e.g. threadpool-queue-length.</summary>
        public IReadOnlyList<double> Counter(string name) =>
            sessions.SelectMany(s => s.Counters.TryGetValue(name, out var v) ? v.Where(c => c.At >= from && c.At < to).Select(c => c.Value) : []).ToList();

        /// <summary>The growth of a cumulative counter (e.g. methods-jitted-count) over the timed part, summed over the hosts.</summary>
        public double Growth(string name) =>
            sessions.Sum(s => s.Counters.TryGetValue(name, out var v) && v.Where(c => c.At >= from && c.At < to).ToList() is { Count: > 1 } w ? w[^1].Value - w[0].Value : 0);

        /// <summary>Starts the sessions; a host that cannot be reached (another user's process, no diagnostics port) is left out with a line saying so.</summary>
        public static async Task<HostRuntime> StartAsync(IReadOnlyList<int> pids)
        {
            var runtime = new HostRuntime();
            foreach (var pid in pids)
            {
                try
                {
                    var client = new DiagnosticsClient(pid);
                    var providers = new[]
                    {
                        new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
                        new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
                    };
                    var pipe = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 64, CancellationToken.None);
                    var session = new Session { Pid = pid, Pipe = pipe, Reading = Task.CompletedTask };
                    session.Reading = Task.Run(() => Read(session));
                    runtime.sessions.Add(session);
                }
                catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or UnauthorizedAccessException or TimeoutException)
                {
                    Console.WriteLine($"（未采集主机 {pid} 的 GC 与线程池：{e.Message}）");
                }
            }

            return runtime;
        }

        private static void Read(Session session)
        {
            using var source = new EventPipeEventSource(session.Pipe.EventStream);
            // The driver's clock for the session's start: both are CLOCK_MONOTONIC-based on Linux, but the trace gives
            // event times as DateTime from its sync point, so convert through the wall clock read here and now.
            var stopwatchAtStart = Stopwatch.GetTimestamp();
            var utcAtStart = DateTime.UtcNow;
            long Ticks(DateTime utc) => stopwatchAtStart + (long)((utc - utcAtStart).TotalSeconds * Stopwatch.Frequency);

            source.NeedLoadedDotNetRuntimes();
            source.AddCallbackOnProcessStart(process => process.AddCallbackOnDotNetRuntimeLoad(runtime =>
            {
                runtime.GCEnd += (_, gc) =>
                {
                    var pauseStart = source.SessionStartTime.ToUniversalTime().AddMilliseconds(gc.PauseStartRelativeMSec);
                    session.Pauses.Enqueue(new GcPause(session.Pid, gc.Generation, gc.Type == GCType.BackgroundGC, gc.PauseDurationMSec,
                        Ticks(pauseStart), Ticks(pauseStart.AddMilliseconds(gc.PauseDurationMSec)), gc.HeapSizeAfterMB, gc.AllocedSinceLastGCMB));
                };
            }));
            source.Dynamic.All += e =>
            {
                // The payload is { "Payload": { "Name", "CounterType" ("Mean" or "Sum"), "Mean" or "Increment", … } }.
                if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                    || outer["Payload"] is not IDictionary<string, object> counter)
                {
                    return;
                }

                var value = counter.ContainsKey("Mean") ? counter["Mean"] : counter.ContainsKey("Increment") ? counter["Increment"] : null;
                if (value is not null)
                {
                    session.Counters.GetOrAdd((string)counter["Name"], _ => []).Add((Ticks(e.TimeStamp.ToUniversalTime()), Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                }
            };
            source.Process();
        }

        public async Task StopAsync()
        {
            foreach (var session in sessions)
            {
                try
                {
                    await session.Pipe.StopAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
                {
                    // The host exited: what was read so far stays.
                }
            }

            foreach (var session in sessions)
            {
                await session.Reading.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t =>
                {
                    if (t.Exception is { } e)
                    {
                        Console.WriteLine($"（主机 {session.Pid} 的事件读取中断：{e.GetBaseException().Message}；以下只含中断前的部分）");
                    }
                });
            }
        }

        public ValueTask DisposeAsync()
        {
            foreach (var session in sessions)
            {
                session.Pipe.Dispose();
            }

            return ValueTask.CompletedTask;
        }

        /// <summary>
        /// The report's lines: collections by generation, pauses (total, share of the timed part, longest, p50/p99), the
        /// heap, the thread pool's queue; then how many of the requests over the run's p99 (and over 100 ms) a pause
        /// overlapped, against all requests, and the share of their time the pauses covered.
        /// </summary>
        public void Write(IReadOnlyList<Sample> samples, double seconds, int hosts)
        {
            var pauses = Pauses;
            Console.WriteLine();
            if (pauses.Count == 0)
            {
                Console.WriteLine("Host GC (timed part): no collection seen.");
            }
            else
            {
                var byGen = Enumerable.Range(0, 3).Select(g => pauses.Count(p => p.Generation == g)).ToArray();
                var ms = pauses.Select(p => p.PauseMilliseconds).Order().ToArray();
                double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Host GC (timed part{(hosts > 1 ? $", {hosts} nodes summed" : "")}): {pauses.Count:N0} collections (gen0 {byGen[0]:N0}, gen1 {byGen[1]:N0}, gen2 {byGen[2]:N0} of which {pauses.Count(p => p.Background):N0} background); paused {ms.Sum():N0} ms in all ({100 * ms.Sum() / 1000 / seconds / hosts:N1} % of the time), longest {ms[^1]:N1} ms, pause p50 {P(0.5):N1} / p99 {P(0.99):N1} ms; gen2 pauses {string.Join(", ", pauses.Where(p => p.Generation == 2).Select(p => p.PauseMilliseconds.ToString("N1", CultureInfo.InvariantCulture)))} ms; heap after the last collection {pauses[^1].HeapAfterMiB:N0} MiB, {pauses.Sum(p => p.AllocatedMiB) / seconds:N0} MiB allocated a second."));
            }

            var queue = Counter("threadpool-queue-length");
            var threads = Counter("threadpool-thread-count");
            var contention = Counter("monitor-lock-contention-count");
            if (queue.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Host thread pool (1-s samples): queue length mean {queue.Average():N1}, max {queue.Max():N0}; threads {threads.DefaultIfEmpty().Min():N0}–{threads.DefaultIfEmpty().Max():N0}; lock contentions {contention.Sum():N0} ({contention.Sum() / seconds:N0}/s)."));
                // The JIT still at work in the timed part: tier-0 code of methods first reached, and the background
                // re-compilations of hot methods (instrumented, then optimized: tiered compilation with PGO).
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Host JIT (timed part): {Growth("methods-jitted-count"):N0} methods compiled ({Growth("methods-jitted-count") / seconds:N0}/s), {Counter("time-in-jit").Sum() / 1000:N1} s in the JIT (wall time of the compiling threads){(Growth("methods-jitted-count") / seconds / hosts > 20 ? " — still tiering up: the timed part is not the steady state (KEXIE_LOAD_WARMUP=180 reaches it on the province)" : "")}."));
            }

            if (pauses.Count == 0 || samples.Count == 0)
            {
                return;
            }

            var all = samples.Select(s => s.Milliseconds).Order().ToArray();
            var p99 = all[Math.Min(all.Length - 1, (int)Math.Ceiling(0.99 * all.Length) - 1)];
            var slow = samples.Where(s => s.Milliseconds >= p99).GroupBy(s => s.Route).OrderByDescending(g => g.Count()).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Requests over the p99 ({p99:N0} ms) by route: {string.Join("; ", slow.Select(g => $"{g.Key} {g.Count()} (of {samples.Count(s => s.Route == g.Key):N0})"))}."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GC pauses under the requests: all requests {Overlap(samples, pauses)}; over 100 ms {Overlap(samples.Where(s => s.Milliseconds > 100).ToList(), pauses)}; over the p99 ({p99:N0} ms) {Overlap(samples.Where(s => s.Milliseconds >= p99).ToList(), pauses)}."));
        }

        /// <summary>"N requests, X % overlapped a pause, the pauses covered Y % of their time (Z ms each on average)".</summary>
        private static string Overlap(IReadOnlyList<Sample> rows, IReadOnlyList<GcPause> pauses)
        {
            if (rows.Count == 0)
            {
                return "none";
            }

            var touched = 0;
            double covered = 0, time = 0;
            foreach (var s in rows)
            {
                double mine = 0;
                // Pauses are few (hundreds a minute): a scan per request is fine for a report.
                foreach (var p in pauses)
                {
                    var from = Math.Max(p.PauseStart, s.Started);
                    var to = Math.Min(p.PauseEnd, s.Ended);
                    if (to > from)
                    {
                        mine += (to - from) * 1000.0 / Stopwatch.Frequency;
                    }
                }

                touched += mine > 0 ? 1 : 0;
                covered += mine;
                time += s.Milliseconds;
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count:N0}, {100.0 * touched / rows.Count:N1} % overlapped a pause, the pauses covered {100 * covered / time:N1} % of their time ({covered / rows.Count:N1} ms each)");
        }
    }
}
