using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using static Conformance.ReferenceServer.Tests.Stateful.ReferenceServerFixture;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// Connections killed in the middle of a run of writes to durable opens lose no byte the server
/// acknowledged: the client reconnects its opens (DH2C, 3.3.5.9.12) on a new connection, writes again
/// only what was never acknowledged, and in the end every file holds exactly what was written.
/// </summary>
[TestFixture]
public sealed class DurableWriteLossTests
{
    private const int Files = 4;
    private const int Chunks = 48;
    private const int ChunkSize = 4096;
    private const int MaxRounds = 40;
    private const int InFlight = 8;

    [Test]
    public async Task No_acknowledged_write_is_lost_when_connections_die_in_the_middle_of_writes()
    {
        // The fake clock never moves: the durable open scavenger cannot close an open between a loss and its reconnect.
        await using var server = await StartAsync();
        var random = new Random(20261202);
        var contents = Enumerable.Range(0, Files).Select(_ => RandomBytes(random, Chunks * ChunkSize)).ToArray();
        var acknowledged = new bool[Files, Chunks];
        var client = await server.LogOnAsync();
        var opens = new Open[Files];
        for (var file = 0; file < Files; file++)
        {
            var request = Create($"durable-writes-{file}.bin", OplockLevel.Batch, CreateDisposition.FileOverwriteIf);
            request.CreateContexts.Add(new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid() });
            opens[file] = (await client.Connection.CreateAsync(client.Tree, request)).RequireOpen();
            Assert.That(opens[file].Durable, Is.True, "the DH2Q with a batch oplock is granted");
        }

        var kills = 0;
        for (var round = 0; round < MaxRounds && Remaining(acknowledged).Count > 0; round++)
        {
            var remaining = Remaining(acknowledged);
            // Kill the connection once a random number of this round's writes is answered, up to InFlight more on their way.
            var killAfter = round == MaxRounds - 1 ? int.MaxValue : random.Next(1, Math.Max(2, remaining.Count / 3));
            var done = 0;
            var killed = false;
            using var window = new SemaphoreSlim(InFlight);
            async Task WriteAsync(int file, int chunk)
            {
                await window.WaitAsync();
                try
                {
                    var written = await client.Connection.WriteAsync(opens[file], (ulong)(chunk * ChunkSize), contents[file].AsMemory(chunk * ChunkSize, ChunkSize));
                    if (written.Status == NtStatus.Success && written.Body?.Count == ChunkSize)
                    {
                        acknowledged[file, chunk] = true;
                    }
                }
                catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
                {
                    // Never acknowledged: written again after the reconnect.
                }
                finally
                {
                    window.Release();
                }
                if (Interlocked.Increment(ref done) == killAfter && !killed)
                {
                    killed = true;
                    await client.Connection.AbortAsync();
                }
            }
            await Task.WhenAll(remaining.Select(item => WriteAsync(item.File, item.Chunk))).WaitAsync(Wait);
            if (!killed)
            {
                continue;
            }
            kills++;
            await WaitUntilAsync(() => opens.All(open => server.Host.Server.GlobalOpenTable[open.FileId.Persistent].Session is null), "the loss noticed, every open kept (3.3.7.1)");
            client = await server.LogOnAsync(client.Client);
            foreach (var open in opens)
            {
                var reconnected = await client.Connection.ReconnectAsync(open, client.Tree, ReconnectKind.DurableV2);
                Assert.That(reconnected.Status, Is.EqualTo(NtStatus.Success), $"DH2C of {open.FileName} after connection loss {kills}");
            }
        }
        Assert.That(Remaining(acknowledged), Is.Empty, "every chunk acknowledged within the rounds");
        Assert.That(kills, Is.GreaterThanOrEqualTo(3), "connections killed in the middle of writes");

        for (var file = 0; file < Files; file++)
        {
            var read = await client.Connection.ReadAsync(opens[file], 0, Chunks * ChunkSize);
            Assert.That(read.Status, Is.EqualTo(NtStatus.Success));
            var data = read.Body!.Data.ToArray();
            Assert.That(data.Length, Is.EqualTo(contents[file].Length), $"length of {opens[file].FileName}");
            var firstDifference = Enumerable.Range(0, data.Length).FirstOrDefault(index => data[index] != contents[file][index], -1);
            Assert.That(firstDifference, Is.EqualTo(-1), $"{opens[file].FileName}: the first byte that differs from what was acknowledged (chunk {firstDifference / ChunkSize})");
        }
    }

    private static List<(int File, int Chunk)> Remaining(bool[,] acknowledged) =>
        [.. Enumerable.Range(0, Files).SelectMany(file => Enumerable.Range(0, Chunks).Where(chunk => !acknowledged[file, chunk]).Select(chunk => (file, chunk)))];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
