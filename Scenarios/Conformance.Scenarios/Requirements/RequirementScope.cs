namespace Conformance.Scenarios.Requirements;

/// <summary>The clauses whose normative statements the catalog lists.</summary>
public static class RequirementScope
{
    /// <summary>Clauses of MS-SMB2.txt (2.0.2-3.0.2) catalogued statement by statement.</summary>
    public static IReadOnlyList<string> BaseClauses { get; } =
    [
        "3.3.1.2", "3.3.4.1.1", "3.3.4.1.2", "3.3.4.1.4", "3.3.5.1",
        "3.3.5.2", "3.3.5.2.1", "3.3.5.2.2", "3.3.5.2.3", "3.3.5.2.4", "3.3.5.2.5", "3.3.5.2.6",
        "3.3.5.2.7", "3.3.5.2.7.1", "3.3.5.2.7.2", "3.3.5.2.8", "3.3.5.2.9", "3.3.5.2.10", "3.3.5.2.11",
        "3.3.5.3", "3.3.5.3.1", "3.3.5.3.2", "3.3.5.4", "3.3.5.5", "3.3.5.5.1", "3.3.5.5.3", "3.3.5.15.12",
        // oplocks
        "2.2.23.1", "2.2.24.1", "2.2.25.1", "3.3.2.1", "3.3.4.6", "3.3.5.22", "3.3.5.22.1", "3.3.6.1",
        // lease epochs
        "2.2.13.2.8", "2.2.13.2.10", "2.2.14.2.10", "2.2.14.2.11", "2.2.23.2", "2.2.24.2", "2.2.25.2", "3.3.1.11", "3.3.1.12",
        "3.3.4.7", "3.3.5.9.8", "3.3.5.9.11", "3.3.5.22.2",
        // async requests and CANCEL
        "2.2.30", "3.3.5.16",
        // durable reconnect
        "2.2.13.2.3", "2.2.13.2.11", "2.2.13.2.12", "2.2.13.2.13", "2.2.14.2.3", "2.2.14.2.12",
        "3.3.5.9.6", "3.3.5.9.7", "3.3.5.9.10", "3.3.5.9.12", "3.3.5.9.13", "3.3.5.15.9", "3.3.2.2", "3.3.2.4", "3.3.6.2", "3.3.6.4",
        // session binding (3.3.1.14, Per Channel, holds no normative statement)
        "3.3.5.15.11", "2.2.32.5", "2.2.32.5.1",
    ];

    /// <summary>
    /// Clauses of MS-SMB2.txt of which only some statements are catalogued, by base ordinal: the ones a
    /// family in scope depends on. The rest of the clause belongs to a family not yet written, and is
    /// neither counted nor listed. CREATE (3.3.5.9): the oplock requests of its open phase and its
    /// oplock and lease acquisition. Loss of a connection (3.3.7.1): which opens are preserved, and how.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> PartialClauses { get; } = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal)
    {
        ["3.3.5.9"] = [39, 40, 71, 72, 73, 74, 75, 76, 77, 78],
        // 1-5: session binding, the loss of one channel of a multichannel session.
        ["3.3.7.1"] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
        // replay: the header fields of a replay (ChannelSequence's Reserved, the 2.x Status, the REPLAY flag) and 3.3.4.1's outstanding counts
        ["2.2.1.1"] = [10],
        ["2.2.1.2"] = [5, 6, 11],
        ["3.3.4.1"] = [3, 4],
        // replay of LOCK: the lock sequence of 3.3.5.14 and its recording after unlocks and locks
        ["3.3.5.14"] = [7, 8, 9, 10, 11, 12],
        ["3.3.5.14.1"] = [7, 8, 9, 10],
        ["3.3.5.14.2"] = [13, 14, 15, 16],
    };

    /// <summary>Clauses that exist only in the current MS-SMB2 (3.1.1 negotiate contexts).</summary>
    public static IReadOnlyList<string> CurrentOnlyClauses { get; } =
    [
        "2.2.3.1", "2.2.3.1.1", "2.2.3.1.2", "2.2.3.1.7", "2.2.4.1.1", "2.2.4.1.2", "2.2.4.1.7",
    ];

    public static IReadOnlyList<string> AllClauses { get; } = [.. BaseClauses, .. PartialClauses.Keys, .. CurrentOnlyClauses];
}
