using System.Globalization;
using System.Text.RegularExpressions;
using Portfolio.Api.Http;

namespace Portfolio.Api.Audit;

// The filters of GET /api/audit, read as django-filter reads them: the last value of each
// parameter, an empty value as no filter, and each wrong value named in a DRF 400 body.
internal sealed partial record AuditFilters(
    string? Actor, long? ActorId, string? Action, string? ObjectType, long? ObjectId, DateTime? Since, DateTime? Until)
{
    public const string ActorParameter = "actor";
    public const string ActorIdParameter = "actor_id";
    public const string ActionParameter = "action";
    public const string ObjectTypeParameter = "object_type";
    public const string ObjectIdParameter = "object_id";
    public const string SinceParameter = "since";
    public const string UntilParameter = "until";

    // Django's form messages.
    public const string InvalidDateTime = "Enter a valid date/time.";
    public const string InvalidNumber = "Enter a whole number.";
    public const string ObjectIdNeedsType = "Give object_type with object_id.";

    public static AuditFilters Read(IQueryCollection query, ValidationErrors errors)
    {
        string? Value(string name) => query[name].LastOrDefault() is { Length: > 0 } value ? value : null;

        var action = Choice(Value(ActionParameter), AuditActions.All, ActionParameter, errors);
        var objectType = Choice(Value(ObjectTypeParameter), AuditObjects.All, ObjectTypeParameter, errors);
        var objectId = Number(Value(ObjectIdParameter), ObjectIdParameter, errors);
        if (objectId is not null && Value(ObjectTypeParameter) is null)
        {
            errors.Add(ObjectIdParameter, ObjectIdNeedsType);
        }

        return new AuditFilters(
            Text(Value(ActorParameter), ActorParameter, errors),
            Number(Value(ActorIdParameter), ActorIdParameter, errors),
            action,
            objectType,
            objectId,
            Time(Value(SinceParameter), SinceParameter, errors),
            Time(Value(UntilParameter), UntilParameter, errors));
    }

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (Actor is not null)
        {
            entries = entries.Where(e => e.Actor == Actor);
        }

        if (ActorId is not null)
        {
            entries = entries.Where(e => e.ActorId == ActorId);
        }

        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }

        if (ObjectType is not null)
        {
            entries = entries.Where(e => e.ObjectType == ObjectType);
        }

        if (ObjectId is not null)
        {
            entries = entries.Where(e => e.ObjectId == ObjectId);
        }

        if (Since is not null)
        {
            entries = entries.Where(e => e.At >= Since);
        }

        if (Until is not null)
        {
            entries = entries.Where(e => e.At <= Until);
        }

        return entries;
    }

    private static string? Choice(string? value, IReadOnlySet<string> choices, string name, ValidationErrors errors)
    {
        if (value is null || choices.Contains(value))
        {
            return value;
        }

        errors.Add(name, $"Select a valid choice. {value} is not one of the available choices.");
        return null;
    }

    // A CharFilter's one complaint; PostgreSQL text could not hold a NUL to compare with.
    private static string? Text(string? value, string name, ValidationErrors errors)
    {
        if (value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            errors.Add(name, JsonFields.NullCharacters);
            return null;
        }

        return value;
    }

    private static long? Number(string? value, string name, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(name, InvalidNumber);
        return null;
    }

    // ISO 8601 as Django's parse_datetime takes it (a space for the T, seconds and fractions
    // optional, Z or an offset, none meaning UTC), or a date alone for its midnight.
    private static DateTime? Time(string? value, string name, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var time = ParseTime(value);
        if (time is null)
        {
            errors.Add(name, InvalidDateTime);
        }

        return time;
    }

    public static DateTime? ParseTime(string value)
    {
        var match = IsoDateTime().Match(value.Trim());
        return match.Success && TryBuild(match, out var time) ? time : null;
    }

    private static bool TryBuild(Match match, out DateTime time)
    {
        time = default;
        int Part(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.PadRight(6, '0') : "0";
        var offset = TimeSpan.Zero;
        if (match.Groups["zone"] is { Success: true, Value: not ("Z" or "z") } zone)
        {
            var digits = zone.Value[1..].Replace(":", "", StringComparison.Ordinal);
            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
            offset = new TimeSpan(hours, minutes, 0) * (zone.Value[0] == '-' ? -1 : 1);
        }

        // Out of range (month 13, offset +99:00) is as invalid as malformed.
        try
        {
            var local = new DateTime(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"), Part("second"), DateTimeKind.Unspecified)
                .AddTicks(int.Parse(fraction, CultureInfo.InvariantCulture) * TimeSpan.TicksPerMicrosecond);
            time = new DateTimeOffset(local, offset).UtcDateTime;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // [0-9], not \d: \d is any script's digits, which int.Parse would then refuse.
    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})(?:[T ](?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2})(?::(?<second>[0-9]{1,2})(?:[.,](?<fraction>[0-9]{1,6})[0-9]*)?)?[ ]*(?<zone>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
