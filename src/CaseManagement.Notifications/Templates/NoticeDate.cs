using System.Globalization;
using System.Text.Encodings.Web;
using Fluid.Values;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// A date as a template sees it. Fluid's own date value prints "2026-03-03 10:04:00Z" when written without a filter;
/// notices read better with the day, so plain output uses <see cref="NoticeLiquid.DefaultDateFormat"/>. It reports itself
/// as a Liquid date, so the built-in <c>date</c> filter formats it like any other date.
/// </summary>
internal sealed class NoticeDate(DateTimeOffset value) : FluidValue
{
    public DateTimeOffset Value { get; } = value.ToUniversalTime();

    public override FluidValues Type => FluidValues.DateTime;

    public override bool Equals(FluidValue other) => other.ToObjectValue() is DateTimeOffset date && date == Value;

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => Value.ToUnixTimeMilliseconds();

    // The .NET spelling of DefaultDateFormat ("%-d %B %Y"), so {{ d }} and {{ d | date }} read the same.
    public override string ToStringValue() => Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public override object ToObjectValue() => Value;

    [Obsolete("Fluid marks the synchronous writer obsolete but still requires it.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        writer.Write(encoder.Encode(ToStringValue()));

    public override bool Equals(object? obj) => obj is NoticeDate other && other.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();
}
