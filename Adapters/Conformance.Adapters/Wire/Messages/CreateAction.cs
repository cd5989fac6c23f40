namespace Conformance.Adapters.Wire.Messages;

/// <summary>CreateAction of the CREATE Response (2.2.14).</summary>
public enum CreateAction : uint
{
    FileSuperseded = 0,
    FileOpened = 1,
    FileCreated = 2,
    FileOverwritten = 3,
}
