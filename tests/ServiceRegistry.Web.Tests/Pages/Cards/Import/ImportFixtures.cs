using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Tests.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Files to upload (the sample forms, a generated Word form, and generated bad inputs), uploading them,
/// and batches stored directly for tests that start after the reading.</summary>
public static class ImportFixtures
{
    public static byte[] Form(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "forms", name));

    /// <summary>The fuel-card form as a real Word file (content-control check boxes).</summary>
    public static byte[] WordForm() =>
        TestDocx.Build(Encoding.UTF8.GetString(Form("fuel-card.form.txt")), CheckBoxKind.ContentControl);

    /// <summary>The bad inputs of issue 5, each with a word of the reason it must fail with.</summary>
    public static TheoryData<string, string> BadInputs => new()
    {
        { "binary", "متنی نیست" },
        { "empty", "خالی" },
        { "fifty-megabytes", "مگابایت" },
        { "zip-bomb", "بمب zip" },
        { "docx-not-a-zip", "docx نیست" },
        { "other-language", "فارسی نیست" },
    };

    /// <summary>A bad input by its name in <see cref="BadInputs"/>: the file name it is uploaded as and its bytes.</summary>
    public static (string Name, byte[] Bytes) BadInput(string kind) => kind switch
    {
        "binary" => ("scan.txt", Binary()),
        "empty" => ("empty.txt", []),
        "fifty-megabytes" => ("huge.txt", new byte[50 * 1024 * 1024]),
        "zip-bomb" => ("bomb.zip", ZipBomb()),
        "docx-not-a-zip" => ("renamed.docx", Form("regional-accounts.txt")),
        "other-language" => ("english.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(
            "Service identity card\nService title: Issuing building permits\nDescription: The municipality issues the permit after checking the plans.\nService type: G2C\n", 20)))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static byte[] Binary()
    {
        var bytes = new byte[8192];
        new Random(5).NextBytes(bytes);
        bytes[10] = 0;
        bytes[200] = 0;
        return bytes;
    }

    /// <summary>A small archive that unpacks to far more than any card: 60 MB of zeros in one text entry.</summary>
    public static byte[] ZipBomb() => Zip(("bomb/huge.txt", new byte[60 * 1024 * 1024]));

    public static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
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

    /// <summary>Posts files to the upload page as a browser does (multipart, with the page's antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Bytes)[] files)
    {
        var token = await client.AntiforgeryTokenAsync("/cards/import");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Files", name);
        }

        return await client.PostAsync("/cards/import", content, TestContext.Current.CancellationToken);
    }

    /// <summary>The batch an upload redirected to.</summary>
    public static int BatchId(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the background worker has read every file of a batch (at most a minute).</summary>
    public static async Task WaitUntilReadAsync(RegistryApp app, int batchId)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(1); waited += TimeSpan.FromMilliseconds(100))
        {
            if (await app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == batchId).AllAsync(i => i.Status == ImportItemStatus.Done)))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"batch {batchId} was not read within a minute");
    }

    /// <summary>A batch of <paramref name="owner"/>'s whose files are already read.</summary>
    public static Task<int> BatchAsync(RegistryApp app, TestUser owner, params (string Name, byte[] Bytes)[] files) => BatchAsync(app, owner, false, files);

    /// <summary>A batch of <paramref name="owner"/>'s whose files are read, or with <paramref name="reading"/> still being read.</summary>
    public static async Task<int> BatchAsync(RegistryApp app, TestUser owner, bool reading, params (string Name, byte[] Bytes)[] files) =>
        await app.WithDbAsync(async db =>
        {
            var ownerId = await db.Users.Where(u => u.Email == owner.Email).Select(u => u.Id).SingleAsync();
            var batch = ImportBatch.Start(ownerId, app.Clock.GetUtcNow());
            foreach (var (name, bytes) in files)
            {
                var item = batch.Queue(name, bytes);
                item.Start("another-node", app.Clock.GetUtcNow().AddDays(1)); // leased by a live node: the worker leaves it alone
                if (!reading)
                {
                    item.Finish(await ImportConverter.ConvertAsync(item.ToInput(), TimeSpan.FromSeconds(30), default), app.Clock.GetUtcNow());
                }
            }

            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            return batch.Id;
        });
}
