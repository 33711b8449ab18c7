namespace DurableAgents.DurableTask;

/// <summary>The input of an orchestration or activity could not be read as the type its implementation declares.</summary>
public sealed class TaskInputException : Exception
{
    /// <summary>Creates the exception with a message that names the task and the expected type.</summary>
    public TaskInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TaskInputException()
        : base("The input could not be read.")
    {
    }

    /// <summary>Deserializes <paramref name="input"/> as <paramref name="type"/> or throws this exception naming the task.</summary>
    internal static void Check(Microsoft.DurableTask.DataConverter converter, string? input, Type type, string kind, string name)
    {
        if (input is null || type == typeof(object))
        {
            return;
        }

        try
        {
            converter.Deserialize(input, type);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TaskInputException(
                $"The input of {kind} '{name}' could not be read as {type.Name}: {ex.Message} " +
                $"Pass a value that serializes to {type.Name}, or change the {kind}'s input type.",
                ex);
        }
    }
}
