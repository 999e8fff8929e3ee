using CreditAlt.Api.Infrastructure;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Transactions;

/// <summary>
/// Derives applications from transactions with the same categoriser `creditalt ingest` uses by default
/// (<see cref="ApiOptions.CategoriserPath"/>, the shipped models/categoriser), so the API and the CLI categorise the
/// same transactions the same way. A <see cref="CategoriserModel"/> is not thread-safe (one prediction engine and a
/// memo each), so requests borrow one from a pool; every instance loads the same file and predicts the same.
/// </summary>
public sealed class TransactionCategoriser
{
    private readonly ObjectPool<CategoriserModel>? _models;

    public TransactionCategoriser(IOptions<ApiOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = ApiOptionsValidator.CategoriserDirectory(environment, options.Value.CategoriserPath);
        if (Directory is not null)
            _models = new DefaultObjectPoolProvider().Create(new ModelPolicy(Directory));
    }

    /// <summary>The categoriser model's directory; null when configured as <c>none</c> (the rules alone).</summary>
    public string? Directory { get; }

    public Derivation Derive(TransactionSet set, DerivationRequest request)
    {
        if (_models is null)
            return new TransactionDeriver().Derive(set, request);
        var model = _models.Get();
        try
        {
            return new TransactionDeriver(model).Derive(set, request);
        }
        finally
        {
            _models.Return(model);
        }
    }

    private sealed class ModelPolicy(string directory) : PooledObjectPolicy<CategoriserModel>
    {
        public override CategoriserModel Create() => CategoriserModel.Load(directory);

        public override bool Return(CategoriserModel obj) => true;
    }
}
