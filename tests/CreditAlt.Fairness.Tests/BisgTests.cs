using CreditAlt.Fairness.Proxies;

namespace CreditAlt.Fairness.Tests;

public sealed class BisgTests
{
    // Groups white, black, hispanic. Surnames (percent): SMITH 70/20/10; GARCIA 5/(S)/90, so the suppressed cell
    // gets the 5 left of 100. Geography counts: G1 800/100/100, G2 200/300/500; totals 1000/400/600 of 2000.
    private static Bisg Model() => Bisg.Create(
        ["white", "black", "hispanic"],
        new Dictionary<string, double[]> { ["Smith"] = [70, 20, 10], ["GARCIA"] = [5, double.NaN, 90] },
        new Dictionary<string, double[]> { ["G1"] = [800, 100, 100], ["G2"] = [200, 300, 500] });

    [Fact]
    public void Posterior_SmithInG1_MatchesHandComputation()
    {
        // P(G1|r) = 0.8, 0.25, 1/6; 0.7·0.8 : 0.2·0.25 : 0.1/6 = 168 : 15 : 5 (×300), sum 188.
        var p = Model().Posterior("smith ", "G1");
        Close.Equal(168.0 / 188, p[0]);
        Close.Equal(15.0 / 188, p[1]);
        Close.Equal(5.0 / 188, p[2]);
    }

    [Fact]
    public void Posterior_GarciaInG2_SharesSuppressedCellAndMatchesHand()
    {
        // 0.05·0.2 : 0.05·0.75 : 0.9·5/6 = 0.01 : 0.0375 : 0.75 = 4 : 15 : 300 of 319.
        var p = Model().Posterior("Garcia", "G2");
        Close.Equal(4.0 / 319, p[0]);
        Close.Equal(15.0 / 319, p[1]);
        Close.Equal(300.0 / 319, p[2]);
    }

    [Fact]
    public void Posterior_UnknownSurname_UsesPopulationShares()
    {
        // Prior 0.5/0.2/0.3 times P(G2|r) 0.2/0.75/(5/6) = 0.1 : 0.15 : 0.25.
        var p = Model().Posterior("Jones", "G2");
        Close.Equal(0.2, p[0]);
        Close.Equal(0.3, p[1]);
        Close.Equal(0.5, p[2]);
    }

    [Fact]
    public void Posterior_UnknownGeography_KeepsSurnameProbabilities()
    {
        var p = Model().Posterior("SMITH", "G9");
        Close.Equal(0.7, p[0]);
        Close.Equal(0.2, p[1]);
        Close.Equal(0.1, p[2]);
    }

    [Fact]
    public void Load_CensusLayoutFiles_GivesSamePosterior()
    {
        var dir = Directory.CreateTempSubdirectory("bisg");
        var surnames = Path.Combine(dir.FullName, "surnames.csv");
        var geography = Path.Combine(dir.FullName, "geo.csv");
        File.WriteAllText(surnames, "name,rank,count,pctwhite,pctblack,pcthispanic\nSMITH,1,2442977,70,20,10\nGARCIA,6,1166120,5,(S),90\n");
        File.WriteAllText(geography, "geoid,white,black,hispanic,total\nG1,800,100,100,1000\nG2,200,300,500,1000\n");
        var model = Bisg.Load(surnames, geography);
        Assert.Equal(["white", "black", "hispanic"], model.Groups);
        var p = model.Posterior("Garcia", "G2");
        Close.Equal(300.0 / 319, p[2]);
    }

    [Fact]
    public void Load_GeographyWithoutGroupColumn_NamesFileAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("bisg");
        var surnames = Path.Combine(dir.FullName, "surnames.csv");
        var geography = Path.Combine(dir.FullName, "geo.csv");
        File.WriteAllText(surnames, "name,pctwhite,pctblack\nSMITH,70,30\n");
        File.WriteAllText(geography, "geoid,white\nG1,800\n");
        var ex = Assert.Throws<FairnessInputException>(() => Bisg.Load(surnames, geography));
        Assert.Equal($"{geography}: no count column 'black' (the surname file has groups white, black; columns: geoid, white)", ex.Message);
    }
}
