using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>The fields written as text after their label, in the order their labels appear: titles, provider,
/// description, audience, lists, duration, visits, web addresses, the person who filled the form. A label printed
/// twice keeps the first value; a different second value stays for a person to see.</summary>
internal static class TextFieldReader
{
    public static void Read(FormCursor cursor)
    {
        for (var i = 0; i < cursor.Count; i++)
        {
            var piece = cursor[i];
            if (!piece.IsAnchor || piece.Used)
            {
                continue;
            }

            switch (piece.Anchor)
            {
                case Anchor.Title:
                    SetText(cursor, i, "title", cursor.Card.Title, v => cursor.Card.Title = v);
                    break;
                case Anchor.ServiceId when cursor.Card.ServiceId is null:
                    if (FieldValue.Read(cursor, i, multi: false) is { } id)
                    {
                        var sid = ServiceIdOf(id.Text);
                        cursor.Card.ServiceId = sid;
                        cursor.Source("serviceId", id.At, id.Text, sid is null ? Confidence.Sure : id.Confidence);
                    }

                    break;
                case Anchor.ParentServiceId when cursor.Card.ParentServiceId is null:
                    SetText(cursor, i, "parentServiceId", null, v => cursor.Card.ParentServiceId = PersianText.ToLatinDigits(v));
                    break;
                case Anchor.ProcessTitle:
                    SetText(cursor, i, "processTitle", cursor.Card.ProcessTitle, v => cursor.Card.ProcessTitle = v);
                    break;
                case Anchor.ExecutionMethod:
                    SetText(cursor, i, "executionMethod", cursor.Card.ExecutionMethod, v => cursor.Card.ExecutionMethod = v);
                    break;
                case Anchor.Agency:
                    SetText(cursor, i, "provider.agency", cursor.Card.Provider.Agency, v => cursor.Card.Provider.Agency = v);
                    break;
                case Anchor.ParentAgency:
                    SetText(cursor, i, "provider.parentAgency", cursor.Card.Provider.ParentAgency, v => cursor.Card.Provider.ParentAgency = v);
                    break;
                case Anchor.Unit:
                    if (IsFillerUnit(cursor, i))
                    {
                        if (cursor.Card.FormFiller.Unit is null)
                        {
                            SetText(cursor, i, "formFiller.unit", null, v => cursor.Card.FormFiller.Unit = v);
                        }
                    }
                    else if (cursor.Card.Provider.Unit is null)
                    {
                        SetText(cursor, i, "provider.unit", null, v => cursor.Card.Provider.Unit = v);
                    }

                    break;
                case Anchor.Province when cursor.Card.Provider.Province is null:
                    SetText(cursor, i, "provider.province", null, v => cursor.Card.Provider.Province = v);
                    break;
                case Anchor.Description:
                    SetText(cursor, i, "description", cursor.Card.Description, v => cursor.Card.Description = v, multi: true);
                    break;
                case Anchor.Audience:
                    SetText(cursor, i, "audience", cursor.Card.Audience, v => cursor.Card.Audience = v, multi: true);
                    break;
                case Anchor.RequiredDocuments:
                    TextValueReaders.ReadList(cursor, i, "requiredDocuments", cursor.Card.RequiredDocuments);
                    break;
                case Anchor.Laws:
                    TextValueReaders.ReadList(cursor, i, "laws", cursor.Card.Laws);
                    break;
                case Anchor.Duration when cursor.Card.AverageDuration.Text is null:
                    TextValueReaders.ReadDuration(cursor, i);
                    break;
                case Anchor.InPersonVisits when cursor.Card.InPersonVisits.Text is null && cursor.Card.InPersonVisits.Count is null:
                    TextValueReaders.ReadVisits(cursor, i);
                    break;
                case Anchor.WebAddresses:
                    TextValueReaders.ReadWeb(cursor, i);
                    break;
                case Anchor.SystemName:
                    SetText(cursor, i, "systemName", cursor.Card.SystemName, v => cursor.Card.SystemName = v);
                    break;
                case Anchor.FillerName:
                    SetText(cursor, i, "formFiller.name", cursor.Card.FormFiller.Name, v => cursor.Card.FormFiller.Name = v);
                    break;
                case Anchor.FillerPhone when cursor.Card.FormFiller.Phone is null:
                    SetText(cursor, i, "formFiller.phone", null, v => cursor.Card.FormFiller.Phone = PersianText.ToLatinDigits(v));
                    break;
                case Anchor.FillerEmail when cursor.Card.FormFiller.Email is null:
                    SetText(cursor, i, "formFiller.email", null, v => cursor.Card.FormFiller.Email = v);
                    break;
                default:
                    break;
            }
        }
    }

    private static void SetText(FormCursor cursor, int anchor, string path, string? current, Action<string> set, bool multi = false)
    {
        if (FieldValue.Read(cursor, anchor, multi) is not { } value)
        {
            return;
        }

        if (!string.IsNullOrEmpty(current))
        {
            // The form repeats the label (the title again above the filler's details): the same value is
            // consumed, a different one stays for a person to see.
            if (FoldedText.Key(current) != FoldedText.Key(value.Text))
            {
                value.Pieces.ForEach(p => p.Used = false);
            }

            return;
        }

        set(value.Text);
        cursor.Source(path, value.At, value.Text, value.Confidence);
    }

    /// <summary>"در حال اخذ کد" and the like mean the service has no ID yet.</summary>
    private static string? ServiceIdOf(string text)
    {
        var key = PersianText.Normalize(text);
        if (key.Contains("در حال", StringComparison.Ordinal) || key.Contains("ندارد", StringComparison.Ordinal)
            || key.Contains("اخذ", StringComparison.Ordinal) || key.Contains("تکمیل", StringComparison.Ordinal)
            || !key.Any(char.IsDigit))
        {
            return null;
        }

        return PersianText.ToLatinDigits(text.Trim());
    }

    /// <summary>"واحد مربوط" of the provider at the top, or of the person who filled the form at the end.</summary>
    private static bool IsFillerUnit(FormCursor cursor, int anchor)
    {
        if (anchor < cursor.Zones.DetailsStart)
        {
            return false;
        }

        if (anchor > cursor.Zones.StageStart && cursor.Zones.StageStart < cursor.Count)
        {
            return true;
        }

        var line = cursor[anchor].Line;
        return cursor.Zones.FillerStart < cursor.Count && Math.Abs(cursor[cursor.Zones.FillerStart].Line - line) <= 6;
    }
}
