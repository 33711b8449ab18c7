using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;

/// <summary>Returns its input plus one.</summary>
public sealed class AddOne : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input) => input + 1;
}

/// <summary>Returns its input with "!" appended (for large payloads).</summary>
public sealed class Exclaim : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input) => input + "!";
}
