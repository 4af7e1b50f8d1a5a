namespace ServiceRegistry.Core.Imports;

/// <summary>The columns of the permit tables (forms 1 and 2) and how their header row is recognised.</summary>
internal static class PermitTable
{
    public enum PermitColumn
    {
        None, Row, Title, Kind, LegalBasis, Documents, Validity, Cost, Applicant, Natural, Legal, Government,
        Supervisors, ProcessDuration, Process, Electronic, NonElectronic, Notes, Agency, InquiryKind, Duration,
    }

    private static readonly (string Key, PermitColumn Column)[] PermitHeaders =
    [
        ("عنوانمجوز", PermitColumn.Title), ("نوعمجوز", PermitColumn.Kind), ("مستنداتقانونی", PermitColumn.LegalBasis),
        ("مدارک", PermitColumn.Documents), ("مدتاعتبار", PermitColumn.Validity), ("هزینه", PermitColumn.Cost),
        ("متقاضی", PermitColumn.Applicant), ("مراجعناظر", PermitColumn.Supervisors), ("فرایندصدورمجوز", PermitColumn.ProcessDuration),
        ("مجموعهفرایند", PermitColumn.ProcessDuration), ("زمانانجام", PermitColumn.Duration), ("غیرالکترونیکی", PermitColumn.NonElectronic),
        ("الکترونیکی", PermitColumn.Electronic), ("فرایندمجوز", PermitColumn.Process), ("توضیحات", PermitColumn.Notes), ("ردیف", PermitColumn.Row),
        ("دستگاهاستع", PermitColumn.Agency), ("نوعفرایند", PermitColumn.InquiryKind), ("حقیقی", PermitColumn.Natural),
        ("حقوقی", PermitColumn.Legal), ("دولتی", PermitColumn.Government),
    ];

    public static PermitColumn Column(string text)
    {
        var key = FoldedText.Key(text).Replace("فرآیند", "فرایند", StringComparison.Ordinal);
        foreach (var (k, column) in PermitHeaders)
        {
            if (key.Contains(k, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return PermitColumn.None;
    }

    public static int HeaderStart(FormCursor cursor)
    {
        foreach (var line in cursor.AllLines())
        {
            if (IsHeader(cursor, line))
            {
                return line[0].Index;
            }
        }

        return cursor.Count;
    }

    public static bool IsHeader(FormCursor cursor, List<Piece> line)
    {
        if (!line.Any(p => p.Raw.Contains("مجوز", StringComparison.Ordinal) || p.Raw.Contains("استع", StringComparison.Ordinal)))
        {
            return false;
        }

        var columns = cursor.Cells(line).Values.Select(Column).Where(c => c is not (PermitColumn.None or PermitColumn.Row or PermitColumn.Cost or PermitColumn.Notes)).Distinct().Count();
        var key = FoldedText.Key(string.Concat(line.Select(p => p.Raw)));
        return columns >= 3 && (key.Contains("مجوز", StringComparison.Ordinal) || key.Contains("استع", StringComparison.Ordinal));
    }

}
