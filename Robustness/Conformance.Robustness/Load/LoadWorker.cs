using System.Diagnostics;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Robustness.Load;

/// <summary>
/// One connection of a load run: its own files (written and read at random, their size queried,
/// opened and closed again), a slot of a file it shares with a few other connections (opened with a
/// batch oplock, so their opens break each other's oplocks; each break acknowledged from the
/// client's break inbox), and a model of what every byte it wrote should read back as.
/// </summary>
internal sealed class LoadWorker(int index, string runName, LoadOptions options, LoadReport report)
{
    private const AccessMask ReadWrite = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete;
    private const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;
    private static readonly TimeSpan InboxPoll = TimeSpan.FromSeconds(1);

    private readonly Random random = new(options.Seed + index);
    private readonly LatencyRecorder latencies = new();
    private readonly byte[][] models = [.. Enumerable.Range(0, options.FilesPerConnection).Select(_ => new byte[options.FileSize])];
    private readonly int[] lengths = new int[options.FilesPerConnection];
    private readonly byte[] slotModel = new byte[options.SharedSlotSize];
    private int slotLength;

    private string PrivateName(int file) => $"{runName}\\c{index}-f{file}.bin";
    private string SharedName => $"{runName}\\shared-{index / options.ConnectionsPerSharedFile}.bin";
    private int SlotOffset => index % options.ConnectionsPerSharedFile * options.SharedSlotSize;

    /// <summary>Logs on, runs the mix until <paramref name="stop"/>, closes its opens. False when it could not log on.</summary>
    public async Task RunAsync(int port, NtlmCredential credential, ConnectionOptions connectionOptions, SemaphoreSlim connecting, CancellationToken stop)
    {
        report.Latencies.Add(latencies);
        Smb2Client client;
        await connecting.WaitAsync(CancellationToken.None);
        try
        {
            client = await Smb2ClientFactory.ConnectAsync("127.0.0.1", port, credential, new Smb2ClientOptions { Connection = connectionOptions, ShareName = "conf" }, CancellationToken.None);
        }
        catch (Smb2ClientException e)
        {
            report.Error($"logon: {e.Kind}: {e.Summary}");
            return;
        }
        finally
        {
            connecting.Release();
        }
        await using (client)
        {
            using var acknowledging = new CancellationTokenSource();
            var acknowledger = AcknowledgeBreaksAsync(client, acknowledging.Token);
            try
            {
                await MixAsync(client, stop);
            }
            catch (Smb2ClientException e)
            {
                report.Error($"{e.Kind}: {e.Summary}");
            }
            await acknowledging.CancelAsync();
            await acknowledger;
        }
    }

    /// <summary>Reads every byte this connection wrote back through a connection of its own and compares it with the model.</summary>
    public async Task VerifyAsync(int port, NtlmCredential credential, ConnectionOptions connectionOptions, SemaphoreSlim connecting)
    {
        var expected = lengths.Sum() + slotLength;
        await connecting.WaitAsync(CancellationToken.None);
        try
        {
            await using var client = await Smb2ClientFactory.ConnectAsync("127.0.0.1", port, credential, new Smb2ClientOptions { Connection = connectionOptions, ShareName = "conf" }, CancellationToken.None);
            for (var file = 0; file < models.Length; file++)
            {
                await CompareAsync(client, PrivateName(file), 0, models[file].AsMemory(0, lengths[file]), checkLength: true);
            }
            if (slotLength > 0)
            {
                await CompareAsync(client, SharedName, SlotOffset, slotModel.AsMemory(0, slotLength), checkLength: false);
            }
        }
        catch (Smb2ClientException e)
        {
            report.Error($"read-back: {e.Kind}: {e.Summary}");
            report.Lost(expected);
        }
        finally
        {
            connecting.Release();
        }
    }

    private async Task MixAsync(Smb2Client client, CancellationToken stop)
    {
        var connection = client.Connection;
        var opens = new Open[models.Length];
        for (var file = 0; file < opens.Length; file++)
        {
            opens[file] = await CreateAsync(client, PrivateName(file), CreateDisposition.FileOverwriteIf, OplockLevel.None, LoadOperation.OpenClose)
                ?? throw new Smb2ClientException(ClientErrorKind.ProtocolFailure, $"could not create {PrivateName(file)}");
        }
        Open? shared = null;
        while (!stop.IsCancellationRequested)
        {
            var file = random.Next(opens.Length);
            var choice = random.Next(100);
            if (choice < 35)
            {
                await WriteAsync(connection, opens[file], file);
            }
            else if (choice < 60)
            {
                await ReadAsync(connection, opens[file], file);
            }
            else if (choice < 70)
            {
                await QueryAsync(connection, opens[file], file);
            }
            else if (choice < 80)
            {
                if (await CreateAsync(client, PrivateName(file), CreateDisposition.FileOpen, OplockLevel.Batch, LoadOperation.OpenClose) is { } again)
                {
                    await CloseAsync(connection, again, LoadOperation.OpenClose);
                }
            }
            else if (shared is null)
            {
                shared = await CreateAsync(client, SharedName, CreateDisposition.FileOpenIf, OplockLevel.Batch, LoadOperation.SharedOpen);
            }
            else if (choice < 94)
            {
                await SharedWriteAsync(connection, shared);
            }
            else
            {
                await CloseAsync(connection, shared, LoadOperation.SharedClose);
                shared = null;
            }
        }
        if (shared is not null)
        {
            await CloseAsync(connection, shared, LoadOperation.SharedClose);
        }
        foreach (var open in opens)
        {
            await CloseAsync(connection, open, LoadOperation.OpenClose);
        }
    }

    private async Task WriteAsync(Connection connection, Open open, int file)
    {
        var length = random.Next(1, options.MaxIoSize + 1);
        var offset = random.Next(options.FileSize - length + 1);
        var data = new byte[length];
        random.NextBytes(data);
        var clock = Stopwatch.StartNew();
        var written = await connection.WriteAsync(open, (ulong)offset, data);
        latencies.Record(LoadOperation.Write, clock.Elapsed);
        if (Check(LoadOperation.Write, written.Status) && written.Body?.Count == (uint)length)
        {
            data.CopyTo(models[file], offset);
            lengths[file] = Math.Max(lengths[file], offset + length);
            report.Wrote(length);
        }
        else if (written.IsSuccess)
        {
            report.Error($"WRITE of {length} bytes reported Count {written.Body?.Count}");
        }
    }

    private async Task ReadAsync(Connection connection, Open open, int file)
    {
        if (lengths[file] == 0)
        {
            return;
        }
        var offset = random.Next(lengths[file]);
        var length = random.Next(1, Math.Min(options.MaxIoSize, lengths[file] - offset) + 1);
        var clock = Stopwatch.StartNew();
        var read = await connection.ReadAsync(open, (ulong)offset, (uint)length);
        latencies.Record(LoadOperation.Read, clock.Elapsed);
        if (Check(LoadOperation.Read, read.Status) && read.Body is { } body)
        {
            var differing = Differing(body.Data.Span, models[file].AsSpan(offset, length));
            if (differing > 0)
            {
                report.Error($"READ of {PrivateName(file)} returned data that differs from what was written ({differing} of {length} bytes)");
                report.Lost(differing);
            }
        }
    }

    private async Task QueryAsync(Connection connection, Open open, int file)
    {
        var clock = Stopwatch.StartNew();
        var queried = await connection.QueryInfoAsync(open, new QueryInfoRequest { InfoType = InfoType.File, FileInfoClass = (byte)FileInformationClass.FileStandardInformation, FileId = open.FileId });
        latencies.Record(LoadOperation.QueryInfo, clock.Elapsed);
        if (Check(LoadOperation.QueryInfo, queried.Status) && queried.Body?.ReadInfo<FileStandardInformation>().Value is { } standard && standard.EndOfFile != lengths[file])
        {
            report.Error($"QUERY_INFO of {PrivateName(file)}: EndOfFile {standard.EndOfFile} where {lengths[file]} bytes were written");
        }
    }

    private async Task SharedWriteAsync(Connection connection, Open shared)
    {
        var length = random.Next(1, options.SharedSlotSize + 1);
        var offset = random.Next(options.SharedSlotSize - length + 1);
        var data = new byte[length];
        random.NextBytes(data);
        var clock = Stopwatch.StartNew();
        var written = await connection.WriteAsync(shared, (ulong)(SlotOffset + offset), data);
        latencies.Record(LoadOperation.SharedWrite, clock.Elapsed);
        if (Check(LoadOperation.SharedWrite, written.Status))
        {
            data.CopyTo(slotModel, offset);
            slotLength = Math.Max(slotLength, offset + length);
            report.Wrote(length);
        }
    }

    private async Task<Open?> CreateAsync(Smb2Client client, string name, CreateDisposition disposition, OplockLevel oplock, LoadOperation operation)
    {
        var clock = Stopwatch.StartNew();
        var created = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = name,
            DesiredAccess = ReadWrite,
            ShareAccess = ShareAll,
            CreateDisposition = disposition,
            CreateOptions = CreateOptions.FileNonDirectoryFile,
            FileAttributes = FileAttributes.Normal,
            RequestedOplockLevel = oplock,
        });
        latencies.Record(operation, clock.Elapsed);
        return Check(operation, created.Response.Status) ? created.Open : null;
    }

    private async Task CloseAsync(Connection connection, Open open, LoadOperation operation)
    {
        var clock = Stopwatch.StartNew();
        var closed = await connection.CloseAsync(open);
        latencies.Record(operation, clock.Elapsed);
        Check(operation, closed.Status);
    }

    /// <summary>
    /// Acknowledges every break of a batch or exclusive oplock with the level it names (3.2.5.19.1;
    /// a break from level II needs none). A break may cross the open's CLOSE: the acknowledgment then
    /// fails, as the mix expects.
    /// </summary>
    private async Task AcknowledgeBreaksAsync(Smb2Client client, CancellationToken done)
    {
        while (!done.IsCancellationRequested && client.Connection.IsOpen)
        {
            BreakNotification notification;
            try
            {
                notification = await client.Client.Breaks.WaitAsync(InboxPoll, null, "an oplock break of the load mix", done);
            }
            catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.BreakTimeout)
            {
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException || (e is Smb2ClientException { Kind: ClientErrorKind.ConnectionLost }))
            {
                return;
            }
            report.BreakReceived();
            if (notification is not { Open: { OplockLevel: OplockLevel.Batch or OplockLevel.Exclusive } open, OplockBreak: { } oplockBreak })
            {
                continue;
            }
            try
            {
                var clock = Stopwatch.StartNew();
                var acknowledged = await client.Connection.OplockBreakAcknowledgmentAsync(open, oplockBreak.OplockLevel, CancellationToken.None);
                latencies.Record(LoadOperation.BreakAcknowledgment, clock.Elapsed);
                if (acknowledged.Status is NtStatus.FileClosed or NtStatus.InvalidOplockProtocol or NtStatus.InvalidDeviceState)
                {
                    report.Expected($"OPLOCK_BREAK acknowledgment {NtStatus.Describe(acknowledged.Status)} (its open closed, or the break ended, before the acknowledgment arrived)");
                }
                else
                {
                    Check(LoadOperation.BreakAcknowledgment, acknowledged.Status);
                }
            }
            catch (Smb2ClientException e)
            {
                report.Error($"OPLOCK_BREAK acknowledgment: {e.Kind}: {e.Summary}");
                return;
            }
        }
    }

    private async Task CompareAsync(Smb2Client client, string name, int offset, ReadOnlyMemory<byte> expected, bool checkLength)
    {
        var opened = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = name,
            DesiredAccess = AccessMask.GenericRead,
            ShareAccess = ShareAll,
            CreateDisposition = CreateDisposition.FileOpen,
        });
        if (opened.Open is not { } open)
        {
            report.Error($"read-back: CREATE of {name}: {NtStatus.Describe(opened.Response.Status)}");
            report.Lost(expected.Length);
            return;
        }
        if (checkLength && opened.Response.Body?.EndofFile is { } endOfFile && endOfFile != (ulong)expected.Length)
        {
            report.Error($"read-back: {name} has EndOfFile {endOfFile} where {expected.Length} bytes were written");
        }
        for (var at = 0; at < expected.Length; at += options.MaxIoSize)
        {
            var length = Math.Min(options.MaxIoSize, expected.Length - at);
            var read = await client.Connection.ReadAsync(open, (ulong)(offset + at), (uint)length);
            var data = read.Body?.Data ?? ReadOnlyMemory<byte>.Empty;
            var differing = Differing(data.Span, expected.Span.Slice(at, length));
            report.Verified(length);
            if (!read.IsSuccess || differing > 0)
            {
                report.Error($"read-back of {name}: {NtStatus.Describe(read.Status)}, {differing} of {length} bytes differ from what was written");
                report.Lost(read.IsSuccess ? differing : length);
            }
        }
        await client.Connection.CloseAsync(open);
    }

    /// <summary>True on success; any other status is an error of the run (the mix expects none).</summary>
    private bool Check(LoadOperation operation, uint status)
    {
        if (status == NtStatus.Success)
        {
            return true;
        }
        report.Error($"{operation}: {NtStatus.Describe(status)}");
        return false;
    }

    private static int Differing(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        var differing = Math.Abs(expected.Length - actual.Length);
        var common = Math.Min(actual.Length, expected.Length);
        for (var i = 0; i < common; i++)
        {
            if (actual[i] != expected[i])
            {
                differing++;
            }
        }
        return differing;
    }
}
