using CreditAlt.Core.Applications;
using static CreditAlt.Core.Tests.TestApplications;

namespace CreditAlt.Core.Tests.Applications;

public sealed class ApplicationValidatorTests
{
    [Fact]
    public void Validate_WorkedApplication_HasNoProblems()
    {
        Assert.Empty(ApplicationValidator.Validate(Worked()));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEachWithItsPath()
    {
        var app = Make("2026-06-30",
        [
            new("R1", ObligationType.Rent, "Landlord", -5m,
            [
                Paid("2026-05-01", "2026-05-01", 1000m),
                Paid("2026-05-20", "2026-05-20", 1000m),          // second record in May
                Paid("2026-06-01", "2026-07-02", 1000m),          // paid after the as-of date
                new(D("1989-12-01"), 1000m, null, 0m),             // before 1990
                new(D("2026-04-01"), 1000m, null, 2_000_000m),     // absurd amount, and paid without a date
            ]),
            new("R1", (ObligationType)42, "", 10m, []),
        ]) with { RequestedAmount = 0m };

        var problems = ApplicationValidator.Validate(app);

        Assert.Equal(
        [
            "requestedAmount",
            "obligations[0].monthlyAmount",
            "obligations[0].payments[1].dueDate",
            "obligations[0].payments[2].paidDate",
            "obligations[0].payments[3].dueDate",
            "obligations[0].payments[4].amountPaid",
            "obligations[0].payments[4].paidDate",
            "obligations[1].accountId",
            "obligations[1].type",
            "obligations[1].furnisher",
        ], problems.Select(p => p.Path));
        Assert.Equal("a date on or before the as-of date 2026-06-30, got 2026-07-02", problems[3].Expected);
        Assert.Equal("a date on or after 1990-01-01, got 1989-12-01", problems[4].Expected);
    }

    [Fact]
    public void Validate_TooManyAccountsAndRecords_NamesTheLimit()
    {
        var payments = Enumerable.Range(0, ApplicationLimits.MaxPaymentsPerAccount + 1)
            .Select(i => new PaymentRecord(new DateOnly(2010, 1, 1).AddMonths(i), 10m, null, 0m)).ToArray();
        var accounts = Enumerable.Range(0, ApplicationLimits.MaxAccounts + 1)
            .Select(i => new ObligationAccount($"A{i}", ObligationType.Utility, "Power", 10m, i == 0 ? payments : [])).ToArray();

        var problems = ApplicationValidator.Validate(Make("2026-06-30", accounts));

        Assert.Contains(problems, p => p.Path == "obligations" && p.Expected == "at most 20 accounts, got 21");
        Assert.Contains(problems, p => p.Path == "obligations[0].payments" && p.Expected == "at most 120 payment records, got 121");
    }

    [Fact]
    public void Validate_DuplicateCashFlowMonth_IsNamed()
    {
        var app = Worked();
        app = app with { CashFlow = [.. app.CashFlow, app.CashFlow[0]] };

        var problem = Assert.Single(ApplicationValidator.Validate(app));

        Assert.Equal("cashFlow[6].month", problem.Path);
        Assert.Equal("each month once; 2026-01 appears twice", problem.Expected);
    }
}
