using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>The SMB1 multi-protocol negotiate (3.2.4.2.2.1) sent raw by a caller, and its SMB2 answer taken as the negotiated state.</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Takes <paramref name="answer"/>, the SMB2 NEGOTIATE Response a server gave to an SMB_COM_NEGOTIATE the
    /// caller sent with <see cref="SendRawAsync"/>, as the negotiated state (3.2.5.2), as <see cref="NegotiateAsync(NegotiateRequest, CancellationToken)"/>
    /// does for an SMB2 NEGOTIATE: a 0x0202 answer ("SMB 2.002" alone) negotiates 2.0.2 on the spot, a 0x02FF
    /// one leaves the dialect Unknown until the SMB2 NEGOTIATE. The SMB1 request counted as MessageId 0
    /// (3.2.5.2), so that id leaves the window here; the answer's credits were granted when it arrived.
    /// </summary>
    public void AcceptMultiProtocolAnswer(NegotiateResponse answer)
    {
        SequenceWindow.TakeExact(0, 1);
        Apply(new NegotiateRequest { SecurityMode = SecurityMode.SigningEnabled, ClientGuid = ClientGuid, Dialects = [answer.DialectRevision] }, answer, [], []);
    }
}
