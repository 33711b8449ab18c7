using System.Text;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// A conversation store in a folder: one file per entry, named by its content id, under a two-character fan-out folder.
/// Writes go to a temporary file that is flushed and renamed, so a crash leaves either the whole entry or none.
/// </summary>
public sealed class FileConversationStore : IConversationStore
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates the store in <paramref name="folder"/> (created if missing).</summary>
    public FileConversationStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The folder in use.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public async Task<string> PutAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = ContentId.Of(content);
        var path = PathOf(id);
        if (File.Exists(path))
        {
            return id; // Same id, same bytes: nothing to do.
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Utf8.GetBytes(content), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return id;
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ContentId.IsValid(id))
        {
            return null;
        }

        try
        {
            return await File.ReadAllTextAsync(PathOf(id), Utf8, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default)
    {
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                total += new FileInfo(file).Length;
            }
        }

        return Task.FromResult(total);
    }

    private string PathOf(string id) => Path.Combine(Folder, id[..2], id);
}
