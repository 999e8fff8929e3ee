using System.CommandLine;
using CreditAlt.Modeling.Cards;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt model-card --model DIR [--check]</c>: writes DIR/MODEL_CARD.md from the training run's files and the hand-kept
/// governance.json (<see cref="ModelCard"/>); <c>--check</c> writes nothing and exits 1 when the committed card is stale.
/// </summary>
internal static class ModelCardCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (metadata.json, evaluation.json, governance.json; scorecard.json for a scorecard).", Required = true };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when MODEL_CARD.md is not what its inputs give." };
        var command = new Command("model-card", "Write a model's MODEL_CARD.md from its metadata, evaluation and governance files.") { model, check };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(model)!;
            if (!Directory.Exists(dir)) throw new UserInputException($"--model: no directory '{dir}'");
            string card;
            bool current;
            try
            {
                current = ModelCard.IsCurrent(dir, out card);
            }
            catch (InvalidDataException ex)
            {
                throw new UserInputException(ex.Message);
            }

            var path = Path.Combine(dir, ModelCard.FileName);
            if (parse.GetValue(check))
            {
                Console.WriteLine(current ? $"{path} is current" : $"{path} is stale: run creditalt model-card --model {dir}");
                return current ? 0 : 1;
            }

            var temp = path + ".tmp";
            File.WriteAllText(temp, card);
            File.Move(temp, path, overwrite: true);
            Console.WriteLine($"Wrote {path}");
            return 0;
        });
        return command;
    }
}
