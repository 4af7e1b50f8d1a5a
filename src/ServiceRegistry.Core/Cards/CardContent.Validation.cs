using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>How serious a <see cref="CardProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>The value is wrong (a malformed IBAN, a negative amount, no title): the card is not stored.</summary>
    Error,

    /// <summary>Something the form asks for is missing (the text after a ticked «سایر»): a draft may be stored with it.</summary>
    Warning,
}

public sealed partial class CardContent
{
    /// <summary>
    /// Every rule a person entering a card should be told about, as JSON paths with Persian messages:
    /// the <see cref="StructuralProblems"/>, the agency, the form of bank accounts (Iranian IBAN with its
    /// check digits, or a plain account number), web addresses, phone and e-mail (errors), and the text a ticked
    /// «سایر» asks for (warnings: a draft may be saved without it). The form, the API and importers use this list.
    /// </summary>
    public IReadOnlyList<CardProblem> ValidationProblems()
    {
        var problems = StructuralProblems().ToList();
        if (Provider is null || Fees?.BankAccounts is null || WebAddresses is null || FormFiller is null || LifeEvents is null
            || Triggers is null || Stages is null || Stages.All().Any(s => s.Stage?.Channels is null || s.Stage.InPersonReasons is null))
        {
            return problems; // the shape itself is broken (StructuralProblems says where); the finer rules need it whole
        }

        void Error(string path, string message) => problems.Add(new CardProblem(path, message));
        void Warn(string path, string message) => problems.Add(new CardProblem(path, message, ProblemSeverity.Warning));

        if (string.IsNullOrWhiteSpace(Provider.Agency))
        {
            Error("$.provider.agency", "نام دستگاه اجرایی لازم است.");
        }

        for (var i = 0; i < Fees.BankAccounts.Count; i++)
        {
            if (Fees.BankAccounts[i] is { Number: { Length: > 0 } number } && AccountNumberProblem(number) is { } message)
            {
                Error($"$.fees.bankAccounts[{i}].number", message);
            }
        }

        for (var i = 0; i < WebAddresses.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(WebAddresses[i]) && !IsWebAddress(WebAddresses[i]))
            {
                Error($"$.webAddresses[{i}]", "نشانی وب درست نیست؛ مانند www.example.ir یا https://example.ir/service بنویسید.");
            }
        }

        if (!string.IsNullOrWhiteSpace(FormFiller.Phone) && !IsPhone(FormFiller.Phone))
        {
            Error("$.formFiller.phone", "شماره تلفن درست نیست؛ فقط رقم، با پیش‌شماره یا داخلی (مانند ۰۶۶-۳۳۲۲۱۴۶۵ داخلی ۲۱۲).");
        }

        if (!string.IsNullOrWhiteSpace(FormFiller.Email) && !EmailPattern().IsMatch(FormFiller.Email.Trim()))
        {
            Error("$.formFiller.email", "نشانی پست الکترونیک درست نیست (مانند name@example.ir).");
        }

        const string OtherText = "«سایر» انتخاب شده است؛ بنویسید منظور چیست.";
        if (LifeEvents.Contains(LifeEvent.Other) && string.IsNullOrWhiteSpace(LifeEventOther))
        {
            Warn("$.lifeEventOther", OtherText);
        }

        if (Triggers.Contains(Trigger.Other) && string.IsNullOrWhiteSpace(TriggerOther))
        {
            Warn("$.triggerOther", OtherText);
        }

        foreach (var (key, stage) in Stages.All())
        {
            if (stage.Channels.Contains(Channel.Other) && string.IsNullOrWhiteSpace(stage.ChannelOther))
            {
                Warn($"$.stages.{key}.channelOther", "«سایر» انتخاب شده است؛ نحوه دسترسی را بنویسید.");
            }

            if (stage.InPersonReasons.Contains(InPersonReason.Other) && string.IsNullOrWhiteSpace(stage.InPersonReasonOther))
            {
                Warn($"$.stages.{key}.inPersonReasonOther", OtherText);
            }
        }

        return problems;
    }

    /// <summary>
    /// What is wrong with a bank account number, or null when it is fine. An Iranian IBAN (شبا) is IR and 24 digits
    /// whose ISO 13616 check (mod 97) holds; anything else must be a plain account number: 5 to 26 digits, optionally
    /// grouped with '-', '/', '.' or spaces. Persian and Arabic-Indic digits count as digits.
    /// </summary>
    public static string? AccountNumberProblem(string number)
    {
        var text = PersianText.ToLatinDigits(number).Trim();
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (compact.StartsWith("IR", StringComparison.Ordinal))
        {
            if (compact.Length != 26 || !compact[2..].All(char.IsAsciiDigit))
            {
                return "شماره شبا باید IR و پس از آن ۲۴ رقم باشد.";
            }

            return IbanChecksumHolds(compact) ? null : "شماره شبا درست نیست (رقم‌های کنترلی آن نمی‌خواند)؛ دوباره از روی کارت یا نامه بانک بخوانید.";
        }

        var digits = text.Count(char.IsAsciiDigit);
        var allowed = text.All(c => char.IsAsciiDigit(c) || c is '-' or '/' or '.' or ' ');
        return allowed && digits is >= 5 and <= 26
            ? null
            : "شماره حساب باید شبای ایران (IR و ۲۴ رقم) یا شماره حساب عددی (۵ تا ۲۶ رقم) باشد.";
    }

    /// <summary>ISO 13616: move the country code and check digits to the end, letters to numbers (A=10 … Z=35), mod 97 = 1.</summary>
    private static bool IbanChecksumHolds(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c)
            ? c.ToString()
            : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }

    /// <summary>A host as written on the form (www.example.ir) or an http(s) URL.</summary>
    public static bool IsWebAddress(string text) => WebAddressPattern().IsMatch(PersianText.ToLatinDigits(text).Trim());

    /// <summary>A phone number: digits with optional +, spaces, '-', '/' or brackets, 4 to 15 digits, optionally «داخلی» and an extension.</summary>
    public static bool IsPhone(string text)
    {
        var match = PhonePattern().Match(PersianText.ToLatinDigits(text).Trim());
        return match.Success && match.Groups["number"].Value.Count(char.IsAsciiDigit) is >= 4 and <= 15;
    }

    /// <summary>
    /// Cleans what a form (or any other writer) left: blank rows of lists are removed, text is trimmed (empty becomes
    /// null, except the required title), and phone and bank-account numbers are written with Latin digits (the spec
    /// stores phone numbers so). Call it before <see cref="ValidationProblems"/> and before saving.
    /// </summary>
    public CardContent Tidy()
    {
        Title = Title?.Trim() ?? "";
        ServiceId = Clean(ServiceId);
        ParentServiceId = Clean(ParentServiceId);
        ProcessTitle = Clean(ProcessTitle);
        ExecutionMethod = Clean(ExecutionMethod);
        Provider ??= new();
        Provider.Agency = Clean(Provider.Agency);
        Provider.ParentAgency = Clean(Provider.ParentAgency);
        Provider.Unit = Clean(Provider.Unit);
        Provider.Province = Clean(Provider.Province);
        Description = Clean(Description);
        Audience = Clean(Audience);
        LifeEventOther = Clean(LifeEventOther);
        TriggerOther = Clean(TriggerOther);
        ServiceTypes = Distinct(ServiceTypes);
        Levels = Distinct(Levels);
        LifeEvents = Distinct(LifeEvents);
        Triggers = Distinct(Triggers);
        RequiredDocuments = Texts(RequiredDocuments);
        Laws = Texts(Laws);
        Recipients ??= new();
        Recipients.Unit = Clean(Recipients.Unit);
        AverageDuration ??= new();
        AverageDuration.Text = Clean(AverageDuration.Text);
        Frequency ??= new();
        Frequency.Text = Clean(Frequency.Text);
        InPersonVisits ??= new();
        InPersonVisits.Text = Clean(InPersonVisits.Text);
        Fees ??= new();
        Fees.AmountsRials ??= [];
        Fees.Note = Clean(Fees.Note);
        Fees.BankAccounts = (Fees.BankAccounts ?? []).Where(b => b is not null).ToList();
        foreach (var account in Fees.BankAccounts)
        {
            account.Number = Latin(account.Number) ?? "";
            account.Holder = Clean(account.Holder);
        }

        Fees.BankAccounts.RemoveAll(b => CardRows.IsBlank(b));
        WebAddresses = Texts(WebAddresses).Where(w => !w.TrimEnd('.').Equals("www", StringComparison.OrdinalIgnoreCase)).ToList();
        SystemName = Clean(SystemName);
        Stages ??= new();
        foreach (var (_, stage) in Stages.All())
        {
            stage.Channels = Distinct(stage.Channels);
            stage.InPersonReasons = Distinct(stage.InPersonReasons);
            stage.VisitLevels = Distinct(stage.VisitLevels);
            stage.ChannelOther = Clean(stage.ChannelOther);
            stage.CounterContract = Clean(stage.CounterContract);
            stage.InPersonReasonOther = Clean(stage.InPersonReasonOther);
        }

        InternalSystemLinks = (InternalSystemLinks ?? []).Where(l => l is not null).ToList();
        foreach (var link in InternalSystemLinks)
        {
            link.SystemName = Clean(link.SystemName);
            link.ExchangedFields = Clean(link.ExchangedFields);
        }

        InternalSystemLinks.RemoveAll(l => CardRows.IsBlank(l));
        ExternalAgencyLinks = (ExternalAgencyLinks ?? []).Where(l => l is not null).ToList();
        foreach (var link in ExternalAgencyLinks)
        {
            link.Agency = Clean(link.Agency);
            link.SystemName = Clean(link.SystemName);
            link.ExchangedFields = Clean(link.ExchangedFields);
        }

        ExternalAgencyLinks.RemoveAll(l => CardRows.IsBlank(l));
        ProcessSteps = Texts(ProcessSteps);
        FormFiller ??= new();
        FormFiller.Name = Clean(FormFiller.Name);
        FormFiller.Unit = Clean(FormFiller.Unit);
        FormFiller.Phone = Latin(FormFiller.Phone);
        FormFiller.Email = Clean(FormFiller.Email);
        Permits = (Permits ?? []).Where(p => p is not null).ToList();
        foreach (var permit in Permits)
        {
            permit.Title = permit.Title?.Trim() ?? "";
            permit.LegalBasis = Clean(permit.LegalBasis);
            permit.RequiredDocuments = Texts(permit.RequiredDocuments);
            permit.Validity = Clean(permit.Validity);
            permit.ApplicantTypes = Distinct(permit.ApplicantTypes);
            permit.ProcessDuration = Clean(permit.ProcessDuration);
            permit.Supervisors = Clean(permit.Supervisors);
            permit.Notes = Clean(permit.Notes);
            permit.Inquiries = (permit.Inquiries ?? []).Where(i => i is not null).ToList();
            foreach (var inquiry in permit.Inquiries)
            {
                inquiry.Agency = Clean(inquiry.Agency);
                inquiry.Kind = Clean(inquiry.Kind);
                inquiry.RequiredDocuments = Texts(inquiry.RequiredDocuments);
                inquiry.Validity = Clean(inquiry.Validity);
                inquiry.Duration = Clean(inquiry.Duration);
                inquiry.Notes = Clean(inquiry.Notes);
            }

            permit.Inquiries.RemoveAll(i => CardRows.IsBlank(i));
        }

        Permits.RemoveAll(p => CardRows.IsBlank(p));
        Unmapped = Texts(Unmapped);
        return this;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Latin(string? text) => Clean(text) is { } t ? PersianText.ToLatinDigits(t) : null;

    private static List<string> Texts(List<string>? items) =>
        (items ?? []).Select(Clean).OfType<string>().ToList();

    private static List<T> Distinct<T>(List<T>? items) where T : struct, Enum => (items ?? []).Distinct().ToList();

    [GeneratedRegex(@"^(https?://)?([\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}(:\d{1,5})?(/\S*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddressPattern();

    [GeneratedRegex(@"^(?<number>\+?[0-9][0-9 ()/-]*[0-9])(\s*(داخلی|داخلي|ext\.?)\s*[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
