using System.Buffers.Binary;
using System.Text.Json;
using System.Threading.Channels;
using DurableAgents.Orchestration.Backends.Local;

namespace DurableAgents.Orchestration.Backends.File;

/// <summary>
/// An append-only journal of local commits with group commit: one writer thread writes every commit waiting, fsyncs once, then
/// applies them to the store in log order and acknowledges them. Recovery replays the newest journal file; compaction writes a
/// snapshot as a new journal file (write, fsync, rename).
/// </summary>
internal sealed partial class FileJournal(FileBackendOptions options) : ILocalJournal
{
    private const int HeaderSize = 8;
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _folder = Path.GetFullPath(options.DataPath);
    private DataFolderLock? _lock;
    private FileStream? _log;
    private long _logIndex;
    private LocalStore? _store;
    private Task? _writer;

    /// <summary>Commits written and fsynced so far (for tests and benchmarks).</summary>
    public long FlushCount { get; private set; }

    public Task OpenAsync(LocalStore store, CancellationToken cancellationToken)
    {
        options.Validate();
        Directory.CreateDirectory(_folder);
        _lock = DataFolderLock.Acquire(_folder);
        _store = store;
        Recover(store);
        _writer = Task.Factory.StartNew(WriterLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        return Task.CompletedTask;
    }

    public Task AppendAsync(LocalCommit commit)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(commit, HistorySerializer.Options);
        var pending = new PendingCommit(commit, bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(FileJournal), "The file backend is closed; no further changes can be stored.");
        }

        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        _lock?.Dispose();
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<PendingCommit>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 10_000 && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (!TryWrite(batch, out var failure))
            {
                foreach (var p in batch)
                {
                    p.Done.TrySetException(failure!);
                }

                continue;
            }

            ApplyAndAcknowledge(batch);
            if (_log!.Length > options.CompactionThresholdBytes)
            {
                Compact();
            }
        }
    }

    private bool TryWrite(List<PendingCommit> batch, out Exception? failure)
    {
        var start = _log!.Length;
        try
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            foreach (var p in batch)
            {
                WriteFrame(_log, p.Bytes, header);
            }

            var sync = options.FlushToDisk && batch.Exists(p => p.Commit.RequiresSync);
            _log.Flush(flushToDisk: sync);
            if (sync)
            {
                FlushCount++;
            }

            failure = null;
            return true;
        }
        catch (IOException ex)
        {
            // Disk full or I/O error: cut the half-written batch off so the journal stays a clean prefix.
            failure = new IOException($"The file backend could not write to '{_folder}': {ex.Message}", ex);
            try
            {
                _log.SetLength(start);
                _log.Flush(true);
            }
            catch (IOException)
            {
            }

            return false;
        }
    }

    private void ApplyAndAcknowledge(List<PendingCommit> batch)
    {
        var refusals = new Exception?[batch.Count];
        lock (_store!.Gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                refusals[i] = _store.Apply(batch[i].Commit);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (refusals[i] is { } refusal)
            {
                batch[i].Done.TrySetException(refusal);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    private static void WriteFrame(Stream stream, byte[] payload, Span<byte> header)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Compute(payload));
        stream.Write(header);
        stream.Write(payload);
    }

    private sealed record PendingCommit(LocalCommit Commit, byte[] Bytes, TaskCompletionSource Done);
}
