using System.Globalization;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Exports;

/// <summary>The value formats of the sheets: sets as Persian labels joined by «، », booleans as بله/خیر, lists one item a line.</summary>
public static partial class CardSheets
{
    public static string? SetText<T>(IEnumerable<T> values) where T : struct, Enum =>
        values.Any() ? string.Join("، ", values.Select(v => Labels.Of(v))) : null;

    private static string? One<T>(T? value) where T : struct, Enum => value is { } v ? Labels.Of(v) : null;

    private static string Bool(bool value) => value ? Yes : No;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Lines(IEnumerable<string> items) => items.Any() ? string.Join("\n", items) : null;

    private static List<string> SplitLines(string value) =>
        value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string? Assign(Action action)
    {
        action();
        return null;
    }

    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum
    {
        var wanted = PersianText.Normalize(text);
        foreach (var v in Enum.GetValues<T>())
        {
            if (PersianText.Normalize(Labels.Of(v)) == wanted || string.Equals(Labels.Code(v), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Allowed<T>() where T : struct, Enum => string.Join("، ", Enum.GetValues<T>().Select(v => Labels.Of(v)));

    private static string? ParseOne<T>(string text, Action<T?> set) where T : struct, Enum
    {
        if (TryEnum<T>(text, out var value))
        {
            set(value);
            return null;
        }

        return $"«{text}» شناخته نشد؛ یکی از این‌ها: {Allowed<T>()}";
    }

    private static string? ParseSet<T>(string text, List<T> into) where T : struct, Enum
    {
        into.Clear();
        var unknown = new List<string>();
        foreach (var part in text.Split(['،', ',', ';', '؛', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryEnum<T>(part, out var value))
            {
                if (!into.Contains(value))
                {
                    into.Add(value);
                }
            }
            else
            {
                unknown.Add(part);
            }
        }

        return unknown.Count == 0 ? null : $"«{string.Join("، ", unknown)}» شناخته نشد؛ مقدارهای مجاز: {Allowed<T>()}";
    }

    private static string? ParseBool(string text, Action<bool> set)
    {
        switch (PersianText.Normalize(text))
        {
            case "بله" or "true" or "1" or "✓" or "x" or "دارد":
                set(true);
                return null;
            case "خیر" or "false" or "0" or "ندارد":
                set(false);
                return null;
            default:
                return $"«{text}» باید بله یا خیر باشد.";
        }
    }

    private static string? ParseLong(string text, Action<long?> set)
    {
        if (PersianText.TryParseInteger(text, out var value))
        {
            set(value);
            return null;
        }

        // Excel stores whole numbers it computed as "1.0E7"-like or "12000.0" text in some files.
        if (decimal.TryParse(PersianText.ToLatinDigits(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == decimal.Truncate(d))
        {
            set((long)d);
            return null;
        }

        return $"«{text}» عدد صحیح نامنفی نیست.";
    }

    private static string? ParseDecimal(string text, Action<decimal?> set)
    {
        if (decimal.TryParse(PersianText.ToLatinDigits(text).Replace('/', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            set(value);
            return null;
        }

        return $"«{text}» عدد نیست.";
    }

    // Properties, not fields: the column tables of the other part of this class are built from them at type load.
    private static (string Key, string Label)[] StageLabels =>
        [("informing", "اطلاع رسانی"), ("request", "درخواست"), ("production", "تولید"), ("delivery", "ارائه")];

    private static IReadOnlyList<string> StageChoices => [.. StageLabels.Select(s => s.Label)];

    private static IReadOnlyList<string> YesNo => [Yes, No];

    private static IReadOnlyList<string> LinkKinds => ["سامانه داخلی", "دستگاه دیگر"];

    /// <summary>The Persian labels of a code list, as a coded column offers them.</summary>
    private static IReadOnlyList<string> Codes<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => Labels.Of(v))];

    private static string StageLabel(string key) => StageLabels.First(s => s.Key == key).Label;

    private static string? StageKey(string text)
    {
        var wanted = PersianText.Normalize(text);
        return StageLabels.FirstOrDefault(s => PersianText.Normalize(s.Label) == wanted || s.Key == text.Trim()).Key;
    }

    private static string? ParseLinkKind(string text, LinkRow row)
    {
        switch (PersianText.Normalize(text))
        {
            case "سامانه داخلی" or "internal":
                row.External = false;
                return null;
            case "دستگاه دیگر" or "external":
                row.External = true;
                return null;
            default:
                return "نوع ارتباط «سامانه داخلی» یا «دستگاه دیگر» است.";
        }
    }
}
