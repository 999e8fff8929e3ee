using System.Runtime.ExceptionServices;

namespace CreditAlt.Cli;

/// <summary>
/// Runs one piece of work per input on several threads and hands the results back in input order, so that what the
/// caller writes is byte for byte what a single loop would write. Each thread has its own state (a deriver: not
/// thread-safe). At most <c>capacity</c> results are worked on or waiting at a time, so memory stays flat in the number
/// of inputs. A piece of work that throws throws its own exception at its turn, after every earlier result was handed
/// back, exactly as a single loop would; no later input is started once one failed.
/// </summary>
internal sealed class OrderedWorkers<TIn, TState, TOut> : IDisposable
{
    private readonly IReadOnlyList<TIn> _inputs;
    private readonly (TOut Value, ExceptionDispatchInfo? Error, bool Ready)[] _slots;
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly object _gate = new();
    private int _next = -1;
    private volatile bool _failed;

    public OrderedWorkers(IReadOnlyList<TIn> inputs, IReadOnlyList<TState> states, int capacity, Func<TState, TIn, TOut> work)
    {
        _inputs = inputs;
        _slots = new (TOut, ExceptionDispatchInfo?, bool)[capacity];
        _window = new SemaphoreSlim(capacity);
        _workers = states.Select(state => Task.Factory.StartNew(() => Work(state, work), TaskCreationOptions.LongRunning)).ToArray();
    }

    /// <summary>The results in input order; the first failed input's exception is rethrown at its turn.</summary>
    public IEnumerable<TOut> Results()
    {
        for (var i = 0; i < _inputs.Count; i++)
        {
            TOut value;
            ExceptionDispatchInfo? error;
            lock (_gate)
            {
                ref var slot = ref _slots[i % _slots.Length];
                while (!slot.Ready) Monitor.Wait(_gate);
                (value, error) = (slot.Value, slot.Error);
                slot = default;
            }

            _window.Release();
            error?.Throw();
            yield return value;
        }
    }

    private void Work(TState state, Func<TState, TIn, TOut> work)
    {
        try
        {
            while (!_failed)
            {
                // A permit first: indices taken and not yet handed back never exceed the slots, so index i's slot is free.
                _window.Wait(_stop.Token);
                var i = Interlocked.Increment(ref _next);
                if (i >= _inputs.Count) return;
                TOut value = default!;
                ExceptionDispatchInfo? error = null;
                try
                {
                    value = work(state, _inputs[i]);
                }
                catch (Exception ex)
                {
                    error = ExceptionDispatchInfo.Capture(ex);
                    _failed = true;
                }

                lock (_gate)
                {
                    _slots[i % _slots.Length] = (value, error, true);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped early (an error at an earlier input, or in its own step): nothing more to do.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Task.WaitAll(_workers);
        _window.Dispose();
        _stop.Dispose();
    }
}
