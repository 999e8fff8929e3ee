namespace CreditAlt.Fairness;

/// <summary>A problem with the audit's input that the user can fix (unknown column, malformed value, unknown group).</summary>
public sealed class FairnessInputException(string message) : Exception(message);
