using BenchmarkDotNet.Attributes;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Bench;

/// <summary>Encode and decode of a CREATE request carrying DH2Q and RqLs v2 (the replay trace's shape).</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private Smb2Message request = null!;
    private byte[] encoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = new CreateRequest
        {
            RequestedOplockLevel = OplockLevel.Lease,
            DesiredAccess = (AccessMask)0x0012019F,
            FileAttributes = FileAttributes.Normal,
            ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
            CreateDisposition = CreateDisposition.FileOpenIf,
            CreateOptions = CreateOptions.FileNonDirectoryFile,
            Name = "Replay.txt",
            CreateContexts =
            [
                new CreateDurableHandleRequestV2 { CreateGuid = Guid.NewGuid() },
                new CreateRequestLeaseV2
                {
                    LeaseKey = Guid.NewGuid(),
                    LeaseState = LeaseState.ReadCaching | LeaseState.HandleCaching | LeaseState.WriteCaching,
                    Flags = LeaseFlags.ParentLeaseKeySet,
                    ParentLeaseKey = Guid.NewGuid(),
                },
            ],
        };
        request = Smb2Message.For(body, new Smb2Header { MessageId = 6, TreeId = 1, SessionId = 0x4000059 });
        encoded = request.Encode();
    }

    [Benchmark]
    public byte[] EncodeCreateRequest() => request.Encode();

    [Benchmark]
    public Smb2Message DecodeCreateRequest()
    {
        var slices = Smb2Compound.Split(encoded).Unwrap();
        return Smb2MessageCatalog.Read(slices[0]).Unwrap();
    }

    /// <summary>The body alone, without the header parse and list of Split: what a body view costs.</summary>
    [Benchmark]
    public CreateRequest DecodeCreateRequestBody() => CreateRequest.Read(encoded).Unwrap();
}
