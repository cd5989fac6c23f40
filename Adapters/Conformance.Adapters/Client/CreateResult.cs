using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>The outcome of <see cref="Connection.CreateAsync"/>: the open (null unless STATUS_SUCCESS) and the response.</summary>
public sealed record CreateResult(Open? Open, Smb2Response<CreateResponse> Response)
{
    public uint Status => Response.Status;

    public Open RequireOpen() =>
        Open ?? throw new Smb2ClientException(ClientErrorKind.ProtocolFailure, $"CREATE failed: {Wire.NtStatus.Describe(Status)}");
}
