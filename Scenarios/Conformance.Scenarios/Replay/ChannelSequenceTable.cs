namespace Conformance.Scenarios.Replay;

/// <summary>
/// One row of the ChannelSequence table: the open's ChannelSequence before the request and the
/// request's. What the server must do follows from the 16-bit rule of 3.3.5.2.10 alone, so the
/// expectation is computed, not written down.
/// </summary>
public sealed record ChannelSequenceRow(string Name, ushort OpenSequence, ushort RequestSequence)
{
    /// <summary>The unsigned 16-bit difference between the request's ChannelSequence and the open's.</summary>
    public ushort Difference => (ushort)(RequestSequence - OpenSequence);

    /// <summary>Equal to the open's, or newer (a difference of at most 0x7FFF): the request is of the open's epoch or moves it on.</summary>
    public bool IsCurrentOrNewer => Difference <= 0x7FFF;

    /// <summary>Newer than the open's: the open adopts it.</summary>
    public bool IsNewer => Difference is > 0 and <= 0x7FFF;

    public override string ToString() => $"{Name} (open 0x{OpenSequence:X4}, request 0x{RequestSequence:X4}, difference 0x{Difference:X4})";
}

/// <summary>The rows every ChannelSequence table scenario iterates: each side of 0x7FFF, and the wrap-around at 0xFFFF.</summary>
public static class ChannelSequenceTable
{
    public static IReadOnlyList<ChannelSequenceRow> Rows { get; } =
    [
        new("equal", 0, 0),
        new("+1", 0, 1),
        new("+0x7FFF, the newest still newer", 0, 0x7FFF),
        new("+0x8000, one too far", 0, 0x8000),
        new("+0xFFFF, one older", 0, 0xFFFF),
        new("wrap-around from 0xFFFF to 0x0000", 0xFFFF, 0x0000),
        new("wrap-around from 0xFFFF to 0x7FFE (+0x7FFF)", 0xFFFF, 0x7FFE),
        new("wrap-around from 0xFFFF to 0x7FFF (+0x8000)", 0xFFFF, 0x7FFF),
        new("older by 1", 5, 4),
        new("older by 0x7FFF", 0x7FFF, 0x0000),
    ];
}
