using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

public sealed class ScorecardJsonTests
{
    [Fact]
    public void Serialize_RoundTrip_GivesSameBytesAndScores()
    {
        var model = TestScorecards.Model();
        var json = ScorecardJson.Serialize(model);
        var loaded = ScorecardJson.Deserialize(json);
        Assert.Equal(json, ScorecardJson.Serialize(loaded));
        Assert.Equal(model.Score([0.9, 2, 100]), loaded.Score([0.9, 2, 100]));
        Assert.Equal(model.Score([double.NaN, -1, 501]), loaded.Score([double.NaN, -1, 501]));
        Assert.Contains("\"direction\": \"higherIsRiskier\"", json, StringComparison.Ordinal);
        Assert.Contains("\"approveAt\": 600", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_WrongFormat_NamesThePath()
    {
        var json = ScorecardJson.Serialize(TestScorecards.Model()).Replace("creditalt-scorecard/1", "other", StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidDataException>(() => ScorecardJson.Deserialize(json));
        Assert.Contains("$.format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_BadPointsType_NamesThePath()
    {
        var json = ScorecardJson.Serialize(TestScorecards.Model()).Replace("\"basePoints\": 500", "\"basePoints\": \"x\"", StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidDataException>(() => ScorecardJson.Deserialize(json));
        Assert.Contains("$.basePoints", ex.Message, StringComparison.Ordinal);
    }
}
