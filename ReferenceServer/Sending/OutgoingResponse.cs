using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Sending;

/// <summary>
/// A response ready to be encoded: the request header it answers, its status and body, the credits it
/// grants, its compound and async form, and what decides its signing and encryption (3.3.4.1).
/// </summary>
public sealed record OutgoingResponse(Smb2Header Request, uint Status, IMessageBody Body, ushort Credits, bool Related, ulong AsyncId)
{
    /// <summary>The SessionId and TreeId the response header carries (a related request's inherited ones).</summary>
    public ulong SessionId { get; init; }
    public uint TreeId { get; init; }

    /// <summary>The session the request was resolved against, whose keys sign or encrypt the response.</summary>
    public Session? Session { get; init; }

    /// <summary>The share of the request's tree connect, when it has one (Share.EncryptData, 3.3.4.1.4).</summary>
    public Share? Share { get; init; }

    /// <summary>Request.IsEncrypted (3.3.4.1.4): the request came in a TRANSFORM_HEADER.</summary>
    public bool RequestWasEncrypted { get; init; }

    /// <summary>Called with the encoded response (header included, before encryption).</summary>
    public Action<ReadOnlyMemory<byte>>? OnEncoded { get; init; }

    /// <summary>Called once the response went out, or failed to: releases what the body lent.</summary>
    public Action? OnSent { get; init; }
}
