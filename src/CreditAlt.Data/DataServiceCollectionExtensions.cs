using Microsoft.Extensions.DependencyInjection;

namespace CreditAlt.Data;

/// <summary>DI registration for hosts that use it (the API); the CLI creates <see cref="CreditAltDatabase"/> directly.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CreditAltDatabase"/> (singleton: it owns the ledger's group-commit writer) built from
    /// <paramref name="configure"/> and the registered <see cref="TimeProvider"/> (system clock if none).
    /// <paramref name="configure"/> runs when the database (or <see cref="CreditAltDataOptions"/>) is first resolved,
    /// not here, so it sees configuration bound after this call.
    /// </summary>
    public static IServiceCollection AddCreditAltData(this IServiceCollection services, Action<CreditAltDataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddCreditAltData((options, _) => configure(options));
    }

    /// <summary>As <see cref="AddCreditAltData(IServiceCollection, Action{CreditAltDataOptions})"/>, with the service provider (e.g. to read <c>IConfiguration</c>).</summary>
    public static IServiceCollection AddCreditAltData(this IServiceCollection services, Action<CreditAltDataOptions, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(sp =>
        {
            var options = new CreditAltDataOptions();
            configure(options, sp);
            return options;
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<CreditAltDataOptions>();
            return new CreditAltDatabase(Connections.StorageTarget.Parse(options.Database), options, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }
}
