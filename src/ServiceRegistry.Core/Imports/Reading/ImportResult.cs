using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>How sure the importer is of one field: <see cref="Sure"/> when a labelled value or a real tick box
/// gave it, <see cref="Unsure"/> when it had to guess (a value beside its label instead of after it, a typo in a
/// label, a Wingdings letter or "x" as a tick, a number written in words, a stage row without its label).</summary>
public enum Confidence
{
    Sure,
    Unsure,
}

/// <summary>Where one field of the draft came from: its JSON path in the spec, the 1-based line of the source,
/// the source text it was read from and how sure the importer is.</summary>
public sealed record FieldSource(string Path, int Line, string Snippet, Confidence Confidence);

/// <summary>One legacy card turned into a draft: the content in the spec's vocabulary, every piece of text that
/// found no field (also in <c>Draft.Unmapped</c>) and where each field came from.</summary>
public sealed record ImportResult(CardContent Draft, IReadOnlyList<string> Unmapped, IReadOnlyList<FieldSource> Sources)
{
    /// <summary>Fields a person should check before the draft goes further.</summary>
    public IReadOnlyList<FieldSource> Unsure => Sources.Where(s => s.Confidence == Confidence.Unsure).ToList();

    /// <summary>True when a person should look at the draft: an unsure field, or no title.</summary>
    public bool NeedsReview => string.IsNullOrWhiteSpace(Draft.Title) || Sources.Any(s => s.Confidence == Confidence.Unsure);
}

/// <summary>A file that cannot be imported at all (binary, empty, too big, not a card, a broken .docx). The
/// message is for people and says what is wrong with the file.</summary>
public sealed class FormImportException : Exception
{
    public FormImportException()
    {
    }

    public FormImportException(string message)
        : base(message)
    {
    }

    public FormImportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
