namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// Maps a model-supplied relative path to a full path inside the sandbox root, refusing anything that could
/// escape it: absolute, drive and UNC forms, NUL and control characters, ".." escapes, and symbolic links or
/// junctions (at any existing segment) whose target lies outside the root.
/// </summary>
internal sealed class SandboxPath
{
    private const int MaxLinkHops = 32;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Creates the mapper; the root folder is created when missing.</summary>
    public SandboxPath(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The sandbox root, a full path without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>Returns the full path for <paramref name="relativePath"/>, or throws <see cref="ToolException"/>.</summary>
    public string Resolve(string? relativePath, bool allowRoot = false)
    {
        var path = string.IsNullOrWhiteSpace(relativePath) ? "." : relativePath.Trim();
        if (path.Any(c => c == '\0' || char.IsControl(c)))
        {
            throw Refused(relativePath, "it contains a NUL or control character");
        }

        // Backslash is a separator on Windows; treat it as one everywhere so behaviour does not depend on the OS.
        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(path))
        {
            throw Refused(relativePath, "absolute paths are not allowed");
        }

        if (normalized.Contains(':', StringComparison.Ordinal))
        {
            throw Refused(relativePath, "':' (drive letters and alternate data streams) is not allowed");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(Root, normalized)));
        if (!IsInside(full))
        {
            throw Refused(relativePath, "it points outside the sandbox (check the '..' segments)");
        }

        if (!allowRoot && IsRoot(full))
        {
            throw Refused(relativePath, "it names the sandbox folder itself, not a file");
        }

        CheckLinks(full, relativePath, hops: 0);
        return full;
    }

    /// <summary>The path relative to the root, with '/' separators, for showing to the model.</summary>
    public string ToRelative(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private bool IsRoot(string full) => string.Equals(full, Root, PathComparison);

    private bool IsInside(string full) =>
        IsRoot(full) || full.StartsWith(Root + Path.DirectorySeparatorChar, PathComparison);

    // Walks every existing segment below the root; a link must resolve inside the root, and its target's own
    // segments are checked the same way (a link into the sandbox can lead to another link pointing out).
    private void CheckLinks(string full, string? shown, int hops)
    {
        if (hops > MaxLinkHops)
        {
            throw Refused(shown, "it goes through too many symbolic links");
        }

        var current = Root;
        foreach (var segment in Path.GetRelativePath(Root, full).Split(Path.DirectorySeparatorChar))
        {
            if (segment is "." or "")
            {
                continue;
            }

            current = Path.Combine(current, segment);
            var linkTarget = new FileInfo(current).LinkTarget;
            if (linkTarget is null)
            {
                continue;
            }

            var target = Path.TrimEndingDirectorySeparator(
                Path.GetFullPath(linkTarget, Path.GetDirectoryName(current) ?? Root));
            if (!IsInside(target))
            {
                throw Refused(shown, "it goes through a symbolic link or junction that points outside the sandbox");
            }

            CheckLinks(target, shown, hops + 1);
        }
    }

    private static ToolException Refused(string? path, string why) =>
        new($"Refused the path '{path}': {why}. Use a relative path inside the sandbox, such as 'notes/todo.txt'; "
            + "call list_files to see what exists.");
}
