namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 SET_INFO Response (2.2.40): StructureSize only.</summary>
public sealed class SetInfoResponse : IMessageBody<SetInfoResponse>
{
    private const string Name = "SET_INFO Response";
    private const string Clause = "2.2.40";
    public const ushort DefaultStructureSize = 2;

    public Smb2Command Command => Smb2Command.SetInfo;
    public ushort StructureSize { get; set; } = DefaultStructureSize;

    public int Size => 2;

    public void WriteTo(Span<byte> destination) => destination.U16(0, StructureSize);

    public static DecodeResult<SetInfoResponse> Read(ReadOnlyMemory<byte> message)
    {
        var error = BodyChecks.FixedPart(message.Span, Name, Clause, DefaultStructureSize, 2);
        return error is null ? new SetInfoResponse() : error;
    }

    public override string ToString() => "SET_INFO Response";
}
