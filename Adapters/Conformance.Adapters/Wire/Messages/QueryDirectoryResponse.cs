using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 QUERY_DIRECTORY Response (2.2.34): OutputBufferOffset, OutputBufferLength and the buffer of directory entries.
/// </summary>
public sealed class QueryDirectoryResponse : OutputBufferResponse, IMessageBody<QueryDirectoryResponse>
{
    private const string Name = "QUERY_DIRECTORY Response";
    private const string Clause = "2.2.34";

    public override Smb2Command Command => Smb2Command.QueryDirectory;

    public static DecodeResult<QueryDirectoryResponse> Read(ReadOnlyMemory<byte> message) => Read<QueryDirectoryResponse>(message, Name, Clause);

    /// <summary>
    /// Reads <see cref="OutputBuffer"/> as entries of the directory information class the request
    /// asked for (e.g. <see cref="FileIdBothDirectoryInformation"/>), checking every NextEntryOffset.
    /// </summary>
    public DecodeResult<IReadOnlyList<TEntry>> ReadEntries<TEntry>() where TEntry : class, IChainedEntry<TEntry> =>
        ChainedEntries.Read<TEntry>(OutputBuffer);

    /// <summary>A response carrying <paramref name="entries"/>, chained and 8-byte aligned.</summary>
    public static QueryDirectoryResponse WithEntries<TEntry>(IReadOnlyList<TEntry> entries) where TEntry : class, IChainedEntry<TEntry> =>
        new() { OutputBuffer = ChainedEntries.Encode(entries) };

    public override string ToString() => $"QUERY_DIRECTORY Response, {OutputBuffer.Length} bytes";
}
