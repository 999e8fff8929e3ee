using CreditAlt.Data.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace CreditAlt.Data.Tests.Hosting;

public sealed class DataServiceCollectionTests
{
    [Fact]
    public async Task AddCreditAltData_OptionsSetAfterRegistration_DatabaseBuiltFromThemOnFirstResolve()
    {
        var dir = Path.Combine(Path.GetTempPath(), "creditalt-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>();
        var calls = 0;
        var services = new ServiceCollection();
        services.AddCreditAltData(o =>
        {
            calls++;
            o.Database = settings["db"];
            o.Ledger.MaxBatch = 17;
        });
        settings["db"] = "sqlite:" + Path.Combine(dir, "late.db"); // bound after AddCreditAltData, as configuration often is
        var time = new FixedTime(TestData.T0);
        services.AddSingleton<TimeProvider>(time);

        await using var provider = services.BuildServiceProvider();
        Assert.Equal(0, calls);
        var db = provider.GetRequiredService<CreditAltDatabase>();

        Assert.Equal((1, DatabaseEngine.Sqlite, $"Data Source={Path.Combine(dir, "late.db")}", 17), (calls, db.Target.Engine, db.Target.ConnectionString, db.Options.Ledger.MaxBatch));
        Assert.Same(time, db.Time);
        Assert.Same(db, provider.GetRequiredService<CreditAltDatabase>());
        Assert.Same(db.Options, provider.GetRequiredService<CreditAltDataOptions>());
    }

    [Fact]
    public async Task AddCreditAltData_ConfigureWithProvider_ReadsAServiceRegisteredLater()
    {
        var services = new ServiceCollection();
        services.AddCreditAltData((o, sp) => o.Database = sp.GetRequiredService<DatabaseSetting>().Text);
        services.AddSingleton(new DatabaseSetting("sqlite:" + Path.Combine(Path.GetTempPath(), "creditalt-tests", Guid.NewGuid().ToString("N"), "x.db")));

        await using var provider = services.BuildServiceProvider();
        var db = provider.GetRequiredService<CreditAltDatabase>();

        Assert.Equal(StorageTarget.Parse(provider.GetRequiredService<DatabaseSetting>().Text), db.Target);
        Assert.Same(TimeProvider.System, db.Time);
    }

    private sealed record DatabaseSetting(string Text);
}
