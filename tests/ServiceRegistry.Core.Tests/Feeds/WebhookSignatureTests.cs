using System.Text;
using ServiceRegistry.Core.Feeds;

namespace ServiceRegistry.Core.Tests.Feeds;

/// <summary>The signature is Standard Webhooks' own, so receivers can use that project's libraries to verify it.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Sign_StandardWebhooksExample_GivesItsSignature()
    {
        // Arrange: the example of the Standard Webhooks specification and its reference libraries
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

        // Act
        var signature = WebhookSignature.Sign(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);

        // Assert
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("msg_other", 1614265330, "{\"test\": 2432232314}")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, "{\"test\": 2432232314}")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232315}")]
    public void Verify_AnyPartChanged_IsFalse(string id, long timestamp, string body)
    {
        // Act
        var valid = WebhookSignature.Verify(Secret, id, timestamp, Encoding.UTF8.GetBytes(body), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        // Assert
        Assert.False(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("whsec_c2hvcnQ=")] // 5 bytes
    [InlineData("whsec_not base64!")]
    public void Problems_SecretNotAWhsecKeyOf24Bytes_IsNamed(string secret)
    {
        // Act
        var problems = WebhookSubscription.Problems("x", "https://example.org/hook", secret == "" ? "whsec_" : secret, [PublicChangeKind.Published]);

        // Assert
        Assert.Contains(problems, p => p.Contains("whsec_", StringComparison.Ordinal));
    }
}
