using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Cards;

public sealed class TemplatePartsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 8, 0, 0, TimeSpan.Zero);

    private static CardContent Template() => new()
    {
        Title = "صدور مدارک اقامتی",
        Description = "شرح ملی",
        ServiceTypes = [ServiceType.G2C],
        RequiredDocuments = ["کارت آمایش", "گذرنامه"],
        Fees = new Fees { AmountsRials = [100] },
    };

    private static CardContent Local() => new()
    {
        Title = "عنوان محلی",
        Description = "شرح محلی",
        Provider = new Provider { Agency = "استانداری لرستان", Province = "لرستان" },
        RequiredDocuments = ["مدرک محلی"],
        Fees = new Fees { AmountsRials = [300000] },
        Offices = [new Office { Name = "دفتر اتباع خرم‌آباد", County = "خرم‌آباد" }],
    };

    [Fact]
    public void Effective_NothingOverridden_TakesSharedPartsFromTheTemplateAndKeepsLocalParts()
    {
        // Act
        var effective = TemplateParts.Effective(Template(), Local(), []);

        // Assert: shared parts are the template's
        Assert.Equal("صدور مدارک اقامتی", effective.Title);
        Assert.Equal("شرح ملی", effective.Description);
        Assert.Equal(["کارت آمایش", "گذرنامه"], effective.RequiredDocuments);
        // local parts stay the instance's, even where the template has a value (fees)
        Assert.Equal([300000L], effective.Fees.AmountsRials);
        Assert.Equal("استانداری لرستان", effective.Provider.Agency);
        Assert.Equal("دفتر اتباع خرم‌آباد", Assert.Single(effective.Offices).Name);
    }

    [Fact]
    public void Effective_OverriddenPart_KeepsTheInstancesOwnByKeyOrPath()
    {
        // Act
        var byKey = TemplateParts.Effective(Template(), Local(), ["requiredDocuments"]);
        var byPath = TemplateParts.Effective(Template(), Local(), ["$.description"]);

        // Assert
        Assert.Equal(["مدرک محلی"], byKey.RequiredDocuments);
        Assert.Equal("صدور مدارک اقامتی", byKey.Title);
        Assert.Equal("شرح محلی", byPath.Description);
        Assert.Equal(["کارت آمایش", "گذرنامه"], byPath.RequiredDocuments);
    }

    [Fact]
    public void Effective_DoesNotShareListsWithTheTemplate()
    {
        // Arrange
        var template = Template();

        // Act
        var effective = TemplateParts.Effective(template, Local(), []);
        effective.RequiredDocuments.Add("تغییر در نمونه");

        // Assert
        Assert.Equal(2, template.RequiredDocuments.Count);
    }

    [Theory]
    [InlineData("کارت آمایش", "کارت  آمایش ")] // spacing
    [InlineData("می‌شود", "میشود")] // ZWNJ
    [InlineData("ماده ۱۲ قانون", "ماده 12 قانون")] // digit script
    [InlineData("گذرنامه، کارت آمایش.", "گذرنامه کارت آمایش")] // punctuation
    [InlineData("كارت آمايش", "کارت آمایش")] // Arabic letters
    public void Changed_OnlyFormDiffers_IsNotSubstantive(string before, string after)
    {
        // Arrange
        var a = Template();
        var b = Template();
        a.RequiredDocuments = [before];
        b.RequiredDocuments = [after];

        // Act + Assert
        Assert.Empty(TemplateParts.Changed(a, b));
    }

    [Fact]
    public void Changed_TextOrCodeDiffers_NamesThePartsInFormOrder()
    {
        // Arrange
        var a = Template();
        var b = Template();
        b.RequiredDocuments = ["کارت آمایش", "گذرنامه", "عکس"];
        b.ServiceTypes = [ServiceType.G2B];
        b.Fees.AmountsRials = [5]; // fees are local: not a template part

        // Act + Assert
        Assert.Equal(["serviceTypes", "requiredDocuments"], TemplateParts.Changed(a, b));
    }

    [Fact]
    public void AnswerTemplateChange_AcceptsOnePartAndKeepsAnother_InOneActionAndAudited()
    {
        // Arrange: a published template and an instance whose editor changed the documents locally
        var (template, instance, editor) = TemplateAndInstance();
        var changed = TemplateParts.Take(template.Content, template.Content, []);
        changed.Description = "شرح تازه ملی";
        changed.RequiredDocuments = ["گذرنامه", "عکس"];
        template.Update(changed, Now);
        instance.MarkTemplateChanged(["description", "requiredDocuments"], Actor.System, Now);

        // Act
        var result = instance.AnswerTemplateChange(editor, template, ["$.description"], Now);

        // Assert
        Assert.True(result.Ok, result.Reason);
        Assert.Equal("شرح تازه ملی", instance.Content.Description);
        Assert.Equal(["مدرک محلی"], instance.Content.RequiredDocuments);
        Assert.Equal(["$.requiredDocuments"], instance.Overrides);
        Assert.Null(instance.TemplateChanges);
        Assert.Equal(template.Version, instance.TemplateVersion);
        Assert.Contains(instance.AuditTrail, a => a.Action == "templateAnswered" && a.Detail!.Contains("شرح خدمت", StringComparison.Ordinal));
    }

    [Fact]
    public void AnswerTemplateChange_ByStaffOfAnotherAgency_IsForbidden()
    {
        // Arrange
        var (template, instance, _) = TemplateAndInstance();
        instance.MarkTemplateChanged(["description"], Actor.System, Now);
        var stranger = new Actor(9, "دیگری", new HashSet<string> { Roles.AgencyEditor }, 99, new HashSet<int> { 99 }, null);

        // Act
        var result = instance.AnswerTemplateChange(stranger, template, ["description"], Now);

        // Assert
        Assert.True(result.Forbidden);
        Assert.NotNull(instance.TemplateChanges);
    }

    [Fact]
    public void MayCreateTemplateUnder_NationalBodysStaffAndAdmin_NotProvincialStaff()
    {
        // Arrange
        var ministry = new Agency("وزارت کشور");
        var province = new Agency("استانداری لرستان", "لرستان");
        Actor Staff(Agency a) => new(1, "کارشناس", new HashSet<string> { Roles.AgencyEditor }, a.Id, new HashSet<int> { a.Id }, null);

        // Act + Assert (both agencies have id 0 here: the scope alone would not tell them apart)
        Assert.True(Staff(ministry).MayCreateTemplateUnder(ministry));
        Assert.False(Staff(province).MayCreateTemplateUnder(province));
        Assert.True(Actor.System.MayCreateTemplateUnder(province));
        Assert.False(Actor.Anonymous.MayCreateTemplateUnder(ministry));
    }

    [Fact]
    public void CanInstantiate_DraftTemplateOrStandaloneCard_IsRefused()
    {
        // Arrange
        var draftTemplate = ServiceCard.NewDraft(1, Template(), Now);
        draftTemplate.MakeTemplate();
        var standalone = ServiceCard.FromFile(1, Template(), CardStatus.Published, Now);

        // Act + Assert
        Assert.False(draftTemplate.CanInstantiate().Ok);
        Assert.False(standalone.CanInstantiate().Ok);
    }

    [Fact]
    public void OverridePart_StaysAnOverrideThroughEdits_UntilRevertedToTheTemplatesText()
    {
        // Arrange: the instance overrides the documents; its description is the template's
        var (template, instance, editor) = TemplateAndInstance();
        var version = instance.Version;

        // Act
        var overridden = instance.OverridePart(editor, "$.description", Now);
        instance.Edit(editor, CardJson.Clone(instance.Content), Now); // the description is not changed
        instance.RefreshOverrides(template.Content);
        var again = instance.OverridePart(editor, "description", Now);
        var reverted = instance.RevertPart(editor, template, "requiredDocuments", Now);

        // Assert
        Assert.True(overridden.Ok);
        Assert.False(again.Ok);
        Assert.True(reverted.Ok);
        Assert.Equal(["$.description"], instance.Overrides);
        Assert.Equal(["کارت آمایش", "گذرنامه"], instance.Content.RequiredDocuments);
        Assert.Equal(version + 3, instance.Version);
        Assert.Equal([AuditActions.PartOverridden, AuditActions.PartReverted],
            instance.AuditTrail.Select(a => a.Action).Where(a => a is AuditActions.PartOverridden or AuditActions.PartReverted));
        Assert.Equal(PartState.Overridden, instance.PartStates()["description"]);
        Assert.Equal(PartState.Inherited, instance.PartStates()["requiredDocuments"]);
        Assert.Equal(PartState.Local, instance.PartStates()["fees"]);
    }

    [Fact]
    public void KeepInherited_PostedInheritedPart_KeepsTheStoredText_OverriddenAndLocalPartsTakeThePosted()
    {
        // Arrange
        var (_, instance, _) = TemplateAndInstance();
        var posted = CardJson.Clone(instance.Content);
        posted.Title = "عنوان دست‌کاری‌شده";
        posted.RequiredDocuments = ["مدرک تازه"];
        posted.Fees.AmountsRials = [5];

        // Act
        var kept = instance.KeepInherited(posted);

        // Assert
        Assert.Equal("صدور مدارک اقامتی", kept.Title);
        Assert.Equal(["مدرک تازه"], kept.RequiredDocuments);
        Assert.Equal([5L], kept.Fees.AmountsRials);
    }

    [Fact]
    public void OverridePart_WithATemplateChangePending_OrByAnotherAgency_IsRefused()
    {
        // Arrange
        var (_, instance, editor) = TemplateAndInstance();
        instance.MarkTemplateChanged(["laws"], Actor.System, Now);
        var stranger = new Actor(6, "کارشناس تهران", new HashSet<string> { Roles.AgencyEditor }, 3, new HashSet<int> { 3 }, null);

        // Act
        var pending = instance.OverridePart(editor, "laws", Now);
        var other = instance.OverridePart(stranger, "description", Now);

        // Assert
        Assert.False(pending.Ok);
        Assert.Contains("ابتدا به تغییر الگو پاسخ دهید", pending.Reason, StringComparison.Ordinal);
        Assert.True(other.Forbidden);
    }

    [Fact]
    public void NewInstanceFromEntry_EntryWithOnlyLocalParts_IsTheCardTheTemplatesFormMakes()
    {
        // Arrange: an entered row that leaves every shared part blank
        var template = PublishedTemplate();
        var entry = new CardContent
        {
            Provider = new Provider { Agency = "استانداری لرستان", Province = "لرستان" },
            Fees = new Fees { AmountsRials = [300000] },
        };

        // Act
        var fromForm = ServiceCard.NewInstance(2, template, CardJson.Clone(entry), Now, "کارشناس");
        var fromEntry = ServiceCard.NewInstanceFromEntry(2, template, CardJson.Clone(entry), Now, "کارشناس");

        // Assert
        Assert.Equal(CardJson.ToCompact(fromForm.Content), CardJson.ToCompact(fromEntry.Content));
        Assert.Equal("", fromEntry.OverriddenParts);
        Assert.Equal((template.Id, template.Version, CardStatus.Draft, 2), (fromEntry.TemplateId, fromEntry.TemplateVersion, fromEntry.Status, fromEntry.AgencyId));
        Assert.Equal((fromForm.TemplateId, fromForm.TemplateVersion, fromForm.Status, fromForm.AgencyId), (fromEntry.TemplateId, fromEntry.TemplateVersion, fromEntry.Status, fromEntry.AgencyId));
        Assert.Equal("صدور مدارک اقامتی", fromEntry.Content.Title);
        Assert.Equal([300000L], fromEntry.Content.Fees.AmountsRials);
    }

    [Fact]
    public void NewInstanceFromEntry_SharedPartWrittenOtherwise_IsKeptAsAnOverride_TheSameTextIsInherited()
    {
        // Arrange: the row writes the template's title and its own description
        var template = PublishedTemplate();
        var entry = new CardContent { Title = "صدور مدارک اقامتی", Description = "شرح محلی" };

        // Act
        var instance = ServiceCard.NewInstanceFromEntry(2, template, entry, Now, "کارشناس");

        // Assert
        Assert.Equal(["$.description"], instance.Overrides);
        Assert.Equal("شرح محلی", instance.Content.Description);
        Assert.Equal(["کارت آمایش", "گذرنامه"], instance.Content.RequiredDocuments);
        Assert.Equal(PartState.Inherited, instance.PartStates()["title"]);
        Assert.Equal(PartState.Overridden, instance.PartStates()["description"]);
    }

    private static ServiceCard PublishedTemplate()
    {
        var template = ServiceCard.FromFile(1, Template(), CardStatus.Published, Now);
        template.MakeTemplate();
        return template;
    }

    private static (ServiceCard Template, ServiceCard Instance, Actor Editor) TemplateAndInstance()
    {
        var template = PublishedTemplate();
        Assert.True(template.CanInstantiate().Ok);
        var instance = ServiceCard.NewInstance(2, template, Local(), Now, "کارشناس");
        instance.Edit(Editor(), TemplateParts.Effective(template.Content, Local(), ["requiredDocuments"]), Now);
        instance.RefreshOverrides(template.Content);
        Assert.Equal(["$.requiredDocuments"], instance.Overrides);
        return (template, instance, Editor());
    }

    private static Actor Editor() => new(5, "کارشناس لرستان", new HashSet<string> { Roles.AgencyEditor }, 2, new HashSet<int> { 2 }, null);
}
