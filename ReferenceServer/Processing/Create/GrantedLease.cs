using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The lease a CREATE's open joined, as it stood when the open joined it: what its response lease
/// context carries, in <see cref="Version"/> 1 (SMB2_CREATE_RESPONSE_LEASE) or 2 (_V2).
/// </summary>
internal sealed record GrantedLease(Lease Lease, LeaseState LeaseState, bool BreakInProgress, ushort Epoch, int Version);
