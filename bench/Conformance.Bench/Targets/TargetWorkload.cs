using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Bench.Targets;

/// <summary>
/// The same bounded workload for every target, through our client adapter on one connection:
/// sequential ECHO round trips, 1 MiB WRITEs then READs of one file (multi-credit as the client
/// charges them), CREATE+CLOSE pairs. Each phase stops after its count or its time limit, whichever
/// comes first, after a short warm-up; the fastest of <see cref="Rounds"/> rounds counts, and the least CPU time per operation of any round. Everything happens in a scratch directory that is deleted at the end.
/// </summary>
public static class TargetWorkload
{
    public const int EchoCount = 10000;
    public const int TransferChunk = 1024 * 1024;
    public const long TransferTotal = 256L * 1024 * 1024;
    public const int CreateCloseCount = 3000;
    public const int Rounds = 3;
    public static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(20);
    private const int PooledReceiveMinimum = 64 * 1024;
    private const int EchoWarmUp = 1000;

    private const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;

    public static async Task<WorkloadFigures> RunAsync(TargetSettings target, CpuClock clock, CancellationToken cancellationToken)
    {
        // Large frames (the READ responses) are received into pooled buffers, which ReadAsync hands back.
        var transport = TransportOptions.Default with { PooledReceiveMinimum = PooledReceiveMinimum };
        await using var client = await Smb2ClientFactory.ConnectAsync(target.Host, target.Port, TargetProbe.Credential(target),
            new Smb2ClientOptions { ShareName = target.Share, Connection = ConnectionOptions.Default with { Transport = transport } }, cancellationToken);
        var connection = client.Connection;
        var chunk = (int)Math.Min(TransferChunk, Math.Min(connection.MaxWriteSize, connection.MaxReadSize));
        var chunks = (int)(TransferTotal / chunk);
        var scratch = $"bench-{ScratchDirectory.NewName()}";
        await ScratchDirectory.CreateAsync(client, scratch, cancellationToken);
        try
        {
            var file = await OpenAsync(client, $"{scratch}\\data.bin", CreateDisposition.FileCreate, cancellationToken);
            var payload = new byte[chunk];
            new Random(3).NextBytes(payload);

            // Warm-up, long enough for the runtime to compile the hot paths of a freshly started reference server.
            for (var i = 0; i < EchoWarmUp; i++)
            {
                await EchoAsync(connection, cancellationToken);
            }
            var echo = await PhaseResult.MeasureAsync(Rounds, EchoCount, PhaseLimit, clock, _ => EchoAsync(connection, cancellationToken));

            // Warm-up; the READs below read back only what the WRITE phase wrote.
            for (var i = 0; i < 4; i++)
            {
                await WriteAsync(connection, file, (ulong)i * (ulong)chunk, payload, cancellationToken);
            }
            var write = await PhaseResult.MeasureAsync(Rounds, chunks, PhaseLimit, clock, i => WriteAsync(connection, file, (ulong)i * (ulong)chunk, payload, cancellationToken));
            var written = write.Operations;

            for (var i = 0; i < 4; i++)
            {
                await ReadAsync(connection, file, (ulong)i * (ulong)chunk, chunk, cancellationToken);
            }
            var read = await PhaseResult.MeasureAsync(Rounds, written, PhaseLimit, clock, i => ReadAsync(connection, file, (ulong)i * (ulong)chunk, chunk, cancellationToken));
            await connection.CloseAsync(file, cancellationToken: cancellationToken);

            var name = $"{scratch}\\opened.bin";
            await CreateCloseAsync(client, name, cancellationToken);
            var createClose = await PhaseResult.MeasureAsync(Rounds, CreateCloseCount, PhaseLimit, clock, _ => CreateCloseAsync(client, name, cancellationToken));

            return new WorkloadFigures
            {
                Target = target.Name,
                Connection = $"{target.Host}:{target.Port}\\{target.Share}, dialect {connection.Dialect?.ToDisplayString()}, MaxWriteSize {connection.MaxWriteSize}, " +
                    $"MaxReadSize {connection.MaxReadSize}, chunk {chunk} bytes (CreditCharge {connection.CreditChargeFor(chunk) ?? 0}), " +
                    $"signing {(client.Session.SigningRequired ? "required" : "off")}, encryption {(client.Session.EncryptData ? "on" : "off")}",
                Echo = echo,
                Write = write,
                Read = read,
                CreateClose = createClose,
            };
        }
        finally
        {
            var leftOver = await ScratchDirectory.DeleteAsync(client, scratch, cancellationToken);
            foreach (var entry in leftOver)
            {
                await Console.Error.WriteLineAsync($"could not delete {entry}");
            }
        }
    }

    private static async Task<long> EchoAsync(Connection connection, CancellationToken cancellationToken)
    {
        var response = await connection.EchoAsync(cancellationToken: cancellationToken);
        Require(response.IsSuccess, "ECHO", response.Status);
        return 0;
    }

    private static async Task<long> WriteAsync(Connection connection, Open file, ulong offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var response = await connection.WriteAsync(file, offset, data, cancellationToken);
        Require(response is { IsSuccess: true, Body.Count: var count } && count == data.Length, "WRITE", response.Status);
        return data.Length;
    }

    private static async Task<long> ReadAsync(Connection connection, Open file, ulong offset, int length, CancellationToken cancellationToken)
    {
        var response = await connection.ReadAsync(file, offset, (uint)length, cancellationToken);
        Require(response is { IsSuccess: true, Body: { } body } && body.Data.Length == length, "READ", response.Status);
        ReturnFrame(connection, response.Response);
        return length;
    }

    /// <summary>
    /// Hands the frame of <paramref name="response"/> back to the transport's pool: the bench is the
    /// last holder of the response, and a lone, unencrypted message is its whole frame. (The client
    /// never does this on its own: a scenario may keep a response as long as it likes.)
    /// </summary>
    private static void ReturnFrame(Connection connection, Smb2Response response)
    {
        if (response is { WasEncrypted: false, Slice: { OffsetInPacket: 0, Header.NextCommand: 0 } })
        {
            connection.Transport.ReturnReceived(response.Bytes);
        }
    }

    private static async Task<long> CreateCloseAsync(Smb2Client client, string name, CancellationToken cancellationToken)
    {
        var open = await OpenAsync(client, name, CreateDisposition.FileOpenIf, cancellationToken);
        var closed = await client.Connection.CloseAsync(open, cancellationToken: cancellationToken);
        Require(closed.IsSuccess, "CLOSE", closed.Status);
        return 0;
    }

    private static async Task<Open> OpenAsync(Smb2Client client, string name, CreateDisposition disposition, CancellationToken cancellationToken)
    {
        var created = await client.Connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = name,
            DesiredAccess = AccessMask.FileReadData | AccessMask.FileWriteData | AccessMask.FileReadAttributes | AccessMask.Synchronize,
            ShareAccess = ShareAll,
            CreateDisposition = disposition,
            CreateOptions = CreateOptions.FileNonDirectoryFile,
            FileAttributes = FileAttributes.Normal,
        }, cancellationToken);
        Require(created.Open is not null, $"CREATE {name}", created.Status);
        return created.Open!;
    }

    private static void Require(bool condition, string what, uint status)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what} failed: {NtStatus.Describe(status)}");
        }
    }
}
