using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Files;

/// <summary>Reading, writing and listing inside the sandbox, with the size caps.</summary>
public sealed class SandboxFileToolsTests : SandboxTestBase
{
    [Fact]
    public async Task WriteThenRead_RoundTripsTextAndCreatesFolders()
    {
        var written = await Tools.WriteFileAsync("notes/day 1/todo.txt", "buy milk ✓");
        Assert.Equal("notes/day 1/todo.txt", written.Path);
        Assert.True(written.Created);
        Assert.Equal(12, written.BytesWritten);
        Assert.Equal("buy milk ✓", await Tools.ReadFileAsync("notes/day 1/todo.txt"));
        Assert.True(File.Exists(Path.Combine(Root, "notes", "day 1", "todo.txt")));
    }

    [Fact]
    public async Task Write_ReplacesExistingFileAndLeavesNoTempFiles()
    {
        await Tools.WriteFileAsync("a.txt", "first version");
        var second = await Tools.WriteFileAsync("a.txt", "second");
        Assert.False(second.Created);
        Assert.Equal("second", await Tools.ReadFileAsync("a.txt"));
        Assert.Equal(["a.txt"], Directory.GetFiles(Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_AcceptsBackslashSeparatorsAndDotSegmentsInside()
    {
        await Tools.WriteFileAsync(@"x\y\..\z.txt", "ok");
        Assert.Equal("ok", await File.ReadAllTextAsync(Path.Combine(Root, "x", "z.txt")));
    }

    [Fact]
    public async Task Read_TruncatesAtSizeCapWithMarker()
    {
        await File.WriteAllTextAsync(Path.Combine(Root, "big.txt"), new string('x', 250));
        Assert.Equal(new string('x', 100) + "\n[truncated at 100 bytes]", await Tools.ReadFileAsync("big.txt"));
    }

    [Fact]
    public async Task Read_ReturnsFileExactlyAtCapWithoutMarker()
    {
        await File.WriteAllTextAsync(Path.Combine(Root, "exact.txt"), new string('x', 100));
        Assert.Equal(new string('x', 100), await Tools.ReadFileAsync("exact.txt"));
    }

    [Fact]
    public async Task Read_DoesNotShowBinaryFiles()
    {
        await File.WriteAllBytesAsync(Path.Combine(Root, "blob.bin"), [1, 0, 2, 3]);
        Assert.Equal("[binary file of 4 bytes, not shown]", await Tools.ReadFileAsync("blob.bin"));
    }

    [Fact]
    public async Task Write_RefusesContentOverSizeCap()
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("big.txt", new string('x', 101)));
        Assert.Contains("the limit is 100 bytes", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Root, "big.txt")));
    }

    [Fact]
    public async Task Write_CountsUtf8BytesAgainstCap()
    {
        // 34 three-byte characters = 102 bytes, though only 34 chars.
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("u.txt", new string('€', 34)));
    }

    [Fact]
    public async Task Read_ReportsMissingFileAndFolder()
    {
        var missing = await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("nope.txt"));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(Root, "dir"));
        var folder = await Assert.ThrowsAsync<ToolException>(() => Tools.ReadFileAsync("dir"));
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RefusesSandboxRootAndExistingFolder()
    {
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync(".", "x"));
        Directory.CreateDirectory(Path.Combine(Root, "dir"));
        await Assert.ThrowsAsync<ToolException>(() => Tools.WriteFileAsync("dir", "x"));
    }

    [Fact]
    public async Task ListFiles_ListsFoldersFirstAndRecursesWithoutFollowingLinks()
    {
        await Tools.WriteFileAsync("b.txt", "bb");
        await Tools.WriteFileAsync("sub/c.txt", "ccc");
        Directory.CreateSymbolicLink(Path.Combine(Root, "out"), Outside);

        var top = Tools.ListFiles(".");
        Assert.Equal(".", top.Path);
        Assert.Equal(["out:link", "sub:directory", "b.txt:file"], top.Entries.Select(e => $"{e.Path}:{e.Type}"));
        Assert.Equal(2, top.Entries.Single(e => e.Path == "b.txt").Size);

        var all = Tools.ListFiles("", recursive: true);
        Assert.Equal(["out", "sub", "b.txt", "sub/c.txt"], all.Entries.Select(e => e.Path));
        Assert.False(all.Truncated);
    }

    [Fact]
    public void ListFiles_ReportsMissingFolderAndFile()
    {
        Assert.Contains("does not exist", Assert.Throws<ToolException>(() => Tools.ListFiles("nope")).Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Root, "f.txt"), "x");
        Assert.Contains("is a file", Assert.Throws<ToolException>(() => Tools.ListFiles("f.txt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListFiles_CapsTheNumberOfEntries()
    {
        for (var i = 0; i < SandboxFileTools.MaxListEntries + 5; i++)
        {
            File.WriteAllText(Path.Combine(Root, $"f{i:D4}.txt"), "");
        }

        var result = Tools.ListFiles(".");
        Assert.True(result.Truncated);
        Assert.Equal(SandboxFileTools.MaxListEntries, result.Entries.Count);
    }

    [Fact]
    public void Constructor_GuardsArguments()
    {
        Assert.Throws<ArgumentException>(() => new SandboxFileTools(" ", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxFileTools(Root, 0));
    }
}
