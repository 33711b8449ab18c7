namespace DurableAgents.ScaleOutWorker.Scenario;

/// <summary>The input of one run.</summary>
/// <param name="Run">The run number; every step's result depends on it.</param>
public sealed record RunInput(int Run);

/// <summary>The output of one run: every step's result, in step order.</summary>
/// <param name="Run">The run number.</param>
/// <param name="Results">What each step returned.</param>
public sealed record RunOutput(int Run, long[] Results);

/// <summary>The input of one step.</summary>
/// <param name="Run">The run number.</param>
/// <param name="Step">The step number within the run.</param>
/// <param name="Previous">The result the step builds on.</param>
public sealed record StepInput(int Run, int Step, long Previous);
