using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// A response decoded for a scenario: the status and header, and either the command's own body
/// (<see cref="Body"/>), or the ERROR Response (<see cref="ErrorBody"/>) as <see cref="Smb2MessageCatalog.CarriesErrorResponse"/>
/// decides, or the <see cref="DecodeError"/> that kept the body from being read. Never thrown for an
/// error status; <see cref="RequireBody"/> is there for a scenario that needs the body to go on.
/// </summary>
public sealed class Smb2Response<TBody> where TBody : class, IMessageBody<TBody>
{
    private Smb2Response(Smb2Response response, TBody? body, ErrorResponse? errorBody, DecodeError? decodeError)
    {
        Response = response;
        Body = body;
        ErrorBody = errorBody;
        DecodeError = decodeError;
    }

    public Smb2Response Response { get; }

    public Smb2Header Header => Response.Header;

    public uint Status => Response.Status;

    public TBody? Body { get; }

    public ErrorResponse? ErrorBody { get; }

    public DecodeError? DecodeError { get; }

    public SignatureVerdict Signature => Response.Signature;

    public bool IsSuccess => Status == NtStatus.Success;

    public static Smb2Response<TBody> From(Smb2Response response)
    {
        if (response.HasErrorBody)
        {
            var error = response.Read<ErrorResponse>();
            return new(response, null, error.Value, error.Error);
        }
        var body = response.Read<TBody>();
        return new(response, body.Value, null, body.Error);
    }

    /// <summary>The command's body; a <see cref="Smb2ClientException"/> naming status and decode error when there is none.</summary>
    public TBody RequireBody() =>
        Body ?? throw new Smb2ClientException(DecodeError is null ? ClientErrorKind.ProtocolFailure : ClientErrorKind.InvalidResponse,
            $"{Header.Command.ToString().ToUpperInvariant()} (MessageId {Header.MessageId}) has no {typeof(TBody).Name}: status {NtStatus.Describe(Status)}" +
            (DecodeError is null ? "" : $", body unreadable: {DecodeError}"));

    public override string ToString() =>
        $"{NtStatus.Describe(Status)} {(Body as object ?? ErrorBody as object ?? DecodeError as object)}";
}
