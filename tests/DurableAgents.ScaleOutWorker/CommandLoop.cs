namespace DurableAgents.ScaleOutWorker;

/// <summary>
/// Keeps the host running until the test says <c>exit</c> (a graceful stop) or its stdin closes: a test that dies without
/// killing its workers closes their stdin, so they never outlive it.
/// </summary>
public static class CommandLoop
{
    public static async Task RunAsync(TextReader input, TextWriter output)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            if (line.Trim() == "exit")
            {
                return;
            }

            await output.WriteLineAsync($"ERROR unknown command '{line}'; the only command is 'exit'");
            await output.FlushAsync();
        }
    }
}
