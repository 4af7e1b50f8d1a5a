using System.Net.Http.Headers;
using CsCheck;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Tests.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.FuzzTests;

/// <summary>
/// .docx, .xlsx and .zip files mutated from valid ones (issue 13), through the importers in process and through the
/// API's spreadsheet import: a file is read or refused with a reason (FormImportException, InvalidDataException), never
/// any other exception, never a 5xx, never longer than <see cref="Fuzz.PerInput"/>.
/// </summary>
public sealed class ImporterFuzzTests : IAsyncLifetime
{
    private static readonly byte[] Form = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "forms", "residence-documents.txt"));
    private static readonly byte[] Docx = TestDocx.Build(System.Text.Encoding.UTF8.GetString(Form), CheckBoxKind.ContentControl);
    private static readonly byte[] Archive = Fuzz.Zip([("a/residence-documents.txt", Form), ("a/card.docx", Docx), ("readme.md", "# فهرست"u8.ToArray())]);

    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private byte[] _workbook = [];

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمون فاز", "تهران"));
        await _app.SeedAsync(new CardBuilder().Titled("صدور پروانه").Described("شرح").Published("10000000001"), new CardBuilder().Titled("تمدید پروانه").Published("10000000002"));
        _workbook = await _app.CreateBrowserlessClient().GetByteArrayAsync("/api/v1/services/export?format=xlsx", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Gen<byte[]> Files(byte[] valid) => Gen.Frequency((1, Fuzz.Mutated(valid)), (1, Fuzz.PartMutated(valid)));

    [Fact]
    public async Task WordImporter_MutatedDocx_ReadsOrRefusesWithAReason()
    {
        Assert.NotNull(LegacyFormImporter.Import("card.docx", Docx, TestContext.Current.CancellationToken)); // the seed is valid

        await Files(Docx).SampleAsync(async docx => await Fuzz.BoundedAsync(ct =>
        {
            try
            {
                LegacyFormImporter.Import("card.docx", docx, ct);
            }
            catch (FormImportException)
            {
            }
        }, () => Fuzz.Keep(docx, ".docx")), iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: Fuzz.Describe);
    }

    [Fact]
    public async Task SpreadsheetImporter_MutatedXlsx_ReadsOrRefusesWithAReason()
    {
        Assert.Equal(2, ExcelImport.Read(_workbook, TestContext.Current.CancellationToken).Count); // the seed is valid

        await Files(_workbook).SampleAsync(async xlsx => await Fuzz.BoundedAsync(ct =>
        {
            try
            {
                ExcelImport.Read(xlsx, ct);
            }
            catch (InvalidDataException)
            {
            }
        }, () => Fuzz.Keep(xlsx, ".xlsx")), iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: Fuzz.Describe);
    }

    [Fact]
    public async Task ZipBatch_MutatedArchive_EachFileReadOrRefusedWithAReason()
    {
        await Files(Archive).SampleAsync(async zip => await Fuzz.BoundedAsync(ct =>
        {
            foreach (var input in ImportInputs.FromZip("batch.zip", zip))
            {
                if (input.Load is null)
                {
                    Assert.False(string.IsNullOrWhiteSpace(input.Error));
                    continue;
                }

                try
                {
                    LegacyFormImporter.Import(input.DisplayName, input.Load(ct), ct);
                }
                catch (FormImportException)
                {
                }
            }
        }, () => Fuzz.Keep(zip, ".zip")), iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: Fuzz.Describe);
    }

    [Fact]
    public async Task ApiImport_MutatedXlsx_NeverAnswers5xx()
    {
        await Files(_workbook).SampleAsync(async xlsx =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services/import") { Content = new ByteArrayContent(xlsx) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            await Fuzz.SendAsync(_editor, request, () => Fuzz.Keep(xlsx, ".xlsx"));
        }, iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: Fuzz.Describe);

        await Fuzz.AssertHealthyAsync(_editor);
    }
}
