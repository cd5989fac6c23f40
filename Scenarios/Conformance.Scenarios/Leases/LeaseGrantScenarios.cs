using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;
using static Conformance.Scenarios.Steps.LeaseSteps;

namespace Conformance.Scenarios.Leases;

/// <summary>
/// The grant table of 3.3.5.9.8 (v1) and 3.3.5.9.11 (v2): the only open of a new file or directory
/// asks for each combination of R, W and H, and the object store grants the valid ones whole (MS-FSA
/// 2.1.5.17.2: R, RW, RH, RWH on a file; R, RH on a directory, whose write caching 3.3.5.9.11 clears
/// first); H, W and WH alone are not lease states and get NONE. Each answer is checked as the
/// response context of the request's version: LeaseKey, LeaseState, no BREAK_IN_PROGRESS, a zero
/// LeaseDuration, and for v2 the Epoch (the request's + 1 when something is granted, else unchanged).
/// </summary>
public static class LeaseGrantScenarios
{
    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for NONE is granted NONE")]
    public static Task NothingAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, LeaseState.None, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for R is granted R")]
    public static Task RAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, R, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for H is granted NONE")]
    public static Task HAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, H, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for W is granted NONE")]
    public static Task WAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, W, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for RH is granted RH")]
    public static Task RHAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, RH, RH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for RW is granted RW")]
    public static Task RWAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, RW, RW);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for WH is granted NONE")]
    public static Task HWAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, HW, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "2.1, v1: the only open of a new file asking for RWH is granted RWH")]
    public static Task RWHAskedV1At210(ScenarioContext context) => GrantedAsync(context, 1, Dialect.Smb210, RWH, RWH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for NONE is granted NONE")]
    public static Task NothingAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, LeaseState.None, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for R is granted R")]
    public static Task RAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, R, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for H is granted NONE")]
    public static Task HAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, H, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for W is granted NONE")]
    public static Task WAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, W, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for RH is granted RH")]
    public static Task RHAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, RH, RH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for RW is granted RW")]
    public static Task RWAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, RW, RW);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for WH is granted NONE")]
    public static Task HWAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, HW, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.8", "2.2.14.2.10", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#74", "3.3.1.12#01", "3.3.5.9.8#05", "3.3.5.9.8#09", "3.3.5.9.8#22", "3.3.5.9.8#18", "3.3.5.9.8#19", "3.3.5.9.8#21", "3.3.5.9.8#23", "3.3.5.9.8#24", "3.3.5.9.8#25", "2.2.14.2.10#01", "2.2.14.2.10#02", "2.2.14.2.10#03", "2.2.14.2.10#04", "2.2.14.2.10#05"], Title = "3.x, v1: the only open of a new file asking for RWH is granted RWH")]
    public static Task RWHAskedV1At3x(ScenarioContext context) => GrantedAsync(context, 1, null, RWH, RWH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for NONE is granted NONE")]
    public static Task NothingAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, LeaseState.None, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for R is granted R")]
    public static Task RAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, R, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for H is granted NONE")]
    public static Task HAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, H, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for W is granted NONE")]
    public static Task WAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, W, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for RH is granted RH")]
    public static Task RHAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, RH, RH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for RW is granted RW")]
    public static Task RWAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, RW, RW);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for WH is granted NONE")]
    public static Task HWAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, HW, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06"], Title = "3.x, v2: the only open of a new file asking for RWH is granted RWH")]
    public static Task RWHAskedV2(ScenarioContext context) => GrantedAsync(context, 2, null, RWH, RWH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for NONE is granted NONE (no write caching on a directory)")]
    public static Task NothingAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, LeaseState.None, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for R is granted R (no write caching on a directory)")]
    public static Task RAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, R, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for H is granted NONE (no write caching on a directory)")]
    public static Task HAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, H, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for W is granted NONE (no write caching on a directory)")]
    public static Task WAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, W, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for RH is granted RH (no write caching on a directory)")]
    public static Task RHAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, RH, RH);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for RW is granted R (no write caching on a directory)")]
    public static Task RWAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, RW, R);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for WH is granted NONE (no write caching on a directory)")]
    public static Task HWAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, HW, LeaseState.None);

    [Scenario(ScenarioFamily.LeaseEpochs, "3.3.5.9.11", "2.2.14.2.11", "3.3.5.9", "3.3.1.12", Requirements = ["3.3.5.9#72", "3.3.5.9#75", "3.3.1.12#01", "3.3.5.9.11#05", "3.3.5.9.11#09", "3.3.5.9.11#24", "3.3.5.9.11#19", "3.3.5.9.11#20", "3.3.5.9.11#21", "3.3.5.9.11#23", "3.3.5.9.11#25", "3.3.5.9.11#26", "3.3.5.9.11#28", "3.3.5.9.11#29", "2.2.14.2.11#01", "2.2.14.2.11#02", "2.2.14.2.11#03", "2.2.14.2.11#04", "2.2.14.2.11#05", "2.2.14.2.11#06", "3.3.5.9.11#16"], Title = "3.x, v2, directory: a new directory's only open asking for RWH is granted RH (no write caching on a directory)")]
    public static Task RWHAskedForADirectory(ScenarioContext context) => DirectoryGrantedAsync(context, RWH, RH);

    private static async Task GrantedAsync(ScenarioContext context, int version, Dialect? dialect, LeaseState asked, LeaseState expected)
    {
        var client = await ClientAsync(context, version, dialect);
        var key = Guid.NewGuid();
        var created = await client.Connection.CreateAsync(client.Tree, Request(context.ScratchPath($"grant-{Name(asked)}"), Context(version, key, asked), CreateDisposition.FileCreate),
            context.CancellationToken);
        CheckGrant(context, version, client.Connection.Dialect, key, asked, expected, context.CheckBody(version == 1 ? "3.3.5.9.8" : "3.3.5.9.11", "CREATE Response", created.Response), "file");
    }

    private static async Task DirectoryGrantedAsync(ScenarioContext context, LeaseState asked, LeaseState expected)
    {
        var client = await DirectoryLeasingClientAsync(context);
        var key = Guid.NewGuid();
        var created = await client.Connection.CreateAsync(client.Tree, DirectoryRequest(context.ScratchPath($"grant-dir-{Name(asked)}"), Context(2, key, asked), CreateDisposition.FileCreate),
            context.CancellationToken);
        CheckGrant(context, 2, client.Connection.Dialect, key, asked, expected, context.CheckBody("3.3.5.9.11", "CREATE Response for a new directory", created.Response), "directory");
    }

    private static void CheckGrant(ScenarioContext context, int version, Dialect? dialect, Guid key, LeaseState asked, LeaseState expected, CreateResponse response, string what)
    {
        var clause = version == 1 ? "3.3.5.9.8" : "3.3.5.9.11";
        var subject = $"v{version} lease asked {Name(asked)} at {dialect?.ToDisplayString()} by the only open of a new {what}";
        var grant = ExpectGrant(context, clause, version == 1 ? "3.3.5.9.8#21" : "3.3.5.9.11#23", subject, response);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#25" : "3.3.5.9.11#29", $"OplockLevel of the CREATE Response ({subject})", OplockLevel.Lease, response.OplockLevel);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#21" : "3.3.5.9.11#23", $"version of the response lease context ({subject})", version, grant.Version);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#23" : "3.3.5.9.11#25", $"LeaseKey of the response ({subject})", key, grant.LeaseKey);
        context.CheckEqual(clause, version == 1 ? "3.3.5.9.8#24" : "3.3.5.9.11#26", $"LeaseState of the response ({subject})", expected, grant.LeaseState, Name);
        var table = version == 1 ? "2.2.14.2.10" : "2.2.14.2.11";
        context.CheckEqual(table, $"{table}#02", $"undefined LeaseState bits of the response ({subject})", LeaseState.None, grant.LeaseState & ~RWH, Name);
        context.CheckEqual(table, $"{table}#05", $"LeaseDuration of the response ({subject})", 0UL, grant.LeaseDuration);
        context.CheckEqual(table, $"{table}#03", $"Flags of the response ({subject}: no break under way, no parent asked)", LeaseFlags.None, grant.Flags);
        context.CheckEqual("3.3.1.12", "3.3.1.12#01", $"undefined bits of the lease's state ({subject})", LeaseState.None, grant.LeaseState & ~RWH, Name);
        if (version == 2 && grant.Reserved != 0)
        {
            context.Observe($"the response's Reserved field is 0x{grant.Reserved:X4} (2.2.14.2.11 says the server SHOULD set 0)");
        }
        if (version == 2)
        {
            // The request's Epoch is 0: our text's new lease starts at 0 and the grant adds 1 (3.3.5.9.11); nothing granted adds nothing.
            var epoch = expected == LeaseState.None ? (ushort)0 : (ushort)1;
            context.CheckEqual(clause, "3.3.5.9.11#28", $"Epoch of the response ({subject}, the request's Epoch 0)", epoch, grant.Epoch);
        }
    }
}
