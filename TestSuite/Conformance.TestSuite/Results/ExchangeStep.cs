namespace Conformance.TestSuite.Results;

/// <summary>One request and what answered it ("C Negotiate MID=0 → R Negotiate STATUS_SUCCESS"), or one frame nothing paired.</summary>
public sealed record ExchangeStep(string Name, DateTimeOffset Start, DateTimeOffset Stop);
