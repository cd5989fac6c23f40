namespace Conformance.ReferenceServer.Storage;

/// <summary>Outcome of a share store operation that returns no value.</summary>
public readonly record struct StoreResult(StoreStatus Status)
{
    public static StoreResult Success { get; } = new(StoreStatus.Success);

    public bool IsSuccess => Status == StoreStatus.Success;

    public static implicit operator StoreResult(StoreStatus status) => new(status);

    public override string ToString() => Status.ToString();
}
