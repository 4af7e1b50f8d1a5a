namespace ServiceRegistry.Core.Imports;

internal static class ListExtensions
{
    /// <summary>Adds a value unless the list holds it already.</summary>
    public static void AddOnce<T>(this List<T> list, T value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
