namespace DurableAgents.Benchmarks.Cli;

/// <summary>The --help text.</summary>
internal static class HelpText
{
    public const string Text = """
        DurableAgents engine benchmark. Workloads use no-op activities, so they measure the engine, not the work.

        Usage:
          dotnet run -c Release --project tests/DurableAgents.Benchmarks -- \
            --backend memory|file|azure --workload sequential|long-sequential|fanout|wait-resume|agent-loop|all \
            [--n N] [--instances K] [--workers W] [--data PATH] [--connection CS]

        Options:
          --backend     memory: in-process InMemoryOrchestrationService.
                        file:   FileOrchestrationService in --data (default: a fresh temp folder, deleted afterwards).
                        azure:  Azure Storage backend with --connection, or on the pinned Azurite started for the run with
                                --inMemoryPersistence (use --connection to measure against an Azurite that persists to files).
          --workload    sequential       K instances, each calling a no-op activity N times in sequence (default N=100, K=1).
                                         steps = N*K; wall from the first schedule until all instances completed.
                        long-sequential  one instance of N sequential steps (default N=1000, N must be >= 200); also reports
                                         first100_ms_per_step, last100_ms_per_step and last_over_first (target <= 1.5),
                                         from activity completion timestamps taken with Stopwatch inside the activity.
                        fanout           one instance fanning out N no-op activities and awaiting all (default N=1000).
                        wait-resume      N instances each waiting for an external event (default N=100); once all wait,
                                         every event is raised; wall from the first raise until all completed.
                        agent-loop       the agent run loop: a scripted model asking for 1 (then 4 parallel) tool calls per step
                                         for N steps (default 200); prints engine overhead per step and stored bytes.
                        all              sequential N=100 K=1, sequential N=100 K=20, fanout N=1000, wait-resume N=100,
                                         long-sequential N=1000, agent-loop; --n/--instances are ignored.
          --n           steps per instance (sequential, long-sequential), activities (fanout) or instances (wait-resume); >= 1.
          --instances   instances for sequential (default 1); >= 1.
          --workers     workers sharing the backend (default 1). On azure, all but the first are child processes of the
                        benchmark (each with its own leases); on memory and file they are further hosts in this process.
                        cpu_us_per_step then counts the CPU of all worker processes.
          --data        data folder for the file backend; kept afterwards when given.
          --connection  Azure Storage connection string for the azure backend.

        Output: one line per result,
          backend=B workload=W n=N instances=K steps_per_s=X wall_ms=Y [extra=value ...]
        Extra pairs: cpu_us_per_step (process CPU time per step; steadier than wall time on a shared machine) and, for
        workloads measured 3 times, rounds/min_wall_ms/max_wall_ms (the line shows the median round). Each workload runs on
        a fresh backend and first warms up (at least 3 small rounds and 1 s, so the JIT reaches optimized code).
        Exit code 0 on success, 2 on bad arguments, 1 when a run fails or the backend is not available.
        """;
}
