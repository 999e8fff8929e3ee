using System.Text;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Parsing;

public sealed class ReaderTests
{
    private static TransactionSet ReadSample(string file, TransactionFormat format)
    {
        using var stream = File.OpenRead(RepoRoot.Sample(file));
        return TransactionReader.Read(stream, format, file);
    }

    private static TransactionSet ReadText(string text, TransactionFormat format) =>
        TransactionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, "body");

    private static TransactionFormatException Fails(string text, TransactionFormat format) =>
        Assert.Throws<TransactionFormatException>(() => ReadText(text, format));

    [Fact]
    public void Fdx_Sample_KeepsPostedAndIgnoresPendingMemoAndDuplicate()
    {
        var set = ReadSample("fdx.json", TransactionFormat.Fdx);

        Assert.Equal(["CHK-1", "SAV-1"], set.Accounts.Select(a => a.AccountId));
        Assert.Equal(9810.45m, set.Accounts[0].CurrentBalance);
        Assert.Equal(64, set.Transactions.Count);
        Assert.Equal(3, set.Ignored.Count);
        Assert.Contains(set.Ignored, i => i.Reason.StartsWith("status PENDING", StringComparison.Ordinal));
        Assert.Contains(set.Ignored, i => i.Reason.StartsWith("debitCreditMemo MEMO", StringComparison.Ordinal));
        Assert.Contains(set.Ignored, i => i.Reason.StartsWith("duplicate transactionId", StringComparison.Ordinal));
        var rent = set.Transactions.First(t => t.Description.StartsWith("MAPLE COURT", StringComparison.Ordinal));
        Assert.Equal(-1450.00m, rent.Amount);
        Assert.Equal(new DateOnly(2026, 1, 1), rent.Date);
        Assert.Equal("$.transactions[1].depositTransaction", rent.Location);
        Assert.Equal(4900, set.Transactions.First(t => t.Description.StartsWith("METRO POWER", StringComparison.Ordinal)).Mcc);
    }

    [Fact]
    public void ThreeFormats_SameSample_SameTransactions()
    {
        var fdx = ReadSample("fdx.json", TransactionFormat.Fdx).Transactions;
        var plaid = ReadSample("plaid.json", TransactionFormat.Plaid).Transactions;
        var csv = ReadSample("bank.csv", TransactionFormat.Csv).Transactions;

        static string Key(BankTransaction t) => $"{t.AccountId}|{t.Date:yyyy-MM-dd}|{t.Amount:F2}|{t.Description}";
        Assert.Equal(fdx.Select(Key), plaid.Select(Key));
        Assert.Equal(fdx.Select(Key), csv.Select(Key));
        Assert.Equal(3809.13m, csv[0].Balance);
        Assert.True(plaid.First(t => t.ProviderCategory == "RENT_AND_UTILITIES_RENT").ProviderCategoryTrusted);
    }

    [Fact]
    public void Plaid_PositiveAmount_IsMoneyOut()
    {
        var set = ReadText("""
            {"accounts":[{"account_id":"a","type":"depository","balances":{"current":10}}],
             "transactions":[{"transaction_id":"t1","account_id":"a","date":"2026-05-01","name":"RENT","amount":12.5,"iso_currency_code":"USD","pending":false,
                              "personal_finance_category":{"primary":"RENT_AND_UTILITIES","detailed":"RENT_AND_UTILITIES_RENT","confidence_level":"LOW"}}]}
            """, TransactionFormat.Plaid);

        Assert.Equal(-12.5m, set.Transactions[0].Amount);
        Assert.False(set.Transactions[0].ProviderCategoryTrusted);
    }

    [Fact]
    public void Fdx_NegativeAmount_NamedByJsonPath()
    {
        var ex = Fails("""
            {"accounts":[{"accountId":"a"}],"transactions":[{"depositTransaction":{"accountId":"a","transactionId":"t","postedTimestamp":"2026-05-01T00:00:00Z","amount":-5,"debitCreditMemo":"DEBIT","status":"POSTED"}}]}
            """, TransactionFormat.Fdx);

        Assert.Equal("$.transactions[0].depositTransaction.amount", ex.Where);
        Assert.Equal("body, $.transactions[0].depositTransaction.amount: a positive amount (FDX amounts are absolute; debitCreditMemo gives the direction), got -5", ex.Message);
    }

    [Theory]
    [InlineData("""{"accounts":[{"accountId":"a"}],"transactions":[{"accountId":"b","transactionId":"t","postedTimestamp":"2026-05-01","amount":5,"debitCreditMemo":"DEBIT"}]}""",
        "$.transactions[0].accountId", "one of the accounts listed in $.accounts, got 'b'")]
    [InlineData("""{"accounts":[{"accountId":"a"}],"transactions":[{"accountId":"a","transactionId":"t","postedTimestamp":"2026-05-01","amount":5,"debitCreditMemo":"OUT"}]}""",
        "$.transactions[0].debitCreditMemo", "one of DEBIT, CREDIT, MEMO, got 'OUT'")]
    [InlineData("""{"accounts":[{"accountId":"a"}],"transactions":[{"accountId":"a","transactionId":"t","postedTimestamp":"May 1","amount":5,"debitCreditMemo":"DEBIT"}]}""",
        "$.transactions[0].postedTimestamp", "a date such as 2026-05-01 or a timestamp such as 2026-05-01T10:15:00Z, got the string 'May 1'")]
    [InlineData("""{"accounts":[{"accountId":"a"}],"transactions":[{"accountId":"a","transactionId":"t","postedTimestamp":"2026-05-01","amount":"5","debitCreditMemo":"DEBIT"}]}""",
        "$.transactions[0].amount", "a number such as 1234.56, got the string '5'")]
    [InlineData("""{"accounts":[{"accountId":"a"}],"transactions":[{"accountId":"a","transactionId":"t","postedTimestamp":"2026-05-01","amount":5.001,"debitCreditMemo":"DEBIT"}]}""",
        "$.transactions[0].amount", "an amount in cents (at most 2 decimals), got 5.001")]
    [InlineData("""{"accounts":[{"accountId":"a","currency":{"currencyCode":"EUR"}}],"transactions":[]}""",
        "$.accounts[0].currency", "USD (CreditAlt reads US-dollar accounts only), got 'EUR'")]
    [InlineData("""{"accounts":[],"transactions":{}}""", "$.transactions", "an array, got an object")]
    [InlineData("""[]""", "$", "an object with 'accounts' and 'transactions', got an array")]
    public void Fdx_BadInput_NamesPathAndExpectation(string json, string where, string expected)
    {
        var ex = Fails(json, TransactionFormat.Fdx);

        Assert.Equal(where, ex.Where);
        Assert.Equal(expected, ex.Expected);
    }

    [Fact]
    public void Plaid_OtherCurrency_Refused()
    {
        var ex = Fails("""
            {"accounts":[{"account_id":"a"}],"transactions":[{"transaction_id":"t","account_id":"a","date":"2026-05-01","name":"x","amount":1,"iso_currency_code":"CAD","pending":false}]}
            """, TransactionFormat.Plaid);

        Assert.Equal("$.transactions[0].iso_currency_code", ex.Where);
        Assert.Equal("USD (CreditAlt reads US-dollar accounts only), got 'CAD'", ex.Expected);
    }

    [Fact]
    public void Json_Malformed_NamedByLineAndColumn()
    {
        var ex = Fails("{\"accounts\": [],\n  \"transactions\": [,]}", TransactionFormat.Plaid);

        Assert.Equal("line 2, column 20", ex.Where);
        Assert.StartsWith("well-formed JSON (", ex.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date,account,description,amount,balance\n", "line 1", "the header row date,account_id,description,amount,balance, got 'date,account,description,amount,balance'")]
    [InlineData("date,account_id,description,amount,balance\n2026-05-01,a,RENT,\"-1,450.00\",\n", "line 2, column 4 (amount)",
        "a signed amount such as -1234.56 (negative = money out; digits, optionally '.' and 1 or 2 decimals), got '-1,450.00'")]
    [InlineData("date,account_id,description,amount,balance\n2026-05-01,a,RENT,-1.00,\n05/02/2026,a,RENT,-1.00,\n", "line 3, column 1 (date)", "a date such as 2026-05-01, got '05/02/2026'")]
    [InlineData("date,account_id,description,amount,balance\n2026-05-01,a,RENT,-1.00\n", "line 2, column 4 (amount)", "5 fields (date,account_id,description,amount,balance), got 4")]
    [InlineData("date,account_id,description,amount,balance\n2026-05-01,a,\"RENT,-1.00,\n", "line 2, column 3 (description)", "a closing quote before the end of the file")]
    [InlineData("", "line 1", "the header row date,account_id,description,amount,balance, got an empty file")]
    [InlineData("date;account_id;description;amount;balance\n", "line 1",
        "the header row date,account_id,description,amount,balance, got 'date;account_id;description;amount;balance'; the file is separated by semicolons (';'), the format by commas (',')")]
    [InlineData("date,account_id,description,amount,balance\n2026-05-01,a,\"RENT\"x,-1.00,\n", "line 2, column 3 (description)",
        "a comma or the end of the row after a closing quote, got '\"RENT\"x'")]
    public void Csv_BadRow_NamesLineAndColumn(string text, string where, string expected)
    {
        var ex = Fails(text, TransactionFormat.Csv);

        Assert.Equal(where, ex.Where);
        Assert.Equal(expected, ex.Expected);
    }

    [Fact]
    public void Csv_QuotedFieldsAndCrLf_Read()
    {
        var set = ReadText("date,account_id,description,amount,balance\r\n2026-05-01,a,\"OAK & PINE HOMES, LLC \"\"RENT\"\"\",-900.5,100.00\r\n\r\n2026-05-02,a,PAY,10,\r\n", TransactionFormat.Csv);

        Assert.Equal(2, set.Transactions.Count);
        Assert.Equal("OAK & PINE HOMES, LLC \"RENT\"", set.Transactions[0].Description);
        Assert.Equal(-900.5m, set.Transactions[0].Amount);
        Assert.Equal("line-2", set.Transactions[0].TransactionId);
        Assert.Equal("line-4", set.Transactions[1].TransactionId);
        Assert.Null(set.Transactions[1].Balance);
    }
}
