using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>An open of a file (3.2.1.6 Per Application Open of a File).</summary>
public sealed class Open(TreeConnect treeConnect, Connection connection, FileId fileId, string fileName)
{
    public FileId FileId { get; set; } = fileId;

    public TreeConnect TreeConnect { get; } = treeConnect;

    public Connection Connection { get; set; } = connection;

    /// <summary>SMB2_OPLOCK_LEVEL_* (2.2.13): 0x00 none, 0x01 II, 0x08 exclusive, 0x09 batch, 0xFF lease.</summary>
    public byte OplockLevel { get; set; }

    public bool Durable { get; set; }

    public string FileName { get; } = fileName;

    public bool ResilientHandle { get; set; }

    public DateTime? LastDisconnectTime { get; set; }

    public uint ResilientTimeout { get; set; }

    public uint DurableTimeout { get; set; }

    public Guid CreateGuid { get; set; }

    public bool IsPersistent { get; set; }

    public uint DesiredAccess { get; set; }

    public uint ShareMode { get; set; }

    public uint CreateOptions { get; set; }

    public uint FileAttributes { get; set; }

    public uint CreateDisposition { get; set; }

    /// <summary>The lease this open shares (File.LeaseKey of 3.2.1.5), if it asked for one.</summary>
    public Lease? Lease { get; set; }

    /// <summary>Open.OutstandingRequests: requests naming this FileId still awaiting their response.</summary>
    public IEnumerable<PendingRequest> OutstandingRequests =>
        Connection.OutstandingRequests.Values.Where(request => request.FileId == FileId);

    public override string ToString() => $"open {FileId} {FileName} oplock 0x{OplockLevel:X2}";
}
