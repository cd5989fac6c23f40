namespace Conformance.Adapters.Wire.Messages;

/// <summary>A body of command OPLOCK_BREAK, which says which of the six forms it is.</summary>
public interface IOplockBreakBody : IMessageBody
{
    OplockBreakForm Form { get; }
}
