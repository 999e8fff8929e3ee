using CreditAlt.Portfolio.Csv;
using Spectre.Console;

namespace CreditAlt.Cli;

/// <summary>Progress bars for the verbs' long work.</summary>
internal static class CliProgress
{
    /// <summary>
    /// Runs work that reports (stage, fraction done) under one progress bar whose label follows the stage; a
    /// malformed portfolio becomes the user's error (file, line, reason).
    /// </summary>
    public static T Stages<T>(string firstStage, Func<Action<string, double>, T> work)
    {
        T result = default!;
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(firstStage, maxValue: 1);
                    result = work((stage, fraction) =>
                    {
                        task.Description = stage;
                        task.Value = fraction;
                    });
                    task.Value = 1;
                });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }
        catch (CreditAlt.Modeling.Training.InsufficientTrainingDataException ex)
        {
            throw new UserInputException(ex.Message);
        }

        return result;
    }
}
