namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 ERROR Response (2.2.2; ErrorContextCount and error contexts from the current MS-SMB2 2.2.2),
/// the body of a failed response to any command. ErrorData is either raw bytes
/// (<see cref="ErrorData"/>) or, when ErrorContextCount is non-zero, a list of
/// <see cref="ErrorContexts"/>, each 8-byte aligned from the start of the ERROR Response.
/// When ByteCount is 0 the server MUST still send one ErrorData byte (2.2.2), written from
/// <see cref="EmptyErrorDataByte"/>; ByteCount keeps saying 0.
/// </summary>
public sealed class ErrorResponse : IMessageBody<ErrorResponse>
{
    private const string Name = "ERROR Response";
    private const string Clause = "2.2.2";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;

    public ErrorResponse(Smb2Command command) => Command = command;

    /// <summary>The command of the failed request; the header carries it.</summary>
    public Smb2Command Command { get; set; }

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public byte Reserved { get; set; }

    /// <summary>Raw error data, used when <see cref="ErrorContexts"/> is empty.</summary>
    public ReadOnlyMemory<byte> ErrorData { get; set; }

    /// <summary>Dialect 3.1.1 error contexts (current MS-SMB2 2.2.2.1); when any are given they are the ErrorData.</summary>
    public List<ErrorContext> ErrorContexts { get; set; } = [];

    /// <summary>The one byte sent when ByteCount is 0: the server SHOULD set it to 0, the client MUST ignore it.</summary>
    public byte EmptyErrorDataByte { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public byte? ErrorContextCount { get; set; }
    public uint? ByteCount { get; set; }

    /// <summary>
    /// A decoded response with STATUS_STOPPED_ON_SYMLINK: its Symbolic Link Error Response (from
    /// ErrorData, or from the first ERROR Context with ErrorId Default). A view only: to send one,
    /// put <see cref="SymbolicLinkErrorResponse.ToArray"/> in <see cref="ErrorData"/> or a context.
    /// </summary>
    public SymbolicLinkErrorResponse? SymbolicLink { get; private init; }

    private int ComputedByteCount => ErrorContexts.Count > 0 ? ContextsSize : ErrorData.Length;

    private int ContextsSize
    {
        get
        {
            var size = 0;
            for (var i = 0; i < ErrorContexts.Count; i++)
            {
                size = (i > 0 ? WireSpanExtensions.Align8(size) : size) + ErrorContexts[i].Size;
            }
            return size;
        }
    }

    public int Size => FixedLength + Math.Max(ComputedByteCount, 1);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, ErrorContextCount ?? (byte)ErrorContexts.Count);
        destination.U8(3, Reserved);
        destination.U32(4, ByteCount ?? (uint)ComputedByteCount);
        if (ErrorContexts.Count > 0)
        {
            var position = FixedLength;
            for (var i = 0; i < ErrorContexts.Count; i++)
            {
                if (i > 0)
                {
                    var aligned = WireSpanExtensions.Align8(position);
                    destination[position..aligned].Clear();
                    position = aligned;
                }
                ErrorContexts[i].WriteTo(destination.Slice(position, ErrorContexts[i].Size));
                position += ErrorContexts[i].Size;
            }
        }
        else if (ErrorData.Length > 0)
        {
            destination.Bytes(FixedLength, ErrorData.Span);
        }
        else
        {
            destination.U8(FixedLength, EmptyErrorDataByte);
        }
    }

    public static DecodeResult<ErrorResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        const int dataStart = body + FixedLength;
        var contextCount = span.U8(body + 2);
        var byteCount = span.U32(body + 4);
        if (dataStart + (long)byteCount > span.Length)
        {
            return new DecodeError(Name, "ByteCount", Clause, $"{byteCount} bytes of ErrorData run past the {span.Length}-byte message", body + 4);
        }
        if (byteCount == 0 && span.Length < dataStart + 1)
        {
            return new DecodeError(Name, "ErrorData", Clause, "ByteCount is 0 but the one ErrorData byte the server MUST supply is missing", dataStart);
        }
        var dataEnd = dataStart + (int)byteCount;
        var contexts = new List<ErrorContext>();
        var contextDataOffsets = new List<int>();
        var position = dataStart;
        for (var i = 0; i < contextCount; i++)
        {
            if (i > 0)
            {
                position = WireSpanExtensions.Align8(position);
            }
            if (position + ErrorContext.HeaderSize > dataEnd)
            {
                return new DecodeError(Name, $"ErrorContexts[{i}]", "2.2.2.1", $"context {i} of {contextCount} would start at offset {position}, but its 8-byte header does not fit in ByteCount's {byteCount} bytes", body + 2);
            }
            var dataLength = span.U32(position);
            if (position + ErrorContext.HeaderSize + (long)dataLength > dataEnd)
            {
                return new DecodeError(Name, $"ErrorContexts[{i}].ErrorDataLength", "2.2.2.1", $"{dataLength} bytes of ErrorContextData at offset {position + ErrorContext.HeaderSize} run past the ErrorData's end at {dataEnd}", position);
            }
            contexts.Add(new ErrorContext
            {
                ErrorId = (ErrorId)span.U32(position + 4),
                ErrorContextData = message.Slice(position + ErrorContext.HeaderSize, (int)dataLength),
            });
            contextDataOffsets.Add(position + ErrorContext.HeaderSize);
            position += ErrorContext.HeaderSize + (int)dataLength;
        }
        SymbolicLinkErrorResponse? symbolicLink = null;
        if (Smb2Header.Read(span).Value?.Status == NtStatus.StoppedOnSymlink)
        {
            var (linkData, linkOffset) = (message.Slice(dataStart, (int)byteCount), dataStart);
            if (contextCount > 0)
            {
                var index = contexts.FindIndex(context => context.ErrorId == ErrorId.Default);
                (linkData, linkOffset) = index < 0 ? (ReadOnlyMemory<byte>.Empty, dataStart) : (contexts[index].ErrorContextData, contextDataOffsets[index]);
            }
            var link = SymbolicLinkErrorResponse.Read(linkData.Span, linkOffset);
            if (!link.IsSuccess)
            {
                return link.Error;
            }
            symbolicLink = link.Value;
        }
        var response = new ErrorResponse((Smb2Command)span.U16(12))
        {
            Reserved = span.U8(body + 3),
            ErrorContexts = contexts,
            ErrorData = contextCount > 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(dataStart, (int)byteCount),
            EmptyErrorDataByte = byteCount == 0 ? span.U8(dataStart) : (byte)0,
            SymbolicLink = symbolicLink,
        };
        // Keep a ByteCount that covers more than the contexts, so re-encoding is faithful.
        if (byteCount != response.ComputedByteCount)
        {
            response.ByteCount = byteCount;
        }
        return response;
    }

    public override string ToString() =>
        $"ERROR Response ({Command}) ByteCount {ByteCount ?? (uint)ComputedByteCount}" +
        (ErrorContexts.Count > 0 ? $" contexts: {string.Join("; ", ErrorContexts)}" : "") +
        (SymbolicLink is not null ? $" {SymbolicLink}" : "");
}
