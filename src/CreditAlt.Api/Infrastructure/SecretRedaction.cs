using System.Globalization;
using System.Text.RegularExpressions;

namespace CreditAlt.Api.Infrastructure;

/// <summary>
/// The service never logs a secret, whatever the log levels say: an applicant token may arrive in a query string
/// (<c>?access_token=at_...</c>, because a browser link cannot set a header), and ASP.NET Core's request log at
/// Information writes the whole URL. Every logger the service hands out is wrapped so that query values named like a
/// secret, and anything shaped like a CreditAlt key or token (<c>ca_...</c>, <c>at_...</c>), are written as
/// <c>[redacted]</c> — in the formatted message and in the structured values exporters read.
/// </summary>
internal static partial class SecretRedaction
{
    [GeneratedRegex(@"(?<name>(?:access_token|token|api_key|apikey|key|secret|password)=)[^&\s#""']+|\b(?:at|ca)_[A-Za-z0-9_-]{16,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();

    public static bool Contains(string text) => Secret().IsMatch(text);

    public static string Redact(string text) =>
        Secret().Replace(text, m => m.Groups["name"].Success ? m.Groups["name"].Value + "[redacted]" : "[redacted]");

    /// <summary>Replaces the <see cref="ILoggerFactory"/> registration with one whose loggers redact secrets.</summary>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (registration is not null && registration.ImplementationType == typeof(LoggerFactory))
        {
            services.Remove(registration);
            services.AddSingleton<LoggerFactory>();
            services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(sp.GetRequiredService<LoggerFactory>()));
        }
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The inner factory is the container's; it disposes it.
        public void Dispose()
        {
        }
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
                return;
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                if (!values.Any(v => Text(v.Value) is { } s && Contains(s)))
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                    return;
                }
                var redacted = values.Select(v => Text(v.Value) is { } s && Contains(s) ? new KeyValuePair<string, object?>(v.Key, Redact(s)) : v).ToList();
                inner.Log(logLevel, eventId, new RedactedState(redacted, Redact(formatter(state, exception))), exception, static (s, _) => s.Message);
                return;
            }
            var message = formatter(state, exception);
            if (Contains(message))
                inner.Log(logLevel, eventId, new RedactedState([new("{OriginalFormat}", "[redacted]")], Redact(message)), exception, static (s, _) => s.Message);
            else
                inner.Log(logLevel, eventId, state, exception, formatter);
        }

        /// <summary>A value as the log would print it; numbers and other non-text values cannot hold a secret.</summary>
        private static string? Text(object? value) => value switch
        {
            null or bool or int or long or double or decimal or DateTimeOffset or DateTime or TimeSpan or Guid => null,
            string s => s,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
