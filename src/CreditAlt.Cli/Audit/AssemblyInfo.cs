using System.Runtime.CompilerServices;

// The CLI tests call the verbs in-process (faster than a process per case, and the golden report test needs it).
[assembly: InternalsVisibleTo("CreditAlt.Cli.Tests")]
