using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// What a handler decided for one request: a response (status and body), a disconnect without a
/// reply (3.3.7.1), no reply at all (SMB2 CANCEL), or asynchronous completion after an interim
/// STATUS_PENDING response (3.3.4.2).
/// </summary>
internal sealed class Outcome
{
    private Outcome() { }

    public uint Status { get; private init; }
    public IMessageBody? Body { get; private init; }
    public string? DisconnectReason { get; private init; }
    public bool NoResponse { get; private init; }

    /// <summary>Completes the request later; cancelled by SMB2 CANCEL or when the connection goes.</summary>
    public Func<CancellationToken, Task<Outcome>>? Completion { get; private init; }

    /// <summary>Called with the encoded response message (header included, as sent, before encryption).</summary>
    public Action<ReadOnlyMemory<byte>>? OnEncoded { get; init; }

    /// <summary>Called once the response went out, or failed to: releases what the body lent (a pooled buffer).</summary>
    public Action? OnSent { get; init; }

    public bool IsDisconnect => DisconnectReason is not null;
    public bool IsPending => Completion is not null;

    public static Outcome Success(IMessageBody body) => new() { Status = NtStatus.Success, Body = body };

    public static Outcome WithStatus(uint status, IMessageBody body) => new() { Status = status, Body = body };

    /// <summary>An SMB2 ERROR Response (2.2.2) carrying <paramref name="status"/>.</summary>
    public static Outcome Error(Smb2Command command, uint status, ReadOnlyMemory<byte> errorData = default) =>
        new() { Status = status, Body = new ErrorResponse(command) { ErrorData = errorData } };

    public static Outcome Disconnect(string reason) => new() { DisconnectReason = reason };

    public static Outcome None { get; } = new() { NoResponse = true };

    public static Outcome Pending(Func<CancellationToken, Task<Outcome>> completion) => new() { Completion = completion };

    public Outcome WithOnEncoded(Action<ReadOnlyMemory<byte>> onEncoded) =>
        new() { Status = Status, Body = Body, DisconnectReason = DisconnectReason, NoResponse = NoResponse, Completion = Completion, OnEncoded = onEncoded, OnSent = OnSent };

    public Outcome WithOnSent(Action onSent) =>
        new() { Status = Status, Body = Body, DisconnectReason = DisconnectReason, NoResponse = NoResponse, Completion = Completion, OnEncoded = OnEncoded, OnSent = onSent };

    public override string ToString() =>
        IsDisconnect ? $"disconnect: {DisconnectReason}" : IsPending ? "pending" : NoResponse ? "no response" : $"{NtStatus.Describe(Status)} {Body}";
}
