using System.Globalization;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Modeling.Batch;

/// <summary>Scores one application from its attribute values in catalogue order: the champion's or the challenger's <c>Assess</c>.</summary>
public delegate ScoreAssessment Assessor(ReadOnlySpan<double> catalogueValues);

/// <summary>
/// Streams a portfolio to a decisions file, one application at a time (memory does not grow with the file):
/// <c>application_id, score, decision, reason_1..reason_4</c> (codes), <c>reason_1_text..reason_4_text</c>, then
/// <c>approved_from, approved_score</c>: for a decline or insufficient data, the first month whose application the model
/// approves under the time-path scenario (<see cref="TimePath"/>; blank when none within 24 months) and its score; then
/// <c>counteroffer_amount, counteroffer_monthly_payment</c>: when the policy's ability-to-pay rule declined the requested
/// amount and offers a lower one (<see cref="CreditAlt.Core.AbilityToPay.AffordabilityRule"/>), that amount and its instalment.
/// The score is left blank for "insufficient_data", whose reasons name the history that was too short.
/// </summary>
public static class BatchScoring
{
    public static readonly string Header =
        "application_id,score,decision,reason_1,reason_2,reason_3,reason_4,reason_1_text,reason_2_text,reason_3_text,reason_4_text,approved_from,approved_score,counteroffer_amount,counteroffer_monthly_payment";

    /// <summary>
    /// Reading and parsing run on a second thread, handing over applications through a bounded queue (at most
    /// <see cref="QueueCapacity"/> in flight), so two cores share the work and memory stays bounded; rows keep
    /// the input order. A format error from the reader is rethrown here.
    /// </summary>
    public const int QueueCapacity = 1024;

    public static long Score(PortfolioReader reader, ScorecardEngine engine, TextWriter output, Action<long>? progress = null) =>
        Score(reader, (IDecisionModel)engine, output, progress);

    /// <summary>Any model, with the time path computed for every decline and insufficient-data outcome.</summary>
    public static long Score(PortfolioReader reader, IDecisionModel model, TextWriter output, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Score(reader, model.Assess, output, progress, model);
    }

    /// <summary>The same for any model: <paramref name="assess"/> is called on this thread only; without <paramref name="timePath"/> the recourse columns stay blank.</summary>
    public static long Score(PortfolioReader reader, Assessor assess, TextWriter output, Action<long>? progress = null, IDecisionModel? timePath = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(assess);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Header);
        output.Write('\n');
        using var queue = new System.Collections.Concurrent.BlockingCollection<Application>(QueueCapacity);
        Exception? readError = null;
        var producer = new Thread(() =>
        {
            try
            {
                while (reader.TryRead(out var application)) queue.Add(application);
            }
            catch (Exception ex)
            {
                readError = ex;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }) { IsBackground = true, Name = "portfolio reader" };
        producer.Start();

        var values = new double[AttributeCatalogue.Count];
        var line = new StringBuilder(512);
        long count = 0;
        foreach (var application in queue.GetConsumingEnumerable())
        {
            AttributeCalculator.Compute(application, values);
            var assessment = assess(values);
            // The policy's ability-to-pay rule needs the application's amounts, so it is applied here, after the score.
            if (timePath is not null) assessment = CreditAlt.Core.AbilityToPay.AffordabilityRule.Apply(timePath, application, values, assessment);
            var byRule = assessment.Affordability is { Unaffordable: true } check && (check.Counteroffer is not null || check.ScoredDecision != Decision.Decline);
            var time = timePath is not null && !byRule && assessment.Decision is Decision.Decline or Decision.InsufficientData
                ? TimePath.Find(application, timePath)
                : null;
            WriteRow(line, application, assessment, time);
            output.Write(line);
            if ((++count & 1023) == 0) progress?.Invoke(reader.BytesRead);
        }

        producer.Join();
        if (readError is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(readError).Throw();
        progress?.Invoke(reader.BytesRead);
        return count;
    }

    public static void WriteRow(StringBuilder line, Application application, ScoreAssessment assessment, TimePathResult? time = null)
    {
        line.Clear();
        AppendField(line, application.ApplicationId);
        line.Append(',');
        if (assessment.Decision != Decision.InsufficientData) line.Append(assessment.Score.ToString(CultureInfo.InvariantCulture));
        line.Append(',').Append(assessment.Decision.ToWire());
        for (var r = 0; r < Scorecard.MaxReasons; r++)
        {
            line.Append(',');
            if (r < assessment.Reasons.Count) AppendField(line, assessment.Reasons[r].Code);
        }

        for (var r = 0; r < Scorecard.MaxReasons; r++)
        {
            line.Append(',');
            if (r < assessment.Reasons.Count) AppendField(line, assessment.Reasons[r].Sentence);
        }

        line.Append(',');
        if (time?.ApprovedFrom is { } from) line.Append(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        line.Append(',');
        if (time?.ApprovedScore is { } approvedScore) line.Append(approvedScore.ToString(CultureInfo.InvariantCulture));
        var offer = assessment.Affordability?.Counteroffer;
        line.Append(',');
        if (offer is not null) line.Append(offer.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        line.Append(',');
        if (offer is not null) line.Append(offer.MonthlyPayment.ToString("0.00", CultureInfo.InvariantCulture));
        line.Append('\n');
    }

    private static void AppendField(StringBuilder line, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
