namespace CreditAlt.Notices;

/// <summary>Who the creditor is, for the adverse action notice (Regulation B §1002.9, FCRA §615).</summary>
public sealed class NoticeOptions
{
    /// <value>CreditAlt Demonstration Lender</value>
    public string CreditorName { get; set; } = "CreditAlt Demonstration Lender";

    /// <value>100 Example Street, Springfield, ST 00000</value>
    public string CreditorAddress { get; set; } = "100 Example Street, Springfield, ST 00000";

    /// <summary>Where applicants ask for detail or dispute an item.</summary>
    /// <value>notices@lender.example</value>
    public string ContactEmail { get; set; } = "notices@lender.example";

    /// <value>1-800-555-0100</value>
    public string ContactPhone { get; set; } = "1-800-555-0100";

    /// <summary>The federal agency that administers ECOA compliance for this creditor (Regulation B, appendix A).</summary>
    /// <value>Consumer Financial Protection Bureau, 1700 G Street NW, Washington, DC 20552</value>
    public string AgencyNameAndAddress { get; set; } = "Consumer Financial Protection Bureau, 1700 G Street NW, Washington, DC 20552";
}
