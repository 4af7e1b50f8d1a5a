using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Core.Tests.Imports;

namespace ServiceRegistry.Core.Tests.Cards;

/// <summary>Completeness from the field descriptor (<see cref="ExpectedFields"/>) counts exactly what the hand-written
/// list counted before (kept below as the reference), so the stored FieldsFilled/FieldsExpected stay right.</summary>
public sealed class ExpectedFieldsTests
{
    /// <summary>The demo cards, every imported test form and an empty card.</summary>
    public static TheoryData<string> Cards()
    {
        var data = new TheoryData<string>();
        foreach (var content in DemoData.Cards().Select(c => CardJson.Read(c.Json).Content!)
            .Concat(Directory.GetFiles(Fixtures.Forms, "*.txt").Select(f => LegacyFormImporter.Import(Path.GetFileName(f), File.ReadAllBytes(f)).Draft))
            .Append(new CardContent()))
        {
            data.Add(CardJson.Serialize(content));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Completeness_IsWhatTheHandWrittenListCounted(string json)
    {
        // Arrange: the card, and copies with the conditional fields switched on (and parts left out)
        var card = CardJson.ReadTrusted(json);
        var varied = CardJson.ReadTrusted(json);
        varied.LifeEvents = [LifeEvent.Other];
        varied.Triggers = [Trigger.Other];
        varied.Fees = new Fees { AmountsRials = [0, 5_000] };
        varied.Stages.Request = new Stage { Electronic = true, Channels = [Channel.Other], InPerson = true, InPersonReasons = [InPersonReason.Other] };
        varied.Stages.Delivery = null!;
        var bare = CardJson.ReadTrusted(json);
        bare.Fees = null!;
        bare.Stages = null!;
        bare.Provider = null!;
        bare.FormFiller = null!;

        foreach (var content in new[] { card, varied, bare })
        {
            // Act
            var actual = content.Completeness();
            var expected = Reference(content);

            // Assert
            Assert.Equal(expected.Expected, actual.Expected);
            Assert.Equal(expected.Filled, actual.Filled);
            Assert.Equal(expected.Missing.Select(m => m.Path), actual.Missing.Select(m => m.Path));
        }
    }

    [Fact]
    public void Labels_AreTheModelsDisplayNames()
    {
        // Act
        var labels = ExpectedFields.All.ToDictionary(f => f.Path, f => f.Label);

        // Assert
        Assert.Equal("آدرس دقیق و مستقیم خدمت در وبگاه", labels["$.webAddresses"]);
        Assert.Equal("هزینه ارائه خدمت › شماره حساب (های) بانکی", labels["$.fees.bankAccounts"]);
        Assert.Equal("مراحل خدمت › در مرحله درخواست خدمت › رسانه ارتباطی خدمت", labels["$.stages.request.channels"]);
        Assert.All(ExpectedFields.All, f => Assert.DoesNotContain("$", f.Label, StringComparison.Ordinal));
    }

    /// <summary>Completeness as it was written before the descriptor (counts and paths only).</summary>
    private static CardCompleteness Reference(CardContent c)
    {
        var expected = 0;
        var missing = new List<MissingField>();
        void Expect(string path, bool filled)
        {
            expected++;
            if (!filled)
            {
                missing.Add(new MissingField(path, ""));
            }
        }

        static bool Has(string? text) => !string.IsNullOrWhiteSpace(text);

        Expect("$.title", Has(c.Title));
        Expect("$.provider.agency", Has(c.Provider?.Agency));
        Expect("$.description", Has(c.Description));
        Expect("$.serviceTypes", c.ServiceTypes is { Count: > 0 });
        Expect("$.audience", Has(c.Audience));
        Expect("$.nature", c.Nature is not null);
        Expect("$.levels", c.Levels is { Count: > 0 });
        Expect("$.lifeEvents", c.LifeEvents is { Count: > 0 });
        if (c.LifeEvents?.Contains(LifeEvent.Other) == true)
        {
            Expect("$.lifeEventOther", Has(c.LifeEventOther));
        }

        Expect("$.triggers", c.Triggers is { Count: > 0 });
        if (c.Triggers?.Contains(Trigger.Other) == true)
        {
            Expect("$.triggerOther", Has(c.TriggerOther));
        }

        Expect("$.requiredDocuments", c.RequiredDocuments?.Any(Has) == true);
        Expect("$.laws", c.Laws?.Any(Has) == true);
        Expect("$.recipients.count", c.Recipients?.Count is not null);
        Expect("$.averageDuration.value", c.AverageDuration?.Value is not null || Has(c.AverageDuration?.Text));
        Expect("$.frequency.times", c.Frequency is { OnceForever: true } or { Times: not null } || Has(c.Frequency?.Text));
        var fees = c.Fees ?? new Fees();
        Expect("$.fees.amountsRials", fees.Free || fees.AmountsRials is { Count: > 0 });
        if (!fees.Free && fees.AmountsRials is { Count: > 0 } && fees.AmountsRials.Any(a => a > 0))
        {
            Expect("$.fees.bankAccounts", fees.BankAccounts is { Count: > 0 });
        }

        var anyElectronic = false;
        foreach (var (key, stage) in (c.Stages ?? new Stages()).All())
        {
            Expect($"$.stages.{key}", stage is { Electronic: true } or { InPerson: true });
            if (stage is null)
            {
                continue;
            }

            anyElectronic |= stage.Electronic;
            if (stage.Electronic)
            {
                Expect($"$.stages.{key}.channels", stage.Channels is { Count: > 0 });
            }

            if (stage.Channels?.Contains(Channel.Other) == true)
            {
                Expect($"$.stages.{key}.channelOther", Has(stage.ChannelOther));
            }

            if (stage.InPerson)
            {
                Expect($"$.stages.{key}.inPersonReasons", stage.InPersonReasons is { Count: > 0 });
            }

            if (stage.InPersonReasons?.Contains(InPersonReason.Other) == true)
            {
                Expect($"$.stages.{key}.inPersonReasonOther", Has(stage.InPersonReasonOther));
            }
        }

        if (anyElectronic)
        {
            Expect("$.webAddresses", c.WebAddresses?.Any(Has) == true);
            Expect("$.systemName", Has(c.SystemName));
        }

        Expect("$.processSteps", c.ProcessSteps?.Any(Has) == true);
        Expect("$.formFiller.name", Has(c.FormFiller?.Name));
        Expect("$.formFiller.phone", Has(c.FormFiller?.Phone));
        return new CardCompleteness(0, expected - missing.Count, expected, missing);
    }
}
