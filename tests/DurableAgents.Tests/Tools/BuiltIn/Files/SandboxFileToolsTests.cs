using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Files;

public sealed class SandboxFileToolsTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _root;
    private readonly string _outside;
    private readonly SandboxFileTools _tools;

    public SandboxFileToolsTests()
    {
        _root = _temp.Combine("sandbox");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "top secret");
        _tools = new SandboxFileTools(_root, maxFileBytes: 100);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WriteThenRead_RoundTripsTextAndCreatesFolders()
    {
        var written = await _tools.WriteFileAsync("notes/day 1/todo.txt", "buy milk ✓");
        Assert.Equal("notes/day 1/todo.txt", written.Path);
        Assert.True(written.Created);
        Assert.Equal(12, written.BytesWritten);
        Assert.Equal("buy milk ✓", await _tools.ReadFileAsync("notes/day 1/todo.txt"));
        Assert.True(File.Exists(Path.Combine(_root, "notes", "day 1", "todo.txt")));
    }

    [Fact]
    public async Task Write_ReplacesExistingFileAndLeavesNoTempFiles()
    {
        await _tools.WriteFileAsync("a.txt", "first version");
        var second = await _tools.WriteFileAsync("a.txt", "second");
        Assert.False(second.Created);
        Assert.Equal("second", await _tools.ReadFileAsync("a.txt"));
        Assert.Equal(["a.txt"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_AcceptsBackslashSeparatorsAndDotSegmentsInside()
    {
        await _tools.WriteFileAsync(@"x\y\..\z.txt", "ok");
        Assert.Equal("ok", await File.ReadAllTextAsync(Path.Combine(_root, "x", "z.txt")));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../outside/secret.txt")]
    [InlineData("a/../../x")]
    [InlineData(@"..\x")]
    public async Task Paths_RefuseTraversalOutOfSandbox(string path)
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync(path, "pwned"));
        Assert.Contains("outside the sandbox", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync(path));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "x")));
        Assert.Equal("top secret", await File.ReadAllTextAsync(Path.Combine(_outside, "secret.txt")));
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
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync(path));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("relative path inside the sandbox", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RefusesSymlinkedFilePointingOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.txt"), Path.Combine(_outside, "secret.txt"));
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("link.txt"));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAndWrite_RefuseSymlinkedFolderPointingOutside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("escape/secret.txt"));
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("escape/new.txt", "pwned"));
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("escape/sub/new.txt", "pwned"));
        Assert.Throws<ToolException>(() => _tools.ListFiles("escape"));
        Assert.False(File.Exists(Path.Combine(_outside, "new.txt")));
        Assert.False(Directory.Exists(Path.Combine(_outside, "sub")));
    }

    [Fact]
    public async Task Paths_RefuseRelativeSymlinkThatClimbsOut()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "up"), Path.Combine("..", "outside"));
        await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("up/secret.txt"));
    }

    [Fact]
    public async Task Paths_RefuseChainOfLinksThatEndsOutside()
    {
        // inner -> outside target; hop -> inner (inside the sandbox). Following hop must still be refused.
        Directory.CreateSymbolicLink(Path.Combine(_root, "inner"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "hop"), Path.Combine(_root, "inner"));
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("hop/secret.txt"));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RefusesDanglingSymlinkPointingOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.txt"), Path.Combine(_outside, "created-by-model.txt"));
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("dangling.txt", "pwned"));
        Assert.False(File.Exists(Path.Combine(_outside, "created-by-model.txt")));
    }

    [Fact]
    public async Task Paths_AllowSymlinkThatStaysInside()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        await File.WriteAllTextAsync(Path.Combine(_root, "real", "f.txt"), "inside");
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), Path.Combine(_root, "real"));
        Assert.Equal("inside", await _tools.ReadFileAsync("alias/f.txt"));
    }

    [Fact]
    public async Task Read_TruncatesAtSizeCapWithMarker()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "big.txt"), new string('x', 250));
        Assert.Equal(new string('x', 100) + "\n[truncated at 100 bytes]", await _tools.ReadFileAsync("big.txt"));
    }

    [Fact]
    public async Task Read_ReturnsFileExactlyAtCapWithoutMarker()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "exact.txt"), new string('x', 100));
        Assert.Equal(new string('x', 100), await _tools.ReadFileAsync("exact.txt"));
    }

    [Fact]
    public async Task Read_DoesNotShowBinaryFiles()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "blob.bin"), [1, 0, 2, 3]);
        Assert.Equal("[binary file of 4 bytes, not shown]", await _tools.ReadFileAsync("blob.bin"));
    }

    [Fact]
    public async Task Write_RefusesContentOverSizeCap()
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("big.txt", new string('x', 101)));
        Assert.Contains("the limit is 100 bytes", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "big.txt")));
    }

    [Fact]
    public async Task Write_CountsUtf8BytesAgainstCap()
    {
        // 34 three-byte characters = 102 bytes, though only 34 chars.
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("u.txt", new string('€', 34)));
    }

    [Fact]
    public async Task Read_ReportsMissingFileAndFolder()
    {
        var missing = await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("nope.txt"));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_root, "dir"));
        var folder = await Assert.ThrowsAsync<ToolException>(() => _tools.ReadFileAsync("dir"));
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RefusesSandboxRootAndExistingFolder()
    {
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync(".", "x"));
        Directory.CreateDirectory(Path.Combine(_root, "dir"));
        await Assert.ThrowsAsync<ToolException>(() => _tools.WriteFileAsync("dir", "x"));
    }

    [Fact]
    public async Task ListFiles_ListsFoldersFirstAndRecursesWithoutFollowingLinks()
    {
        await _tools.WriteFileAsync("b.txt", "bb");
        await _tools.WriteFileAsync("sub/c.txt", "ccc");
        Directory.CreateSymbolicLink(Path.Combine(_root, "out"), _outside);

        var top = _tools.ListFiles(".");
        Assert.Equal(".", top.Path);
        Assert.Equal(["out:link", "sub:directory", "b.txt:file"], top.Entries.Select(e => $"{e.Path}:{e.Type}"));
        Assert.Equal(2, top.Entries.Single(e => e.Path == "b.txt").Size);

        var all = _tools.ListFiles("", recursive: true);
        Assert.Equal(["out", "sub", "b.txt", "sub/c.txt"], all.Entries.Select(e => e.Path));
        Assert.False(all.Truncated);
    }

    [Fact]
    public void ListFiles_ReportsMissingFolderAndFile()
    {
        Assert.Contains("does not exist", Assert.Throws<ToolException>(() => _tools.ListFiles("nope")).Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_root, "f.txt"), "x");
        Assert.Contains("is a file", Assert.Throws<ToolException>(() => _tools.ListFiles("f.txt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListFiles_CapsTheNumberOfEntries()
    {
        for (var i = 0; i < SandboxFileTools.MaxListEntries + 5; i++)
        {
            File.WriteAllText(Path.Combine(_root, $"f{i:D4}.txt"), "");
        }

        var result = _tools.ListFiles(".");
        Assert.True(result.Truncated);
        Assert.Equal(SandboxFileTools.MaxListEntries, result.Entries.Count);
    }

    [Fact]
    public void Constructor_GuardsArguments()
    {
        Assert.Throws<ArgumentException>(() => new SandboxFileTools(" ", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxFileTools(_root, 0));
    }
}
