namespace DurableAgents.Orchestration;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
public sealed partial class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];

    /// <summary>Registered orchestrator names.</summary>
    public IReadOnlyCollection<TaskName> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Registered activity names.</summary>
    public IReadOnlyCollection<TaskName> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator factory under a name.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered; names must be unique.", nameof(name));
        }

        return this;
    }

    /// <summary>Removes an orchestrator registration (to register a replacement, e.g. a stand-in in tests); false if none.</summary>
    public bool RemoveOrchestrator(TaskName name) => _orchestrators.Remove(name);

    /// <summary>Registers an activity factory under a name.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered; names must be unique.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator class under its type name. Orchestrators get no DI: they must be deterministic.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>() where TOrchestrator : ITaskOrchestrator, new() =>
        AddOrchestrator(typeof(TOrchestrator).Name, _ => new TOrchestrator());

    /// <summary>Registers an activity class under its type name, created from a fresh DI scope per invocation.</summary>
    public DurableTaskRegistry AddActivity<TActivity>() where TActivity : class, ITaskActivity =>
        AddActivity(typeof(TActivity).Name, sp => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(sp));

    /// <summary>Registers a function as an orchestrator.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> func) =>
        AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(func));

    /// <summary>Registers a function with no input as an orchestrator.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> func) =>
        AddOrchestrator(name, _ => new FuncOrchestrator<object?, TOutput>((ctx, _) => func(ctx)));

    /// <summary>Registers a function as an activity.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> func) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(func));

    /// <summary>Registers a synchronous function as an activity.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> func) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>((ctx, input) => Task.FromResult(func(ctx, input))));

    /// <summary>Creates the orchestrator registered under a name, or returns null.</summary>
    public ITaskOrchestrator? CreateOrchestrator(TaskName name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    /// <summary>Creates the activity registered under a name, or returns null.</summary>
    public ITaskActivity? CreateActivity(TaskName name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> func)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => func(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> func) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => func(context, input);
    }
}
