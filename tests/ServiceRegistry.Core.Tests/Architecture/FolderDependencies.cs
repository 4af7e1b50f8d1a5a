using Mono.Cecil;

namespace ServiceRegistry.Core.Tests.Architecture;

/// <summary>
/// Which types of one Core folder use which types of another, read from the compiled assembly with Mono.Cecil (the
/// engine under NetArchTest): signatures, fields, attributes and every type or member a method body names. Nested
/// and compiler-made types (lambdas, async state machines) count as their outermost type.
/// </summary>
public sealed class FolderDependencies
{
    private const string Root = "ServiceRegistry.Core";

    private FolderDependencies(IReadOnlyList<(string From, string To)> edges) => Edges = edges;

    /// <summary>Distinct type → type uses between two different folders (full names).</summary>
    public IReadOnlyList<(string From, string To)> Edges { get; }

    /// <summary>The folder of a type: the namespace segment after ServiceRegistry.Core ("" for the root namespace).</summary>
    public static string Folder(string fullName)
    {
        if (!fullName.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return "";
        }

        var rest = fullName[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? "" : rest[..dot];
    }

    public static FolderDependencies Of(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new HashSet<(string, string)>();
        foreach (var type in module.Types)
        {
            var from = type.FullName;
            foreach (var used in Uses(type))
            {
                var to = Outermost(used);
                if (to is not null && Folder(to) is { Length: > 0 } toFolder && Folder(from) is { Length: > 0 } fromFolder && toFolder != fromFolder)
                {
                    edges.Add((from, to));
                }
            }
        }

        return new FolderDependencies([.. edges.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal)]);
    }

    /// <summary>The same uses without those from or to <paramref name="folders"/>.</summary>
    public FolderDependencies Without(IReadOnlyCollection<string> folders) =>
        new([.. Edges.Where(e => !folders.Contains(Folder(e.From)) && !folders.Contains(Folder(e.To)))]);

    /// <summary>The same uses and one more.</summary>
    public FolderDependencies With((string From, string To) edge) => new([.. Edges, edge]);

    /// <summary>Folder → folders it uses.</summary>
    public Dictionary<string, SortedSet<string>> Graph()
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in Edges)
        {
            var set = graph.TryGetValue(Folder(from), out var s) ? s : graph[Folder(from)] = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(Folder(to));
        }

        return graph;
    }

    /// <summary>Groups of folders that reach each other (strongly connected components of more than one folder).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var graph = Graph();
        var folders = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        bool Reaches(string a, string b)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { a };
            var queue = new Queue<string>([a]);
            while (queue.TryDequeue(out var x))
            {
                foreach (var y in graph.TryGetValue(x, out var next) ? next : [])
                {
                    if (y == b)
                    {
                        return true;
                    }

                    if (seen.Add(y))
                    {
                        queue.Enqueue(y);
                    }
                }
            }

            return false;
        }

        var groups = new List<IReadOnlyList<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in folders.Where(f => !placed.Contains(f)))
        {
            var group = folders.Where(b => b == a || (Reaches(a, b) && Reaches(b, a))).ToList();
            placed.UnionWith(group);
            if (group.Count > 1)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private static string? Outermost(TypeReference? type)
    {
        while (type is TypeSpecification spec)
        {
            type = spec.ElementType;
        }

        if (type is null || type is GenericParameter)
        {
            return null;
        }

        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.FullName;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        if (type.BaseType is not null)
        {
            foreach (var t in Expand(type.BaseType))
            {
                yield return t;
            }
        }

        foreach (var i in type.Interfaces)
        {
            foreach (var t in Expand(i.InterfaceType))
            {
                yield return t;
            }
        }

        foreach (var a in type.CustomAttributes)
        {
            yield return a.AttributeType;
        }

        foreach (var f in type.Fields)
        {
            foreach (var t in Expand(f.FieldType))
            {
                yield return t;
            }
        }

        foreach (var p in type.Properties)
        {
            foreach (var t in Expand(p.PropertyType))
            {
                yield return t;
            }
        }

        foreach (var m in type.Methods)
        {
            foreach (var t in Method(m))
            {
                yield return t;
            }
        }

        foreach (var nested in type.NestedTypes)
        {
            foreach (var t in Uses(nested))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<TypeReference> Method(MethodDefinition m)
    {
        foreach (var t in Expand(m.ReturnType))
        {
            yield return t;
        }

        foreach (var p in m.Parameters)
        {
            foreach (var t in Expand(p.ParameterType))
            {
                yield return t;
            }
        }

        foreach (var a in m.CustomAttributes)
        {
            yield return a.AttributeType;
        }

        if (!m.HasBody)
        {
            yield break;
        }

        foreach (var v in m.Body.Variables)
        {
            foreach (var t in Expand(v.VariableType))
            {
                yield return t;
            }
        }

        foreach (var instruction in m.Body.Instructions)
        {
            var operand = instruction.Operand;
            IEnumerable<TypeReference> found = operand switch
            {
                TypeReference t => Expand(t),
                MethodReference r => Expand(r.DeclaringType).Concat(Expand(r.ReturnType)).Concat(r.Parameters.SelectMany(p => Expand(p.ParameterType)))
                    .Concat(r is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
                FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
                _ => [],
            };
            foreach (var t in found)
            {
                yield return t;
            }
        }
    }

    /// <summary>A type and the types inside it (array elements, generic arguments).</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        if (type is TypeSpecification spec)
        {
            foreach (var t in Expand(spec.ElementType))
            {
                yield return t;
            }
        }

        if (type is GenericInstanceType generic)
        {
            foreach (var t in generic.GenericArguments.SelectMany(Expand))
            {
                yield return t;
            }
        }
    }
}
