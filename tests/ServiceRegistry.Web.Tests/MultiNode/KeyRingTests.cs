using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>The data-protection key ring (sign-in cookies, antiforgery tokens) lives in the database, shared by every
/// node; with Registry:KeyCertificatePath it is encrypted there.</summary>
public sealed class KeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_KeysAreInTheDatabaseNotInTheNodesFolder()
    {
        // Arrange
        await using var app = new RegistryApp();
        var user = await app.UserAsync(Roles.NationalAdmin);

        // Act
        var client = await app.ClientAsAsync(user);
        var page = await client.GetAsync("/cards", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
        Assert.False(Directory.Exists(Path.Combine(app.Settings["Registry:DataDirectory"]!, "keys")));
    }

    [Fact]
    public async Task KeyCertificate_Configured_KeysAreEncryptedAtRestAndSignInWorks()
    {
        // Arrange: a certificate file, as an operator would configure on every node
        await using var app = new RegistryApp();
        var pfx = Path.Combine(app.Settings["Registry:DataDirectory"]!, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ServiceRegistry key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "secret-123"), Ct);
        }

        await using var node = app.AnotherNode("node-a", ("Registry:KeyCertificatePath", pfx), ("Registry:KeyCertificatePassword", "secret-123"));
        await using var scope = node.Services.CreateAsyncScope(); // every host of this registry has the certificate
        var user = new TestUser($"admin.{Guid.NewGuid():N}@test.example", Accounts.Password, Roles.NationalAdmin, null, null);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(user.Email, user.Password, user.Role, "مدیر آزمایشی", null, null));

        // Act
        var client = await node.ClientAsAsync(user);
        var page = await client.GetAsync("/cards", Ct);
        var stored = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
