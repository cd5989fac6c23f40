namespace Conformance.ReferenceServer.Storage;

/// <summary>Outcome of a share store operation that returns a value on success.</summary>
public readonly struct StoreResult<T> : IEquatable<StoreResult<T>>
{
    private readonly T? value;

    private StoreResult(StoreStatus status, T? value)
    {
        Status = status;
        this.value = value;
    }

    public StoreStatus Status { get; }

    public bool IsSuccess => Status == StoreStatus.Success;

    /// <summary>The value of a successful operation; reading it after a failure is a programming error.</summary>
    public T Value => IsSuccess
        ? value!
        : throw new InvalidOperationException($"The store operation failed with {Status}; it has no value.");

    public static StoreResult<T> Succeeded(T value) => new(StoreStatus.Success, value);

    public static StoreResult<T> Failed(StoreStatus status) => status == StoreStatus.Success
        ? throw new ArgumentException("A failure needs a status other than Success.", nameof(status))
        : new StoreResult<T>(status, default);

    /// <summary>Lets a failure status be returned directly: <c>return StoreStatus.ObjectNameNotFound;</c>.</summary>
    public static implicit operator StoreResult<T>(StoreStatus status) => Failed(status);

    public bool Equals(StoreResult<T> other) =>
        Status == other.Status && EqualityComparer<T?>.Default.Equals(value, other.value);

    public override bool Equals(object? obj) => obj is StoreResult<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Status, value);

    public static bool operator ==(StoreResult<T> left, StoreResult<T> right) => left.Equals(right);

    public static bool operator !=(StoreResult<T> left, StoreResult<T> right) => !left.Equals(right);

    public override string ToString() => IsSuccess ? $"Success: {value}" : Status.ToString();
}
