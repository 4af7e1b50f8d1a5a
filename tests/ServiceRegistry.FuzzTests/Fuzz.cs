using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using CsCheck;

namespace ServiceRegistry.FuzzTests;

/// <summary>
/// What every fuzz test shares: how many inputs (REGISTRY_FUZZ_ITERATIONS, default <see cref="DefaultIterations"/> per
/// target), the bound on one input, the generators that mutate valid files, and the check that a response is no 500.
/// </summary>
internal static class Fuzz
{
    public const int DefaultIterations = 300;

    /// <summary>Inputs per target: REGISTRY_FUZZ_ITERATIONS, or <see cref="DefaultIterations"/>.</summary>
    public static long Iterations { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("REGISTRY_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultIterations;

    /// <summary>REGISTRY_FUZZ_SEED replays a failing run (CsCheck prints the seed of a failure).</summary>
    public static string? Seed { get; } = Environment.GetEnvironmentVariable("REGISTRY_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    /// <summary>The time one input may take (a request, or one file through the importer) before it counts as a hang.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(20);

    /// <summary>Sends a request with the per-input bound; fails on a 500 (or any 5xx) and on a hang, naming the input.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, Func<string> input)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(PerInput);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
            await response.Content.LoadIntoBufferAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} took more than {PerInput.TotalSeconds} s: {input()}");
        }

        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}\ninput: {input()}");
        }

        return response;
    }

    /// <summary>The app is still well: /healthz answers 200 and an ordinary list request works.</summary>
    public static async Task AssertHealthyAsync(HttpClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services?q=" + Uri.EscapeDataString("خدمت"), ct)).StatusCode);
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool within the per-input bound, so even code that never
    /// looks at its token is caught as a hang; the token is cancelled at the same bound.</summary>
    public static async Task BoundedAsync(Action<CancellationToken> work, Func<string> input)
    {
        using var cts = new CancellationTokenSource(PerInput);
        var task = Task.Run(() => work(cts.Token), TestContext.Current.CancellationToken);
        try
        {
            await task.WaitAsync(PerInput + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"one input took more than {PerInput.TotalSeconds} s: {input()}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{ex.GetType().Name}: {ex.Message}\ninput: {input()}", ex);
        }
    }

    /// <summary>Byte-level mutations of a valid file: flips, overwrites with edge values, cuts, repeats and inserts.</summary>
    public static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, valid.Length - 1], Gen.Int[1, 512], Gen.Byte).Array[1, 12]
            .Select(ops => Apply(valid, ops));

    /// <summary>Mutations inside one part of a zip package (the XML a reader parses), written back as a valid zip.</summary>
    public static Gen<byte[]> PartMutated(byte[] package)
    {
        var parts = Parts(package);
        return Gen.Int[0, parts.Count - 1].SelectMany(i => Mutated(parts[i].Bytes).Select(bytes =>
        {
            var copy = parts.ToList();
            copy[i] = (copy[i].Name, bytes);
            return Zip(copy);
        }));
    }

    /// <summary>A printable summary of a generated file (its length and a hash), for a failure's message.</summary>
    public static string Describe(byte[] bytes) =>
        $"{bytes.Length} bytes, sha256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}";

    /// <summary>Keeps a failing file where a person can take it as a regression fixture.</summary>
    public static string Keep(byte[] bytes, string extension)
    {
        var dir = Path.Combine(Path.GetTempPath(), "registry-fuzz-failures");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + extension);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static List<(string Name, byte[] Bytes)> Parts(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return (e.FullName, m.ToArray());
        })];
    }

    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    private static byte[] Apply(byte[] valid, (int Kind, int At, int Length, byte Value)[] ops)
    {
        var bytes = new List<byte>(valid);
        foreach (var (kind, at0, length, value) in ops)
        {
            if (bytes.Count == 0)
            {
                bytes.Add(value);
                continue;
            }

            var at = at0 % bytes.Count;
            var n = Math.Min(length, bytes.Count - at);
            switch (kind)
            {
                case 0: // flip one byte
                    bytes[at] ^= (byte)(value | 1);
                    break;
                case 1: // overwrite a run with an edge value
                    for (var i = 0; i < n; i++)
                    {
                        bytes[at + i] = (value % 4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 };
                    }

                    break;
                case 2: // cut the tail
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3: // remove a run
                    bytes.RemoveRange(at, n);
                    break;
                case 4: // repeat a run
                    bytes.InsertRange(at, bytes.GetRange(at, n));
                    break;
                default: // insert bytes
                    bytes.InsertRange(at, Enumerable.Repeat(value, n));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Strings a person or an attacker might send: Persian, Arabic letters, controls, lone surrogates, very long, markup, SQL.</summary>
    public static readonly Gen<string> NastyString = Gen.OneOf(
        Gen.String,
        Gen.Char['\u0600', '\u06FF'].Array[0, 40].Select(c => new string(c)),
        Gen.Char[(char)0, (char)0x1F].Array[1, 8].Select(c => new string(c)),
        Gen.OneOf<string>("", " ", "\uD800", "\uDFFF", "ي ك", "۱۲۳", "'; DROP TABLE Cards; --", "<script>alert(1)</script>", "%", "%00", "\0", "NEAR(", "\"", "*", "OR", "-1",
            "99999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}", "=1+1", "../../etc/passwd", "‌"),
        Gen.Int[0, 6].Select(i => new string('ا', (int)Math.Pow(10, i / 1.5))),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

    public static string Hex(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));
}
