using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>Reads the spec's enum codes in filters ("G2C", "national", "documentsAndCertificates"), case-insensitively.</summary>
public static class CatalogCodes
{
    public static bool TryParse<T>(string? code, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(code))
        {
            return true;
        }

        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(Labels.Code(v), code.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        return false;
    }

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Labels.Code(v)));
}
