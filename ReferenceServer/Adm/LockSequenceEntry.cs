namespace Conformance.ReferenceServer.Adm;

/// <summary>
/// An entry of Open.LockSequenceArray (current MS-SMB2 3.3.1.10): the 4-bit SequenceNumber of the last
/// lock or unlock processed with its LockSequenceIndex, and whether it is Valid (none is at first).
/// </summary>
public readonly record struct LockSequenceEntry(byte SequenceNumber, bool Valid);
