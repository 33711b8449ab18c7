using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Files;

/// <summary>A sandbox folder (cap 100 bytes) next to an "outside" folder holding a secret, both deleted afterwards.</summary>
public abstract class SandboxTestBase : IDisposable
{
    private readonly TempFolder _temp = new();

    protected SandboxTestBase()
    {
        Root = _temp.Combine("sandbox");
        Outside = _temp.Combine("outside");
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "top secret");
        Tools = new SandboxFileTools(Root, maxFileBytes: 100);
    }

    protected string TempPath => _temp.Path;

    protected string Root { get; }

    protected string Outside { get; }

    protected SandboxFileTools Tools { get; }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
