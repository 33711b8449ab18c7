using System.ComponentModel;
using System.Text;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>The read_file, write_file and list_files tools, confined to one sandbox folder.</summary>
public sealed class SandboxFileTools
{
    /// <summary>The most entries list_files returns.</summary>
    public const int MaxListEntries = 1000;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SandboxPath _sandbox;
    private readonly long _maxFileBytes;

    /// <summary>Creates the tools over <paramref name="sandboxRoot"/> (created if missing) with a per-file size cap.</summary>
    public SandboxFileTools(string sandboxRoot, long maxFileBytes = 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFileBytes, Array.MaxLength - 1L);
        _sandbox = new SandboxPath(sandboxRoot);
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>The sandbox root as a full path.</summary>
    public string Root => _sandbox.Root;

    /// <summary>Reads a UTF-8 text file; content over the cap is cut and a marker appended.</summary>
    [Description("Reads a text file from the sandbox folder.")]
    public async Task<string> ReadFileAsync(
        [Description("Path relative to the sandbox folder, e.g. 'notes/todo.txt'.")] string path,
        CancellationToken cancellationToken = default)
    {
        var full = _sandbox.Resolve(path);
        if (Directory.Exists(full))
        {
            throw new ToolException($"'{path}' is a folder, not a file. Call list_files to see its contents.");
        }

        if (!File.Exists(full))
        {
            throw new ToolException($"The file '{path}' does not exist. Call list_files to see which files exist.");
        }

        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[(int)Math.Min(_maxFileBytes + 1, Math.Max(stream.Length + 1, 1))];
            var total = 0;
            int read;
            while (total < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            var truncated = total > _maxFileBytes;
            var length = (int)Math.Min(total, _maxFileBytes);
            if (buffer.AsSpan(0, length).Contains((byte)0))
            {
                return $"[binary file of {stream.Length} bytes, not shown]";
            }

            var text = Utf8NoBom.GetString(buffer, 0, length);
            return truncated ? text + $"\n[truncated at {_maxFileBytes} bytes]" : text;
        }
    }

    /// <summary>Writes (replaces) a UTF-8 text file atomically, creating folders inside the sandbox as needed.</summary>
    [Description("Creates or replaces a text file in the sandbox folder, creating parent folders as needed.")]
    public async Task<WriteFileResult> WriteFileAsync(
        [Description("Path relative to the sandbox folder, e.g. 'notes/todo.txt'.")] string path,
        [Description("The complete new content of the file.")] string content,
        CancellationToken cancellationToken = default)
    {
        content ??= string.Empty;
        var full = _sandbox.Resolve(path);
        var bytes = Utf8NoBom.GetByteCount(content);
        if (bytes > _maxFileBytes)
        {
            throw new ToolException(
                $"The content is {bytes} bytes; the limit is {_maxFileBytes} bytes per file. Write less, or split it "
                + "over several files.");
        }

        if (Directory.Exists(full))
        {
            throw new ToolException($"'{path}' is an existing folder; choose a file name inside it instead.");
        }

        var directory = Path.GetDirectoryName(full)!;
        if (File.Exists(directory))
        {
            throw new ToolException($"Cannot write '{path}': '{_sandbox.ToRelative(directory)}' is a file, not a folder.");
        }

        Directory.CreateDirectory(directory);
        var created = !File.Exists(full);

        // Write a temp file next to the target, flush it to disk, then rename over the target: readers see
        // either the old or the new content, never a half-written file.
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Utf8NoBom.GetBytes(content), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return new WriteFileResult(_sandbox.ToRelative(full), bytes, created);
    }

    /// <summary>Lists a folder of the sandbox, optionally recursively (symbolic links are listed, never followed).</summary>
    [Description("Lists files and folders in the sandbox folder.")]
    public ListFilesResult ListFiles(
        [Description("Folder relative to the sandbox folder; '.' or empty for the top.")] string? path = ".",
        [Description("Also list the contents of sub-folders.")] bool recursive = false)
    {
        var full = _sandbox.Resolve(path, allowRoot: true);
        if (!Directory.Exists(full))
        {
            throw new ToolException(File.Exists(full)
                ? $"'{path}' is a file, not a folder. Call read_file to read it."
                : $"The folder '{path}' does not exist. Call list_files with '.' to see the top folder.");
        }

        var entries = new List<FileEntry>();
        var pending = new Queue<DirectoryInfo>();
        pending.Enqueue(new DirectoryInfo(full));
        var truncated = false;
        while (pending.Count > 0 && !truncated)
        {
            var children = pending.Dequeue().EnumerateFileSystemInfos()
                .OrderBy(i => i is FileInfo)
                .ThenBy(i => i.Name, StringComparer.Ordinal);
            foreach (var info in children)
            {
                if (entries.Count == MaxListEntries)
                {
                    truncated = true;
                    break;
                }

                entries.Add(ToEntry(info));
                if (recursive && info is DirectoryInfo dir && info.LinkTarget is null)
                {
                    pending.Enqueue(dir);
                }
            }
        }

        return new ListFilesResult(_sandbox.ToRelative(full), entries, truncated);
    }

    private FileEntry ToEntry(FileSystemInfo info)
    {
        var relative = _sandbox.ToRelative(info.FullName);
        return info switch
        {
            _ when info.LinkTarget is not null => new FileEntry(relative, "link", null),
            DirectoryInfo => new FileEntry(relative, "directory", null),
            FileInfo file => new FileEntry(relative, "file", file.Length),
            _ => new FileEntry(relative, "other", null),
        };
    }
}
