namespace DurableAgents.Benchmarks.Cli;

/// <summary>The --help text.</summary>
internal static class HelpText
{
    public const string Text = """
        DurableAgents benchmark: the Microsoft.DurableTask SDK worker and client in-process on a DTFx provider. Workloads use no-op
        activities (agent-loop: a scripted model and a no-op tool), so they measure the runtime, not the work. docs/performance.md
        has the figures and what they say.

        Usage:
          dotnet run -c Release --project tests/DurableAgents.Benchmarks -- \
            --backend sqlite|memory|azure --workload sequential|fanout|wait-resume|long-sequential|waiting|agent-loop|all \
            [--n N] [--instances K] [--workers W] [--rounds R] [--level sdk|dtfx] [--quick] [--data PATH] [--connection CS]

        Options:
          --backend     sqlite: the embedded provider on a fresh file per workload, default settings (file: the same).
                        memory: the SDK test host's in-memory DTFx provider (no storage, no extended sessions): DTFx's own ceiling.
                        azure:  Durable Functions' Azure Storage provider (DTFx) with our tuned AzureStorageOptions, a fresh task hub
                                per workload, on the pinned patched Azurite started for the run (in-memory persistence), or on
                                --connection.
          --workload    sequential       K instances, each calling a no-op activity N times in sequence (N=100, K=1).
                        fanout           one instance calling N no-op activities at once and awaiting all (N=1000).
                        wait-resume      N instances waiting for an event; once all wait, every event is raised at once; wall from
                                         the first raise until all completed (N=100).
                        long-sequential  one instance of N steps (N=1000, at least 200): first100_ms_per_step, last100_ms_per_step
                                         and last_over_first, from completion stamps taken inside the activity.
                        waiting          N instances waiting for an approval-style event at once (N=10000): this process's working
                                         set and GC heap while they wait (after a full collection), then the event is raised to all;
                                         wall from the first raise until all completed; start_all_s is the time to start them all.
                        agent-loop       the real AgentRun orchestration on SQLite with the SQLite conversation store, as the embedded
                                         host sets it up; a scripted model asks for 1 (then 4 parallel) tool calls per step for N
                                         steps (N=200). ms_per_step, and the bytes the run keeps (entries + history + instance row)
                                         at step N against the content the model has seen (storage_ratio_stepN).
                        all              sequential 100x1 and 100x20, fanout 1000, wait-resume 100, long-sequential 1000, waiting 10000
                                         (not on azure), agent-loop 200 (sqlite); --n and --instances are ignored.
          --n           the size: steps per instance, activities, or instances (see above).
          --instances   instances for sequential (default 1).
          --workers     azure only: W workers on one task hub, this process and W-1 child processes (this program in worker mode),
                        each with its own worker id and leases; measured once the partitions are spread over all of them.
          --rounds      measured rounds (default 5); the line shows the median round, min_wall_ms and max_wall_ms.
          --level       sdk (default): the SDK worker and client. dtfx: a plain DTFx TaskHubWorker and TaskHubClient with DTFx-native
                        orchestrations on the same provider (sqlite, memory), to see what the SDK layer costs.
          --quick       one warm-up round and one measured round: checks that the workloads run; the figures mean nothing.
          --data        sqlite: the folder to keep the task hub files in (default: a temp folder, deleted afterwards).
          --connection  azure: a storage connection string instead of the Azurite started for the run.

        Output: one line per result,
          backend=B workload=W n=N instances=K steps_per_s=X wall_ms=Y [key=value ...]
        with level, rounds, min/max_wall_ms, the workload's own figures (medians over the rounds), cpu_us_per_step (CPU of this
        process and its worker processes per step; steadier than wall time on a shared machine), commits_per_step (sqlite group
        commits), worker_processes, load1 (the 1-minute load average when the measuring began), and last the workload's target
        at the size the issue names (target=steps_per_s>=1500 result=pass, or result=miss missed=FIGURE; target=none at other
        sizes, on memory and at --level dtfx). Targets hold for a machine with no other load: a miss is reported, not an error
        (compare load1). Each workload runs on a fresh backend after a warm-up of at least 3 small rounds and 1 s. The program
        runs with tiered compilation off, so it measures the optimized code a long-running worker reaches.
        Exit code 0 on success, 2 on bad arguments, 1 when a run fails.
        """;
}
