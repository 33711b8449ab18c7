using Spectre.Console;

namespace DurableAgents.Testing;

/// <summary>A console whose output is plain text in a writer (no colours, no live view), wide enough that tables do not wrap.</summary>
public static class CapturedConsole
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
