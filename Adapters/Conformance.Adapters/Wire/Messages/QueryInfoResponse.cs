using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 QUERY_INFO Response (2.2.38): OutputBufferOffset, OutputBufferLength and the buffer of information.
/// </summary>
public sealed class QueryInfoResponse : OutputBufferResponse, IMessageBody<QueryInfoResponse>
{
    private const string Name = "QUERY_INFO Response";
    private const string Clause = "2.2.38";

    public override Smb2Command Command => Smb2Command.QueryInfo;

    public static DecodeResult<QueryInfoResponse> Read(ReadOnlyMemory<byte> message) => Read<QueryInfoResponse>(message, Name, Clause);

    /// <summary>Reads <see cref="OutputBuffer"/> as the information class the request asked for (e.g. <see cref="FileAllInformation"/>).</summary>
    public DecodeResult<TInfo> ReadInfo<TInfo>() where TInfo : class, IInfoClass<TInfo> => TInfo.Read(OutputBuffer);

    public override string ToString() => $"QUERY_INFO Response, {OutputBuffer.Length} bytes";
}
