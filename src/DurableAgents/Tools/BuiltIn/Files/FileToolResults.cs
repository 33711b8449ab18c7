namespace DurableAgents.Tools.BuiltIn;

/// <summary>The answer of write_file.</summary>
/// <param name="Path">The written file, relative to the sandbox root.</param>
/// <param name="BytesWritten">The size of the file in bytes (UTF-8).</param>
/// <param name="Created">True when the file did not exist before.</param>
public sealed record WriteFileResult(string Path, long BytesWritten, bool Created);

/// <summary>One entry of list_files.</summary>
/// <param name="Path">The entry's path relative to the sandbox root, with '/' separators.</param>
/// <param name="Type">"file", "directory" or "link".</param>
/// <param name="Size">The size in bytes for files, otherwise null.</param>
public sealed record FileEntry(string Path, string Type, long? Size);

/// <summary>The answer of list_files.</summary>
/// <param name="Path">The listed folder, relative to the sandbox root ("." for the root).</param>
/// <param name="Entries">The entries, folders first, then by name.</param>
/// <param name="Truncated">True when there were more entries than the listing cap.</param>
public sealed record ListFilesResult(string Path, IReadOnlyList<FileEntry> Entries, bool Truncated);
