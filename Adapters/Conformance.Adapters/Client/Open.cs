using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Adapters.Client;

/// <summary>An open of a file (3.2.1.6 Per Application Open of a File).</summary>
public sealed class Open(TreeConnect treeConnect, Connection connection, FileId fileId, string fileName)
{
    public FileId FileId { get; set; } = fileId;

    /// <summary>Open.TreeConnect; a reconnect (<see cref="Connection.ReconnectAsync"/>) rebinds it.</summary>
    public TreeConnect TreeConnect { get; internal set; } = treeConnect;

    public Connection Connection { get; set; } = connection;

    public OplockLevel OplockLevel { get; set; }

    public bool Durable { get; set; }

    public string FileName { get; } = fileName;

    public bool ResilientHandle { get; set; }

    public DateTime? LastDisconnectTime { get; set; }

    public uint ResilientTimeout { get; set; }

    public uint DurableTimeout { get; set; }

    public Guid CreateGuid { get; set; }

    public bool IsPersistent { get; set; }

    public AccessMask DesiredAccess { get; set; }

    public ShareAccess ShareMode { get; set; }

    public CreateOptions CreateOptions { get; set; }

    public FileAttributes FileAttributes { get; set; }

    public CreateDisposition CreateDisposition { get; set; }

    /// <summary>The lease this open shares (File.LeaseKey of 3.2.1.5), if it asked for one.</summary>
    public Lease? Lease { get; set; }

    /// <summary>Open.OutstandingRequests: requests naming this FileId still awaiting their response.</summary>
    public IEnumerable<PendingRequest> OutstandingRequests =>
        Connection.OutstandingRequests.Values.Where(request => request.FileId == FileId);

    public override string ToString() => $"open {FileId} {FileName} oplock {OplockLevel}";
}
