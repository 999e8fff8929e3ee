using CreditAlt.Core.Attributes;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Modeling.Tests.Training;

public sealed class NumericTableTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "creditalt-table-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_QuotedFieldsBlanksAndTextColumns_ParsesNumbersSkipsText()
    {
        File.WriteAllText(_path, "\"x\",\"name\",\"y\",\"Class\"\n1,\"a, b\",,Bad\n2,c,5,Good\n3,d,7,Good\n");
        var table = NumericTable.Read(_path, "Class", "Bad", []);
        Assert.Equal(["x", "y"], table.Columns);
        Assert.Equal(["name"], table.SkippedColumns);
        Assert.Equal([true, false, false], table.IsBad);
        Assert.True(double.IsNaN(table.Values[1][0]));
        // x rises with goods, so larger x is safer: LowerIsRiskier.
        Assert.Equal(RiskDirection.LowerIsRiskier, TableTraining.InferCandidates(table)[0].Direction);
    }

    [Fact]
    public void Read_RowWithTooFewFields_NamesFileAndLine()
    {
        File.WriteAllText(_path, "x,Class\n1,Bad\n2\n");
        var ex = Assert.Throws<InvalidDataException>(() => NumericTable.Read(_path, "Class", "Bad", []));
        Assert.Equal($"{Path.GetFileName(_path)}, line 3: expected 2 fields, found 1.", ex.Message);
    }

    [Fact]
    public void Read_QuotedFieldOverTwoLines_IsOneField()
    {
        File.WriteAllText(_path, "x,note,Class\r\n1,\"two\r\nlines\",Bad\r\n2,,Good\r\n");
        var table = NumericTable.Read(_path, "Class", "Bad", []);
        Assert.Equal([true, false], table.IsBad);
        Assert.Equal(["note"], table.SkippedColumns);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesFileLineAndColumn()
    {
        File.WriteAllText(_path, "x,Class\n1,Bad\n2,\"Good\n");
        var ex = Assert.Throws<InvalidDataException>(() => NumericTable.Read(_path, "Class", "Bad", []));
        Assert.Equal($"{Path.GetFileName(_path)}, line 3, column 2 (Class): expected a closing quote before the end of the file", ex.Message);
    }

    [Fact]
    public void Read_UnknownTarget_ListsColumns()
    {
        File.WriteAllText(_path, "x,Class\n1,Bad\n");
        var ex = Assert.Throws<InvalidDataException>(() => NumericTable.Read(_path, "Outcome", "Bad", []));
        Assert.Equal($"{Path.GetFileName(_path)}, line 1: no column 'Outcome' (the --target column); columns are x, Class.", ex.Message);
    }

    [Fact]
    public void AssignFolds_Stratified_EachFoldGetsItsShareOfBads()
    {
        var bad = Enumerable.Range(0, 100).Select(i => i < 30).ToArray();
        var folds = TableTraining.AssignFolds(bad, 5, 7);
        for (var f = 0; f < 5; f++)
        {
            Assert.Equal(20, folds.Count(x => x == f));
            Assert.Equal(6, Enumerable.Range(0, 100).Count(i => folds[i] == f && bad[i]));
        }
    }
}
