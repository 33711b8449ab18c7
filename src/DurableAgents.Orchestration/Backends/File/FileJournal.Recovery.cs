using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using DurableAgents.Orchestration.Backends.Local;

namespace DurableAgents.Orchestration.Backends.File;

/// <summary>Rebuilding the store from the newest journal file, and compacting.</summary>
internal sealed partial class FileJournal
{
    private const string Prefix = "journal-";
    private const string Extension = ".log";

    /// <summary>Records recovered at open (for tests).</summary>
    public int RecoveredRecords { get; private set; }

    private void Recover(LocalStore store)
    {
        foreach (var tmp in Directory.GetFiles(_folder, Prefix + "*.tmp"))
        {
            System.IO.File.Delete(tmp); // A compaction that died before its rename.
        }

        var journals = Directory.GetFiles(_folder, Prefix + "*" + Extension)
            .Select(path => (Path: path, Index: ParseIndex(path)))
            .Where(j => j.Index > 0)
            .OrderBy(j => j.Index)
            .ToList();
        if (journals.Count == 0)
        {
            _logIndex = 1;
            _log = OpenForAppend(JournalPath(_logIndex));
            DirectorySync.Flush(_folder);
            return;
        }

        var newest = journals[^1];
        foreach (var older in journals.Take(journals.Count - 1))
        {
            System.IO.File.Delete(older.Path); // Superseded by a completed compaction.
        }

        _logIndex = newest.Index;
        var goodLength = Replay(newest.Path, store);
        _log = OpenForAppend(newest.Path);
        if (_log.Length != goodLength)
        {
            // A torn tail from a crash mid-write: those commits were never acknowledged.
            _log.SetLength(goodLength);
            _log.Flush(true);
        }

        _log.Seek(0, SeekOrigin.End);
    }

    private long Replay(string path, LocalStore store)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var header = new byte[HeaderSize];
        long good = 0;
        while (true)
        {
            if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                return good;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length <= 0 || length > stream.Length - stream.Position)
            {
                return good;
            }

            var payload = new byte[length];
            stream.ReadExactly(payload);
            if (Crc32.Compute(payload) != crc)
            {
                return good;
            }

            var commit = JsonSerializer.Deserialize<LocalCommit>(payload, HistorySerializer.Options)
                ?? throw new InvalidDataException($"Empty journal record at offset {good} of '{path}'.");
            lock (store.Gate)
            {
                store.Apply(commit);
            }

            RecoveredRecords++;
            good = stream.Position;
        }
    }

    private void Compact()
    {
        List<LocalCommit> snapshot;
        lock (_store!.Gate)
        {
            snapshot = _store.Snapshot();
        }

        var nextIndex = _logIndex + 1;
        var tmp = Path.Combine(_folder, $"{Prefix}{nextIndex:D8}.tmp");
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            foreach (var commit in snapshot)
            {
                WriteFrame(stream, JsonSerializer.SerializeToUtf8Bytes(commit, HistorySerializer.Options), header);
            }

            stream.Flush(flushToDisk: true);
        }

        var next = JournalPath(nextIndex);
        System.IO.File.Move(tmp, next);
        DirectorySync.Flush(_folder);
        var old = JournalPath(_logIndex);
        _log!.Dispose();
        System.IO.File.Delete(old);
        _logIndex = nextIndex;
        _log = OpenForAppend(next);
    }

    private string JournalPath(long index) => Path.Combine(_folder, $"{Prefix}{index:D8}{Extension}");

    private static FileStream OpenForAppend(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private static long ParseIndex(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
    }
}
