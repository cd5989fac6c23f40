namespace Conformance.Adapters.Tests.Security;

/// <summary>A clock standing still at one instant.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
