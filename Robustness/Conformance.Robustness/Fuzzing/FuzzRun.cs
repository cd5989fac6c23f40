using System.Collections.Concurrent;
using System.Diagnostics;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// Fuzzes the reference server's frame processing: an in-process server on a loopback port, a few
/// sessions that our client negotiates and logs on (so frames get past NEGOTIATE and SESSION_SETUP),
/// and in each of them, over and over: a seed bound to the session, mutated (<see cref="FrameMutator"/>;
/// on the share that requires encryption, also encrypted and maybe mutated after, <see cref="TransformMutator"/>),
/// sent, then an ECHO that must be answered, or the connection closed, within the probe timeout.
/// Findings: a recorded ServerFault, a hang, a malformed response, heap growth past the bound.
/// </summary>
public static class FuzzRun
{
    private static readonly TimeSpan DrainWait = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(10);

    public static async Task<FuzzReport> RunAsync(FuzzOptions options, CancellationToken cancellationToken)
    {
        var report = new FuzzReport();
        var configuration = new ServerConfiguration
        {
            MaxConnections = (options.Workers * 2) + 8,
            // Fuzzed CREATEs may break one another's oplocks; a short timer keeps those waits short.
            OplockBreakTimeout = TimeSpan.FromSeconds(1),
        };
        var credential = new NtlmCredential(null, ServerConfiguration.DefaultUser, ServerConfiguration.DefaultPassword);
        var faults = new ConcurrentDictionary<string, ConcurrentQueue<ServerFault>>();
        await using var host = await ReferenceServerHost.StartAsync(configuration, cancellationToken);
        host.FaultRecorded += fault => faults.GetOrAdd(fault.ClientEndPoint, _ => new ConcurrentQueue<ServerFault>()).Enqueue(fault);

        var seeds = new List<SeedFrame>(SeedCorpus.LoadCaptures(options.CaptureDirectory ?? SeedCorpus.DefaultCaptureDirectory));
        seeds.AddRange(await SeedCorpus.RecordTemplateAsync(host.Port, credential, "conf", cancellationToken));
        if (options.RunFileDirectory is { } runFiles)
        {
            seeds.AddRange(SeedCorpus.LoadRunFiles(runFiles));
        }
        report.SeedCount = seeds.Count;
        report.HeapBefore = SettledHeap();

        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        using var progress = options.Progress is null ? null : new Timer(_ => options.Progress($"{clock.Elapsed.TotalSeconds:0} s: {report.Executions} executions, {report.Findings.Count} findings, heap {GC.GetTotalMemory(false) / 1048576} MiB"),
            null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var connectionOptions = new ConnectionOptions { ResponseTimeout = options.ProbeTimeout, CreditTimeout = options.ProbeTimeout };
        var workers = Enumerable.Range(0, options.Workers)
            .Select(index => Task.Run(() => WorkerAsync(index, host.Port, credential, seeds, options, connectionOptions, faults, report, stop.Token), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers);
        report.Elapsed = clock.Elapsed;

        // Every session is closed now: the server must let go of what they held.
        var settle = Stopwatch.StartNew();
        while ((!host.Server.ConnectionList.IsEmpty || !host.Server.GlobalOpenTable.IsEmpty || !host.Server.GlobalSessionTable.IsEmpty) && settle.Elapsed < SettleBound)
        {
            await Task.Delay(50, CancellationToken.None);
        }
        report.ConnectionsLeft = host.Server.ConnectionList.Count;
        report.OpensLeft = host.Server.GlobalOpenTable.Count;
        report.SessionsLeft = host.Server.GlobalSessionTable.Count;
        report.FilesLeft = await ClearRootAsync(host.Port, credential);
        report.FilesUndeletable = await ClearRootAsync(host.Port, credential);
        report.HeapAfter = SettledHeap();
        if (report.HeapAfter - report.HeapBefore > options.MaxHeapGrowthBytes)
        {
            report.Found(new FuzzFinding(FindingKind.MemoryGrowth,
                $"the managed heap grew by {(report.HeapAfter - report.HeapBefore) / 1048576} MiB over the run (bound {options.MaxHeapGrowthBytes / 1048576} MiB)", "", [], "", false));
        }
        if (report.ConnectionsLeft > 0 || report.OpensLeft > 0 || report.SessionsLeft > 0)
        {
            report.Found(new FuzzFinding(FindingKind.MemoryGrowth,
                $"{report.ConnectionsLeft} connection(s), {report.SessionsLeft} session(s) and {report.OpensLeft} open(s) still in the server's tables {SettleBound.TotalSeconds:0} s after every client left", "", [], "", false));
        }
        return report;
    }

    private static async Task WorkerAsync(int index, int port, NtlmCredential credential, IReadOnlyList<SeedFrame> seeds, FuzzOptions options, ConnectionOptions connectionOptions,
        ConcurrentDictionary<string, ConcurrentQueue<ServerFault>> faults, FuzzReport report, CancellationToken stop)
    {
        var random = new Random(options.Seed + index);
        LiveSession? session = null;
        var framesInSession = 0;
        try
        {
            while (!stop.IsCancellationRequested && report.Executions < options.MaxExecutions)
            {
                if (session is null || !session.Connection.IsOpen || framesInSession >= options.FramesPerSession)
                {
                    if (session is not null)
                    {
                        await session.DisposeAsync();
                    }
                    session = null;
                    var share = random.Next(options.EncryptedSessionEvery) == 0 ? "encrypted" : "conf";
                    try
                    {
                        session = await LiveSession.StartAsync(port, credential, share, connectionOptions, stop);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    report.SessionStarted();
                    framesInSession = 0;
                }
                var live = session;
                var seed = seeds[random.Next(seeds.Count)];
                if (live.Bind(seed.Packet) is not { } bound)
                {
                    report.RanOutOfCredits();
                    session = null;
                    await live.DisposeAsync();
                    continue;
                }
                var mutations = new List<Mutation>();
                var plain = FrameMutator.Mutate(bound, () => live.Bind(seeds[random.Next(seeds.Count)].Packet) ?? [], random, mutations);
                var encrypted = live.Encrypts && plain.Length > 0 && random.Next(8) != 0;
                var wire = plain;
                if (encrypted)
                {
                    wire = live.Encrypt(plain);
                    if (random.Next(3) == 0)
                    {
                        wire = TransformMutator.Mutate(wire, random, mutations);
                    }
                }
                report.Executed(mutations, encrypted);
                framesInSession++;
                var sent = new SentFrame(seed.Source, mutations, plain, encrypted);
                var keep = await ExchangeAsync(live, wire, sent, options, report, stop);
                CollectFaults(live, sent, faults, report);
                await CheckResponsesAsync(live, sent, report, drain: !keep || framesInSession % 8 == 0);
                if (!keep)
                {
                    session = null;
                    await live.DisposeAsync();
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Sends the frame and the ECHO behind it; false when the session cannot go on (closed by the server, out of credits, its session gone).</summary>
    private static async Task<bool> ExchangeAsync(LiveSession live, byte[] wire, SentFrame sent, FuzzOptions options, FuzzReport report, CancellationToken stop)
    {
        try
        {
            await live.Connection.SendRawAsync(wire, addDirectTcpHeader: true, stop);
            var echo = await live.Connection.EchoAsync(live.Client.Session, stop);
            report.WasAnswered();
            return echo.Status == NtStatus.Success;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost || !live.Connection.IsOpen)
        {
            report.Disconnected();
            return false;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.NoCredits)
        {
            report.RanOutOfCredits();
            return false;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            report.Found(sent.Finding(FindingKind.Hang, $"the server neither answered the ECHO behind this frame within {options.ProbeTimeout.TotalSeconds:0} s nor closed the connection"));
            return false;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void CollectFaults(LiveSession live, SentFrame sent, ConcurrentDictionary<string, ConcurrentQueue<ServerFault>> faults, FuzzReport report)
    {
        if (faults.TryGetValue(live.LocalEndPoint, out var queue))
        {
            while (queue.TryDequeue(out var fault))
            {
                report.Found(sent.Finding(FindingKind.ServerFault, $"{fault.Command} handler failed: {fault.Exception}"));
            }
        }
    }

    /// <summary>Every frame nothing claimed (the answers to raw frames) must be a well-formed response.</summary>
    private static async Task CheckResponsesAsync(LiveSession live, SentFrame sent, FuzzReport report, bool drain)
    {
        if (!drain)
        {
            return;
        }
        while (true)
        {
            ReadOnlyMemory<byte> frame;
            try
            {
                frame = await live.Connection.ReceiveRawAsync(DrainWait, CancellationToken.None);
            }
            catch (Smb2ClientException)
            {
                return;
            }
            if (live.WhatIsWrongWith(frame) is { } wrong)
            {
                report.Found(sent.Finding(FindingKind.MalformedResponse, $"{wrong}; the frame: {Convert.ToHexString(frame.Span[..Math.Min(frame.Length, 256)])}"));
            }
        }
    }

    /// <summary>
    /// Deletes what the fuzzed CREATEs left in the share's root (files the server rightly created for
    /// them) and returns how many entries there were, so the heap is compared without that state.
    /// </summary>
    private static async Task<int> ClearRootAsync(int port, NtlmCredential credential)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var client = await Smb2ClientFactory.ConnectAsync("127.0.0.1", port, credential, new Smb2ClientOptions { ShareName = "conf" }, bound.Token);
        var connection = client.Connection;
        const ShareAccess shareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;
        var names = new List<string>();
        var root = (await connection.CreateAsync(client.Tree, new CreateRequest { Name = "", DesiredAccess = AccessMask.GenericRead, ShareAccess = shareAll, CreateOptions = CreateOptions.FileDirectoryFile }, bound.Token)).Open;
        if (root is null)
        {
            return -1;
        }
        while ((await connection.QueryDirectoryAsync(root, "*", FileInformationClass.FileNamesInformation, cancellationToken: bound.Token)).Body?.ReadEntries<FileNamesInformation>().Value is { } entries)
        {
            names.AddRange(entries.Select(entry => entry.FileName).Where(name => name is not ("." or "..")));
        }
        await connection.CloseAsync(root, cancellationToken: bound.Token);
        foreach (var name in names)
        {
            var doomed = await connection.CreateAsync(client.Tree, new CreateRequest
            {
                Name = name,
                DesiredAccess = AccessMask.Delete,
                ShareAccess = shareAll,
                CreateOptions = CreateOptions.FileDeleteOnClose,
            }, bound.Token);
            if (doomed.Open is { } open)
            {
                await connection.CloseAsync(open, cancellationToken: bound.Token);
            }
        }
        return names.Count;
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record SentFrame(string Seed, IReadOnlyList<Mutation> Mutations, byte[] Plain, bool Encrypted)
    {
        public FuzzFinding Finding(FindingKind kind, string detail) => new(kind, detail, Seed, Mutations, Convert.ToHexString(Plain), Encrypted);
    }
}
