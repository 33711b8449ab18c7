using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Files;

/// <summary>Paths that try to leave the sandbox: traversal, absolute and drive forms, symbolic links.</summary>
public sealed class SandboxPathSafetyTests : SandboxTestBase
{
    [Theory]
    [InlineData("../x")]
    [InlineData("../outside/secret.txt")]
    [InlineData("a/../../x")]
    [InlineData(@"..\x")]
    public async Task Paths_RefuseTraversalOutOfSandbox(string path)
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync(path, "pwned"));
        Assert.Contains("outside the sandbox", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync(path));
        Assert.False(File.Exists(Path.Combine(TempPath, "x")));
        Assert.Equal("top secret", await File.ReadAllTextAsync(Path.Combine(Outside, "secret.txt")));
    }

    [Theory]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData(@"\\server\share\x", "absolute")]
    [InlineData("//server/share/x", "absolute")]
    [InlineData(@"C:\Windows\win.ini", "drive letters")]
    [InlineData("C:x", "drive letters")]
    [InlineData("file.txt:stream", "alternate data streams")]
    [InlineData("a\0b", "NUL")]
    [InlineData("a\nb", "control character")]
    public async Task Paths_RefuseAbsoluteDriveUncAndControlForms(string path, string message)
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync(path));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("relative path inside the sandbox", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RefusesSymlinkedFilePointingOutside()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "link.txt"), Path.Combine(Outside, "secret.txt"));
        var ex = await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("link.txt"));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAndWrite_RefuseSymlinkedFolderPointingOutside()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "escape"), Outside);
        await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("escape/secret.txt"));
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("escape/new.txt", "pwned"));
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("escape/sub/new.txt", "pwned"));
        Assert.Throws<ToolException>(() => Tools.ListFiles("escape"));
        Assert.False(File.Exists(Path.Combine(Outside, "new.txt")));
        Assert.False(Directory.Exists(Path.Combine(Outside, "sub")));
    }

    [Fact]
    public async Task Paths_RefuseRelativeSymlinkThatClimbsOut()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "up"), Path.Combine("..", "outside"));
        await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("up/secret.txt"));
    }

    [Fact]
    public async Task Paths_RefuseChainOfLinksThatEndsOutside()
    {
        // inner -> outside target; hop -> inner (inside the sandbox). Following hop must still be refused.
        Directory.CreateSymbolicLink(Path.Combine(Root, "inner"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Root, "hop"), Path.Combine(Root, "inner"));
        var ex = await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("hop/secret.txt"));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RefusesDanglingSymlinkPointingOutside()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "dangling.txt"), Path.Combine(Outside, "created-by-model.txt"));
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("dangling.txt", "pwned"));
        Assert.False(File.Exists(Path.Combine(Outside, "created-by-model.txt")));
    }

    [Fact]
    public async Task Paths_AllowSymlinkThatStaysInside()
    {
        Directory.CreateDirectory(Path.Combine(Root, "real"));
        await File.WriteAllTextAsync(Path.Combine(Root, "real", "f.txt"), "inside");
        Directory.CreateSymbolicLink(Path.Combine(Root, "alias"), Path.Combine(Root, "real"));
        Assert.Equal("inside", await Tools.ReadFileAsync("alias/f.txt"));
    }
}
