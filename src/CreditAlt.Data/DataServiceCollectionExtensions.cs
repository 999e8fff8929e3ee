using Microsoft.Extensions.DependencyInjection;

namespace CreditAlt.Data;

/// <summary>DI registration for hosts that use it (the API); the CLI creates <see cref="CreditAltDatabase"/> directly.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CreditAltDatabase"/> (singleton: it owns the ledger's group-commit writer) built
    /// from <paramref name="configure"/> and the registered <see cref="TimeProvider"/> (system clock if none).
    /// </summary>
    public static IServiceCollection AddCreditAltData(this IServiceCollection services, Action<CreditAltDataOptions> configure)
    {
        var options = new CreditAltDataOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new CreditAltDatabase(
            Connections.StorageTarget.Parse(options.Database), options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
