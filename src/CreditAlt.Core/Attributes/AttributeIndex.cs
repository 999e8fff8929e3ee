namespace CreditAlt.Core.Attributes;

/// <summary>
/// Positions in the attribute vector, in catalogue order. A test checks each against
/// <see cref="AttributeCatalogue.IndexOf"/>, so the two cannot drift apart.
/// </summary>
public static class AttributeIndex
{
    public const int RentOnTimeShare12m = 0;
    public const int RentOnTimeShare24m = 1;
    public const int RentLate30Count12m = 2;
    public const int RentLate60Count24m = 3;
    public const int RentMonthsSinceLate30 = 4;
    public const int RentLongestOnTimeStreak = 5;
    public const int RentMonthsHistory = 6;
    public const int UtilityOnTimeShare12m = 7;
    public const int UtilityOnTimeShare24m = 8;
    public const int UtilityLate30Count12m = 9;
    public const int UtilityMonthsHistory = 10;
    public const int TelecomOnTimeShare12m = 11;
    public const int TelecomOnTimeShare24m = 12;
    public const int TelecomLate30Count12m = 13;
    public const int TelecomMonthsHistory = 14;
    public const int ChildcareOnTimeShare12m = 15;
    public const int ChildcareLate30Count12m = 16;
    public const int ChildcareMonthsHistory = 17;
    public const int AllLate30Count12m = 18;
    public const int AllLate60Count24m = 19;
    public const int AllLate90Count24m = 20;
    public const int AllMonthsSinceLate30 = 21;
    public const int AllLongestOnTimeStreak = 22;
    public const int AllPartialShare12m = 23;
    public const int AllMissedCount24m = 24;
    public const int AllMonthsHistory = 25;
    public const int ObligationTypeCount = 26;
    public const int CashFlowObligationBurden = 27;
    public const int CashFlowInflowCv12m = 28;
    public const int CashFlowNsfCount12m = 29;
    public const int CashFlowLowestBalance6m = 30;
    public const int CashFlowNegativeMonths12m = 31;
    public const int CashFlowNetFlowRatio12m = 32;
    public const int CashFlowMonths = 33;
    public const int CashFlowIncomeStability6m = 34;
    public const int CashFlowResidualIncomeRatio = 35;

    public const int Count = 36;
}
