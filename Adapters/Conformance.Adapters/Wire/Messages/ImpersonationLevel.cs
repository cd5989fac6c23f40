namespace Conformance.Adapters.Wire.Messages;

/// <summary>ImpersonationLevel of the CREATE Request (2.2.13).</summary>
public enum ImpersonationLevel : uint
{
    Anonymous = 0,
    Identification = 1,
    Impersonation = 2,
    Delegate = 3,
}
