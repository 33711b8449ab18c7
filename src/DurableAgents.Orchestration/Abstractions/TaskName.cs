namespace DurableAgents.Orchestration;

/// <summary>The name of an orchestrator or activity; compared case-insensitively.</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    /// <summary>Creates a task name.</summary>
    public TaskName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A task name must not be empty or whitespace.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Converts a string to a task name.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Converts a task name to its string.</summary>
    public static implicit operator string(TaskName name) => name.Name;

    /// <inheritdoc />
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);
}
